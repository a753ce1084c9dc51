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
    services.counters().onStart();
    return new RecordingSpan(
        services,
        scopeName,
        name,
        kind,
        spanContext,
        parentSpanContext,
        services.clock().now());
  }
}
