package com.example.bench;

import dev.weft.api.Context;
import io.opentelemetry.instrumentation.annotations.SpanAttribute;
import io.opentelemetry.instrumentation.annotations.WithSpan;

/**
 * Application code for {@code ManualSpanBenchmark}: annotated methods as a team writes them.
 * Outside {@code dev.weft}, whose classes the agent never weaves. Stateless.
 */
public final class PriceCalculator {

  /** A traced method with no attributes. */
  @WithSpan
  public long price(long quantity) {
    return quantity * 3;
  }

  /** A traced method whose two parameters become attributes. */
  @WithSpan("price with attributes")
  public long priceOf(@SpanAttribute("item.sku") String sku, @SpanAttribute("quantity") long quantity) {
    return quantity * 3 + sku.length();
  }

  /** Whether the agent's span is current inside a traced method: true only when it is woven. */
  @WithSpan
  public boolean tracedInside() {
    return Context.current().span().spanContext().isValid();
  }
}
