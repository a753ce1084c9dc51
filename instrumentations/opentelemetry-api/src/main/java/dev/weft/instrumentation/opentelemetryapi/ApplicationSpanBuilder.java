package dev.weft.instrumentation.opentelemetryapi;

import dev.weft.api.Tracer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import java.util.concurrent.TimeUnit;

/**
 * The application's span builder: {@link #startSpan} starts one of the agent's spans, the child
 * of the given parent context or else of the current one, so a manual span inside a request is
 * the request's child. Attributes set before the start are set on the span once it is started.
 * Links are not kept. Not thread-safe, as the API's builders are not.
 */
final class ApplicationSpanBuilder implements SpanBuilder {

  private final Tracer tracer;
  private final String name;
  private Context parent;
  private boolean noParent;
  private dev.weft.api.SpanKind kind = dev.weft.api.SpanKind.INTERNAL;
  private long startEpochNanos;
  private Object[] attributes;
  private int attributeCount;

  ApplicationSpanBuilder(Tracer tracer, String name) {
    this.tracer = tracer;
    this.name = name == null ? "" : name;
  }

  @Override
  public SpanBuilder setParent(Context context) {
    if (context != null) {
      parent = context;
      noParent = false;
    }
    return this;
  }

  @Override
  public SpanBuilder setNoParent() {
    parent = null;
    noParent = true;
    return this;
  }

  @Override
  public SpanBuilder addLink(SpanContext spanContext) {
    return this;
  }

  @Override
  public SpanBuilder addLink(SpanContext spanContext, Attributes linkAttributes) {
    return this;
  }

  @Override
  public SpanBuilder setAttribute(String key, String value) {
    return add(key, value);
  }

  @Override
  public SpanBuilder setAttribute(String key, long value) {
    return add(key, Long.valueOf(value));
  }

  @Override
  public SpanBuilder setAttribute(String key, double value) {
    return add(key, Double.valueOf(value));
  }

  @Override
  public SpanBuilder setAttribute(String key, boolean value) {
    return add(key, Boolean.valueOf(value));
  }

  @Override
  public <T> SpanBuilder setAttribute(AttributeKey<T> key, T value) {
    return key == null || value == null ? this : add(key, value);
  }

  @Override
  public SpanBuilder setSpanKind(SpanKind spanKind) {
    kind = kind(spanKind);
    return this;
  }

  @Override
  public SpanBuilder setStartTimestamp(long startTimestamp, TimeUnit unit) {
    if (unit != null && startTimestamp > 0L) {
      startEpochNanos = unit.toNanos(startTimestamp);
    }
    return this;
  }

  @Override
  public Span startSpan() {
    dev.weft.api.Context parentContext;
    if (noParent) {
      parentContext = dev.weft.api.Context.root();
    } else if (parent != null) {
      parentContext = ApplicationContextStorage.toWeft(parent, dev.weft.api.Context.root());
    } else {
      // The agent's current context is the application's too (ApplicationContextStorage).
      parentContext = dev.weft.api.Context.current();
    }
    dev.weft.api.Span span = tracer.start(name, kind, parentContext, startEpochNanos);
    for (int i = 0; i < attributeCount; i += 2) {
      Object key = attributes[i];
      Object value = attributes[i + 1];
      if (key instanceof AttributeKey) {
        ApplicationAttributes.set(span, (AttributeKey<?>) key, value);
      } else if (value instanceof String) {
        span.setAttribute((String) key, (String) value);
      } else if (value instanceof Long) {
        span.setAttribute((String) key, ((Long) value).longValue());
      } else if (value instanceof Double) {
        span.setAttribute((String) key, ((Double) value).doubleValue());
      } else if (value instanceof Boolean) {
        span.setAttribute((String) key, ((Boolean) value).booleanValue());
      }
    }
    return ApplicationSpan.of(span);
  }

  private SpanBuilder add(Object key, Object value) {
    if (key == null || value == null) {
      return this;
    }
    if (attributes == null) {
      attributes = new Object[8];
    } else if (attributeCount == attributes.length) {
      Object[] larger = new Object[attributes.length * 2];
      System.arraycopy(attributes, 0, larger, 0, attributeCount);
      attributes = larger;
    }
    attributes[attributeCount++] = key;
    attributes[attributeCount++] = value;
    return this;
  }

  private static dev.weft.api.SpanKind kind(SpanKind spanKind) {
    if (spanKind == SpanKind.SERVER) {
      return dev.weft.api.SpanKind.SERVER;
    }
    if (spanKind == SpanKind.CLIENT) {
      return dev.weft.api.SpanKind.CLIENT;
    }
    if (spanKind == SpanKind.PRODUCER) {
      return dev.weft.api.SpanKind.PRODUCER;
    }
    if (spanKind == SpanKind.CONSUMER) {
      return dev.weft.api.SpanKind.CONSUMER;
    }
    return dev.weft.api.SpanKind.INTERNAL;
  }
}
