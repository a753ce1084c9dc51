package dev.weft.core.export;

import dev.weft.api.SpanContext;
import dev.weft.api.SpanKind;
import dev.weft.api.StatusCode;
import dev.weft.core.trace.Attributes;
import dev.weft.core.trace.AttributesMap;
import dev.weft.core.trace.EventData;
import dev.weft.core.trace.SpanData;
import java.util.Collections;
import java.util.List;

/** A fixed ended span for exporter and processor tests. */
public final class TestSpan implements SpanData {

  final String name;
  SpanKind kind = SpanKind.INTERNAL;
  SpanContext context =
      SpanContext.create(
          0x4bf92f3577b34da6L,
          0xa3ce929d0e0e4736L,
          0x00f067aa0ba902b7L,
          SpanContext.FLAG_SAMPLED,
          "");
  SpanContext parent = SpanContext.INVALID;
  long startNanos = 1_700_000_000_000_000_000L;
  long endNanos = startNanos + 12_345_678L;
  AttributesMap attributes = new AttributesMap(128, Integer.MAX_VALUE);
  StatusCode status = StatusCode.UNSET;
  String statusDescription = "";

  public TestSpan(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public SpanKind kind() {
    return kind;
  }

  @Override
  public SpanContext spanContext() {
    return context;
  }

  @Override
  public SpanContext parentSpanContext() {
    return parent;
  }

  @Override
  public String scopeName() {
    return "test";
  }

  @Override
  public long startEpochNanos() {
    return startNanos;
  }

  @Override
  public long endEpochNanos() {
    return endNanos;
  }

  @Override
  public Attributes attributes() {
    return attributes;
  }

  @Override
  public int droppedAttributesCount() {
    return 0;
  }

  @Override
  public List<EventData> events() {
    return Collections.emptyList();
  }

  @Override
  public int droppedEventsCount() {
    return 0;
  }

  @Override
  public StatusCode statusCode() {
    return status;
  }

  @Override
  public String statusDescription() {
    return statusDescription;
  }

  @Override
  public String toString() {
    return name;
  }
}
