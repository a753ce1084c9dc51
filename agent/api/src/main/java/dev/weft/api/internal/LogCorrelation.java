package dev.weft.api.internal;

import dev.weft.api.Context;
import dev.weft.api.SpanContext;

/**
 * What the logging instrumentations add to a log event so that its line names the request that
 * wrote it: the keys, which are those the OpenTelemetry agent uses, so that dashboards and log
 * queries written for it keep working, and the values, taken from the span current on the
 * thread that logs.
 *
 * <p>Stateless and thread-safe.
 */
public final class LogCorrelation {

  public static final String TRACE_ID = "trace_id";
  public static final String SPAN_ID = "span_id";
  public static final String TRACE_FLAGS = "trace_flags";

  private LogCorrelation() {}

  /**
   * The context of the span current on the calling thread, or {@code null} when there is none:
   * a line logged outside any span (at startup, by a background job) carries no ids rather than
   * zeros.
   */
  public static SpanContext currentSpanContext() {
    SpanContext spanContext = Context.current().span().spanContext();
    return spanContext.isValid() ? spanContext : null;
  }

  /**
   * The {@code trace_flags} value: the sampled bit only, as two hex digits ({@code 01} or {@code
   * 00}), as the OpenTelemetry agent prints it; the W3C Level 2 random bit says nothing to a
   * reader of logs.
   */
  public static String traceFlags(SpanContext spanContext) {
    return spanContext.isSampled() ? "01" : "00";
  }
}
