package dev.weft.core.trace;

import dev.weft.core.config.ConfigProperties;

/**
 * Bounds on what one span may hold, as the OpenTelemetry SDK specification defines them. What
 * goes beyond a bound is dropped and counted on the span ({@code dropped_attributes_count},
 * {@code dropped_events_count}). Immutable.
 */
public final class SpanLimits {

  /** No bound on the length of attribute values. */
  public static final int UNLIMITED = Integer.MAX_VALUE;

  public static final SpanLimits DEFAULT = new SpanLimits(128, UNLIMITED, 128, 128);

  private final int maxAttributes;
  private final int maxAttributeValueLength;
  private final int maxEvents;
  private final int maxAttributesPerEvent;

  public SpanLimits(
      int maxAttributes, int maxAttributeValueLength, int maxEvents, int maxAttributesPerEvent) {
    this.maxAttributes = maxAttributes;
    this.maxAttributeValueLength = maxAttributeValueLength;
    this.maxEvents = maxEvents;
    this.maxAttributesPerEvent = maxAttributesPerEvent;
  }

  /**
   * Reads {@code otel.span.attribute.count.limit} (else {@code otel.attribute.count.limit}),
   * {@code otel.span.attribute.value.length.limit} (else {@code
   * otel.attribute.value.length.limit}), {@code otel.span.event.count.limit} and {@code
   * otel.event.attribute.count.limit}.
   */
  public static SpanLimits fromConfig(ConfigProperties config) {
    int attributeCount =
        config.getInt(
            "otel.span.attribute.count.limit",
            config.getInt("otel.attribute.count.limit", DEFAULT.maxAttributes, 0),
            0);
    int valueLength =
        config.getInt(
            "otel.span.attribute.value.length.limit",
            config.getInt("otel.attribute.value.length.limit", UNLIMITED, 0),
            0);
    int events = config.getInt("otel.span.event.count.limit", DEFAULT.maxEvents, 0);
    int eventAttributes =
        config.getInt("otel.event.attribute.count.limit", DEFAULT.maxAttributesPerEvent, 0);
    return new SpanLimits(attributeCount, valueLength, events, eventAttributes);
  }

  public int maxAttributes() {
    return maxAttributes;
  }

  public int maxAttributeValueLength() {
    return maxAttributeValueLength;
  }

  public int maxEvents() {
    return maxEvents;
  }

  public int maxAttributesPerEvent() {
    return maxAttributesPerEvent;
  }
}
