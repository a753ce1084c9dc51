package dev.weft.core.trace;

import dev.weft.api.SpanContext;
import dev.weft.api.SpanKind;
import dev.weft.api.StatusCode;
import java.util.List;

/**
 * An ended span as exporters read it. Valid to read from any thread once the span has reached
 * the exporter through the span processor; nothing changes it any more.
 */
public interface SpanData {

  String name();

  SpanKind kind();

  SpanContext spanContext();

  /** The parent's context; {@link SpanContext#INVALID} for a root span. Never null. */
  SpanContext parentSpanContext();

  /** The name of the instrumentation that created the span, e.g. {@code servlet}. */
  String scopeName();

  long startEpochNanos();

  long endEpochNanos();

  Attributes attributes();

  int droppedAttributesCount();

  /** Never null. */
  List<EventData> events();

  int droppedEventsCount();

  StatusCode statusCode();

  /** The error description; {@code ""} when there is none. Never null. */
  String statusDescription();
}
