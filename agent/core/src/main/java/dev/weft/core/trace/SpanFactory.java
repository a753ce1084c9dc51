package dev.weft.core.trace;

import dev.weft.api.SpanContext;
import dev.weft.api.SpanKind;

/** Creates recording spans; the one way in to {@link RecordingSpan}'s constructor. */
public final class SpanFactory {

  private SpanFactory() {}

  public static RecordingSpan start(
      SpanServices services,
      String scopeName,
      String name,
      SpanKind kind,
      SpanContext spanContext,
      SpanContext parentSpanContext) {
    return start(services, scopeName, name, kind, spanContext, parentSpanContext, 0L);
  }

  /** Like the other {@code start}, with the start time the caller measured; 0 means now. */
  public static RecordingSpan start(
      SpanServices services,
      String scopeName,
      String name,
      SpanKind kind,
      SpanContext spanContext,
      SpanContext parentSpanContext,
      long startEpochNanos) {
    services.counters().onStart();
    return new RecordingSpan(
        services,
        scopeName,
        name,
        kind,
        spanContext,
        parentSpanContext,
        startEpochNanos > 0L ? startEpochNanos : services.clock().now());
  }
}
