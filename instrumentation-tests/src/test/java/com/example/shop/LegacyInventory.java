package com.example.shop;

import io.opentelemetry.extension.annotations.SpanAttribute;
import io.opentelemetry.extension.annotations.WithSpan;

/**
 * Application code written against the older annotations ({@code
 * io.opentelemetry.extension.annotations}, deprecated since API 1.x), for {@code WithSpanTest}.
 */
public class LegacyInventory {

  @WithSpan(value = "legacy reserve", kind = io.opentelemetry.api.trace.SpanKind.PRODUCER)
  public String reserve(@SpanAttribute("item.sku") String sku) {
    return "reserved " + sku;
  }

  @WithSpan
  public void check() {}
}
