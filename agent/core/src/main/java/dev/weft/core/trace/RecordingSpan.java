package dev.weft.core.trace;

import dev.weft.api.Span;
import dev.weft.api.SpanContext;
import dev.weft.api.SpanKind;
import dev.weft.api.StatusCode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * A sampled span that records what is set on it and, once ended, is handed to the span
 * processor as its own {@link SpanData}.
 *
 * <p>Thread-safety: mutators are meant to be called by one thread at a time (the thread that
 * runs the operation); a span handed to another thread must be published safely, as executors
 * and asynchronous servlet containers do. {@link #end()} may race with itself from several
 * threads: exactly one call wins and the span reaches the processor once. Mutators after the end
 * are ignored, so nothing changes a span while it is being exported.
 */
public final class RecordingSpan implements Span, SpanData {

  private static final AtomicIntegerFieldUpdater<RecordingSpan> ENDED =
      AtomicIntegerFieldUpdater.newUpdater(RecordingSpan.class, "ended");

  private final SpanServices services;
  private final String scopeName;
  private final SpanKind kind;
  private final SpanContext spanContext;
  private final SpanContext parentSpanContext;
  private final long startEpochNanos;
  private final AttributesMap attributes;

  private String name;
  private List<EventData> events;
  private int droppedEvents;
  private StatusCode statusCode = StatusCode.UNSET;
  private String statusDescription = "";
  private long endEpochNanos;
  private volatile int ended;

  RecordingSpan(
      SpanServices services,
      String scopeName,
      String name,
      SpanKind kind,
      SpanContext spanContext,
      SpanContext parentSpanContext,
      long startEpochNanos) {
    this.services = services;
    this.scopeName = scopeName;
    this.name = name;
    this.kind = kind;
    this.spanContext = spanContext;
    this.parentSpanContext = parentSpanContext;
    this.startEpochNanos = startEpochNanos;
    SpanLimits limits = services.limits();
    this.attributes = new AttributesMap(limits.maxAttributes(), limits.maxAttributeValueLength());
  }

  @Override
  public SpanContext spanContext() {
    return spanContext;
  }

  @Override
  public boolean isRecording() {
    return ended == 0;
  }

  @Override
  public Span setAttribute(String key, String value) {
    if (ended == 0) {
      attributes.put(key, value);
    }
    return this;
  }

  @Override
  public Span setAttribute(String key, long value) {
    if (ended == 0) {
      attributes.put(key, value);
    }
    return this;
  }

  @Override
  public Span setAttribute(String key, double value) {
    if (ended == 0) {
      attributes.put(key, value);
    }
    return this;
  }

  @Override
  public Span setAttribute(String key, boolean value) {
    if (ended == 0) {
      attributes.put(key, value);
    }
    return this;
  }

  @Override
  public Span setAttribute(String key, String[] values) {
    if (ended == 0) {
      attributes.put(key, values);
    }
    return this;
  }

  @Override
  public Span setAttribute(String key, long[] values) {
    if (ended == 0) {
      attributes.put(key, values);
    }
    return this;
  }

  @Override
  public Span setAttribute(String key, double[] values) {
    if (ended == 0) {
      attributes.put(key, values);
    }
    return this;
  }

  @Override
  public Span setAttribute(String key, boolean[] values) {
    if (ended == 0) {
      attributes.put(key, values);
    }
    return this;
  }

  @Override
  public Span addEvent(String eventName) {
    if (ended == 0 && eventName != null) {
      addEventData(eventName, new AttributesMap(0, 0));
    }
    return this;
  }

  @Override
  public Span addEvent(String eventName, Object[] eventAttributes, long epochNanos) {
    if (ended != 0 || eventName == null) {
      return this;
    }
    SpanLimits limits = services.limits();
    AttributesMap attributesMap =
        new AttributesMap(limits.maxAttributesPerEvent(), limits.maxAttributeValueLength());
    if (eventAttributes != null) {
      for (int i = 0; i + 1 < eventAttributes.length; i += 2) {
        if (eventAttributes[i] instanceof String) {
          put(attributesMap, (String) eventAttributes[i], eventAttributes[i + 1]);
        }
      }
    }
    addEventData(eventName, attributesMap, epochNanos > 0L ? epochNanos : services.clock().now());
    return this;
  }

  private static void put(AttributesMap map, String key, Object value) {
    if (value instanceof String) {
      map.put(key, (String) value);
    } else if (value instanceof Long || value instanceof Integer) {
      map.put(key, ((Number) value).longValue());
    } else if (value instanceof Double) {
      map.put(key, ((Double) value).doubleValue());
    } else if (value instanceof Boolean) {
      map.put(key, ((Boolean) value).booleanValue());
    } else if (value instanceof String[]) {
      map.put(key, (String[]) value);
    } else if (value instanceof long[]) {
      map.put(key, (long[]) value);
    } else if (value instanceof double[]) {
      map.put(key, (double[]) value);
    } else if (value instanceof boolean[]) {
      map.put(key, (boolean[]) value);
    }
  }

  @Override
  public Span recordException(Throwable exception) {
    if (ended != 0 || exception == null) {
      return this;
    }
    SpanLimits limits = services.limits();
    AttributesMap eventAttributes =
        new AttributesMap(limits.maxAttributesPerEvent(), limits.maxAttributeValueLength());
    eventAttributes.put("exception.type", exception.getClass().getName());
    String message = exception.getMessage();
    if (message != null) {
      eventAttributes.put("exception.message", message);
    }
    StringWriter stackTrace = new StringWriter();
    exception.printStackTrace(new PrintWriter(stackTrace));
    eventAttributes.put("exception.stacktrace", stackTrace.toString());
    addEventData("exception", eventAttributes);
    return this;
  }

  private void addEventData(String eventName, AttributesMap eventAttributes) {
    addEventData(eventName, eventAttributes, services.clock().now());
  }

  private void addEventData(String eventName, AttributesMap eventAttributes, long epochNanos) {
    if (events == null) {
      events = new ArrayList<EventData>(2);
    }
    if (events.size() >= services.limits().maxEvents()) {
      droppedEvents++;
      return;
    }
    events.add(new EventData(eventName, epochNanos, eventAttributes));
  }

  @Override
  public Span setStatus(StatusCode code) {
    return setStatus(code, null);
  }

  @Override
  public Span setStatus(StatusCode code, String description) {
    // OK is final; UNSET never overrides what was set (OpenTelemetry's status rules).
    if (ended != 0 || code == null || code == StatusCode.UNSET || statusCode == StatusCode.OK) {
      return this;
    }
    statusCode = code;
    statusDescription = code == StatusCode.ERROR && description != null ? description : "";
    return this;
  }

  @Override
  public Span updateName(String newName) {
    if (ended == 0 && newName != null) {
      name = newName;
    }
    return this;
  }

  @Override
  public void end() {
    end(0L);
  }

  @Override
  public void end(long epochNanos) {
    long end = epochNanos > 0L ? epochNanos : services.clock().now();
    if (!ENDED.compareAndSet(this, 0, 1)) {
      return;
    }
    endEpochNanos = end;
    services.counters().onEnd();
    services.processor().onEnd(this);
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
  public SpanContext parentSpanContext() {
    return parentSpanContext;
  }

  @Override
  public String scopeName() {
    return scopeName;
  }

  @Override
  public long startEpochNanos() {
    return startEpochNanos;
  }

  @Override
  public long endEpochNanos() {
    return endEpochNanos;
  }

  @Override
  public Attributes attributes() {
    return attributes;
  }

  @Override
  public int droppedAttributesCount() {
    return attributes.droppedCount();
  }

  @Override
  public List<EventData> events() {
    return events == null ? Collections.<EventData>emptyList() : events;
  }

  @Override
  public int droppedEventsCount() {
    return droppedEvents;
  }

  @Override
  public StatusCode statusCode() {
    return statusCode;
  }

  @Override
  public String statusDescription() {
    return statusDescription;
  }

  @Override
  public String toString() {
    return "RecordingSpan{name="
        + name
        + ", kind="
        + kind
        + ", "
        + spanContext
        + ", parentSpanId="
        + parentSpanContext.spanIdHex()
        + '}';
  }
}
