package com.example.shop;

import dev.weft.api.Context;
import dev.weft.api.SpanContext;
import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import java.util.concurrent.CompletableFuture;

/**
 * Application code as a user writes it, for {@code WithSpanTest}; it reads the agent's current
 * context only to show the test which span was current inside a method.
 */
public class Inventory {

  @WithSpan
  public SpanContext check() {
    return Context.current().span().spanContext();
  }

  @WithSpan(value = "reserve stock", kind = io.opentelemetry.api.trace.SpanKind.CLIENT)
  public String reserve(
      @SpanAttribute("item.sku") String sku,
      @SpanAttribute int quantity,
      @SpanAttribute("express") boolean express,
      @SpanAttribute("weight") double weight,
      String note) {
    return "reserved " + quantity;
  }

  @WithSpan
  public void failing() {
    throw new IllegalStateException("out of stock");
  }

  @WithSpan
  public CompletableFuture<String> later(CompletableFuture<String> pending) {
    return pending;
  }

  @WithSpan(inheritContext = false)
  public void detached() {}

  public static final class Counter {
    @WithSpan
    public static int count() {
      return 1;
    }
  }
}
