package dev.weft.smoke;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One span as the test collector received it, with the resource and scope it came under and the
 * encoding it arrived in. Immutable.
 *
 * @param span the OTLP span
 * @param resource the resource attributes of its ResourceSpans, as Java values (see {@link #value})
 * @param scopeName the instrumentation scope name ("" when absent)
 * @param contentType the media type of the export request that carried it
 */
record ReceivedSpan(Span span, Map<String, Object> resource, String scopeName, String contentType) {

  String name() {
    return span.getName();
  }

  Span.SpanKind kind() {
    return span.getKind();
  }

  String traceId() {
    return Ids.hex(span.getTraceId());
  }

  String spanId() {
    return Ids.hex(span.getSpanId());
  }

  /** The parent span id in hex, or "" for a root span. */
  String parentSpanId() {
    return Ids.hex(span.getParentSpanId());
  }

  Status.StatusCode statusCode() {
    return span.getStatus().getCode();
  }

  long durationNanos() {
    return span.getEndTimeUnixNano() - span.getStartTimeUnixNano();
  }

  /** The span attribute as a Java value (String, Long, Double, Boolean, List, Map), or null. */
  Object attr(String key) {
    return find(span.getAttributesList(), key);
  }

  /** The span attribute if it is a string, else null (so a wrongly typed value never matches). */
  String stringAttr(String key) {
    Object value = attr(key);
    return value instanceof String ? (String) value : null;
  }

  Object resourceAttr(String key) {
    return resource.get(key);
  }

  List<Span.Event> events(String name) {
    List<Span.Event> events = new ArrayList<>();
    for (Span.Event event : span.getEventsList()) {
      if (event.getName().equals(name)) {
        events.add(event);
      }
    }
    return events;
  }

  static Object eventAttr(Span.Event event, String key) {
    return find(event.getAttributesList(), key);
  }

  static Map<String, Object> toMap(List<KeyValue> attributes) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (KeyValue kv : attributes) {
      map.put(kv.getKey(), value(kv.getValue()));
    }
    return map;
  }

  /** An OTLP value as the Java value a test compares with: int → Long, string → String, ... */
  static Object value(AnyValue value) {
    switch (value.getValueCase()) {
      case STRING_VALUE:
        return value.getStringValue();
      case BOOL_VALUE:
        return value.getBoolValue();
      case INT_VALUE:
        return value.getIntValue();
      case DOUBLE_VALUE:
        return value.getDoubleValue();
      case BYTES_VALUE:
        return value.getBytesValue();
      case ARRAY_VALUE:
        List<Object> list = new ArrayList<>();
        for (AnyValue element : value.getArrayValue().getValuesList()) {
          list.add(value(element));
        }
        return list;
      case KVLIST_VALUE:
        return toMap(value.getKvlistValue().getValuesList());
      default:
        return null;
    }
  }

  private static Object find(List<KeyValue> attributes, String key) {
    for (KeyValue kv : attributes) {
      if (kv.getKey().equals(key)) {
        return value(kv.getValue());
      }
    }
    return null;
  }

  /** One line that says what a failing test needs to see: identity, shape and attributes. */
  @Override
  public String toString() {
    Map<String, Object> attributes = toMap(span.getAttributesList());
    List<String> eventNames = new ArrayList<>();
    for (Span.Event event : span.getEventsList()) {
      eventNames.add(event.getName() + toMap(event.getAttributesList()).keySet());
    }
    return "'" + name() + "' " + kind()
        + " trace=" + traceId()
        + " span=" + spanId()
        + " parent=" + (parentSpanId().isEmpty() ? "-" : parentSpanId())
        + " status=" + statusCode()
        + (span.getStatus().getMessage().isEmpty() ? "" : "(" + span.getStatus().getMessage() + ")")
        + " durationMs=" + durationNanos() / 1_000_000
        + " attrs=" + attributes
        + (eventNames.isEmpty() ? "" : " events=" + eventNames)
        + " service.name=" + resource.get("service.name")
        + " via " + contentType;
  }
}
