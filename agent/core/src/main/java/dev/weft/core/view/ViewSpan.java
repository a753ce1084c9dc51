package dev.weft.core.view;

import dev.weft.api.SpanContext;
import dev.weft.core.trace.AttributeType;
import dev.weft.core.trace.Attributes;
import dev.weft.core.trace.EventData;
import dev.weft.core.trace.SpanData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One span as the trace views show it, wherever it came from: a span that just ended in this
 * process ({@link #of(SpanData, String)}) or a span read back from an OTLP/JSON file ({@link
 * OtlpJsonReader}). Ids are lower-case hex; a root has an empty {@link #parentSpanId()}.
 *
 * <p>Attribute values are {@link String}, {@link Long}, {@link Double}, {@link Boolean} or an
 * unmodifiable {@link List} of those. Immutable and thread-safe.
 */
public final class ViewSpan {

  private final String traceId;
  private final String spanId;
  private final String parentSpanId;
  private final boolean parentRemote;
  private final String service;
  private final String name;
  private final String kind;
  private final long startNanos;
  private final long endNanos;
  private final String status;
  private final String statusMessage;
  private final Map<String, Object> attributes;
  private final List<Event> events;

  /**
   * @param parentSpanId hex, or "" for a root
   * @param parentRemote whether the parent is known to be in another process
   * @param kind {@code SERVER}, {@code CLIENT}, {@code INTERNAL}, {@code PRODUCER} or {@code
   *     CONSUMER}
   * @param status {@code UNSET}, {@code OK} or {@code ERROR}
   */
  public ViewSpan(
      String traceId,
      String spanId,
      String parentSpanId,
      boolean parentRemote,
      String service,
      String name,
      String kind,
      long startNanos,
      long endNanos,
      String status,
      String statusMessage,
      Map<String, Object> attributes,
      List<Event> events) {
    this.traceId = orEmpty(traceId);
    this.spanId = orEmpty(spanId);
    this.parentSpanId = orEmpty(parentSpanId);
    this.parentRemote = parentRemote && !this.parentSpanId.isEmpty();
    this.service = service == null || service.isEmpty() ? "unknown_service" : service;
    this.name = orEmpty(name);
    this.kind = kind == null ? "INTERNAL" : kind;
    this.startNanos = startNanos;
    this.endNanos = Math.max(startNanos, endNanos);
    this.status = status == null ? "UNSET" : status;
    this.statusMessage = orEmpty(statusMessage);
    this.attributes = Collections.unmodifiableMap(new LinkedHashMap<String, Object>(attributes));
    this.events = Collections.unmodifiableList(new ArrayList<Event>(events));
  }

  /** {@code span} of the service {@code service}, as this process ended it. */
  public static ViewSpan of(SpanData span, String service) {
    SpanContext context = span.spanContext();
    SpanContext parent = span.parentSpanContext();
    boolean hasParent = parent != null && parent.isValid();
    List<Event> events = new ArrayList<Event>(span.events().size());
    for (EventData event : span.events()) {
      events.add(new Event(event.name(), event.epochNanos(), toMap(event.attributes())));
    }
    return new ViewSpan(
        context.traceIdHex(),
        context.spanIdHex(),
        hasParent ? parent.spanIdHex() : "",
        hasParent && parent.isRemote(),
        service,
        span.name(),
        span.kind() == null ? null : span.kind().name(),
        span.startEpochNanos(),
        span.endEpochNanos(),
        span.statusCode() == null ? null : span.statusCode().name(),
        span.statusDescription(),
        toMap(span.attributes()),
        events);
  }

  static Map<String, Object> toMap(Attributes attributes) {
    Map<String, Object> map = new LinkedHashMap<String, Object>();
    for (int i = 0; attributes != null && i < attributes.size(); i++) {
      map.put(attributes.key(i), value(attributes, i));
    }
    return map;
  }

  private static Object value(Attributes attributes, int i) {
    AttributeType type = attributes.type(i);
    switch (type) {
      case STRING:
        return orEmpty(attributes.stringValue(i));
      case LONG:
        return attributes.longValue(i);
      case DOUBLE:
        return attributes.doubleValue(i);
      case BOOLEAN:
        return attributes.booleanValue(i);
      default:
        return arrayValue(type, attributes.arrayValue(i));
    }
  }

  private static List<Object> arrayValue(AttributeType type, Object array) {
    List<Object> values = new ArrayList<Object>();
    if (type == AttributeType.STRING_ARRAY && array instanceof String[]) {
      values.addAll(Arrays.asList((String[]) array));
    } else if (type == AttributeType.LONG_ARRAY && array instanceof long[]) {
      for (long value : (long[]) array) {
        values.add(value);
      }
    } else if (type == AttributeType.DOUBLE_ARRAY && array instanceof double[]) {
      for (double value : (double[]) array) {
        values.add(value);
      }
    } else if (type == AttributeType.BOOLEAN_ARRAY && array instanceof boolean[]) {
      for (boolean value : (boolean[]) array) {
        values.add(value);
      }
    }
    return Collections.unmodifiableList(values);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  public String traceId() {
    return traceId;
  }

  public String spanId() {
    return spanId;
  }

  /** The parent's span id in hex, or "" for a root. */
  public String parentSpanId() {
    return parentSpanId;
  }

  /**
   * Whether the parent is known to be in another process (it came in a request's headers). A
   * span read from a file does not know; the trace tree tells by the parent's absence.
   */
  public boolean isParentRemote() {
    return parentRemote;
  }

  public String service() {
    return service;
  }

  public String name() {
    return name;
  }

  public String kind() {
    return kind;
  }

  public long startNanos() {
    return startNanos;
  }

  public long endNanos() {
    return endNanos;
  }

  public long durationNanos() {
    return endNanos - startNanos;
  }

  public String status() {
    return status;
  }

  public boolean isError() {
    return "ERROR".equals(status);
  }

  public String statusMessage() {
    return statusMessage;
  }

  public Map<String, Object> attributes() {
    return attributes;
  }

  public List<Event> events() {
    return events;
  }

  /**
   * What went wrong, in one line, for a failed span: the first exception's type and message, else
   * the status message, else {@code error.type}, else "".
   */
  public String errorSummary() {
    for (Event event : events) {
      if ("exception".equals(event.name())) {
        Object type = event.attributes().get("exception.type");
        Object message = event.attributes().get("exception.message");
        String summary = type == null ? "exception" : String.valueOf(type);
        return message == null ? summary : summary + ": " + message;
      }
    }
    if (!statusMessage.isEmpty()) {
      return statusMessage;
    }
    Object errorType = attributes.get("error.type");
    return errorType == null ? "" : String.valueOf(errorType);
  }

  @Override
  public String toString() {
    return service + " '" + name + "' " + kind + " span=" + spanId + " parent=" + parentSpanId;
  }

  /** A timestamped note inside a span. Immutable. */
  public static final class Event {
    private final String name;
    private final long epochNanos;
    private final Map<String, Object> attributes;

    public Event(String name, long epochNanos, Map<String, Object> attributes) {
      this.name = orEmpty(name);
      this.epochNanos = epochNanos;
      this.attributes = Collections.unmodifiableMap(new LinkedHashMap<String, Object>(attributes));
    }

    public String name() {
      return name;
    }

    public long epochNanos() {
      return epochNanos;
    }

    public Map<String, Object> attributes() {
      return attributes;
    }
  }
}
