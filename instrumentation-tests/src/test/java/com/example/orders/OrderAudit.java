package com.example.orders;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.instrumentation.annotations.WithSpan;

/**
 * Application code that mixes {@code @WithSpan} with the OpenTelemetry API, for {@code
 * OpenTelemetryApiTest}.
 */
public class OrderAudit {

  /** Tags the span current inside the method, as the API sees it, and returns its span id. */
  @WithSpan("audit order")
  public String audit(String orderId) {
    Span span = Span.current();
    span.setAttribute("order.id", orderId);
    return span.getSpanContext().getSpanId();
  }
}
