package dev.weft.instrumentation.opentelemetryapi;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import java.util.concurrent.TimeUnit;

/**
 * One of the agent's spans, as the application's OpenTelemetry API sees it: whatever the
 * application sets goes to the agent's span, so a span it started, or the span of a request or
 * a {@code @WithSpan} method it found current, is one span with one set of attributes.
 *
 * <p>Methods a later API version adds are its interface's defaults, which end up in the methods
 * here. Links are not kept. Thread-safe as the agent's span is.
 */
final class ApplicationSpan implements Span {

  private final dev.weft.api.Span weft;
  private volatile SpanContext spanContext;

  private ApplicationSpan(dev.weft.api.Span weft) {
    this.weft = weft;
  }

  /** The agent's span as the application's; the API's invalid span for the invalid one. */
  static Span of(dev.weft.api.Span weft) {
    return weft == dev.weft.api.Span.invalid() ? Span.getInvalid() : new ApplicationSpan(weft);
  }

  /**
   * The agent's span behind one of the application's: the span itself when it is one of these,
   * else (the application made it with {@code Span.wrap}, or with an SDK of its own) a span of
   * the agent's that records nothing and carries its ids, so it can still be a parent.
   */
  static dev.weft.api.Span toWeft(Span application) {
    if (application instanceof ApplicationSpan) {
      return ((ApplicationSpan) application).weft;
    }
    if (application == null) {
      return dev.weft.api.Span.invalid();
    }
    return dev.weft.api.Span.wrap(SpanContexts.toWeft(application.getSpanContext()));
  }

  @Override
  public Span setAttribute(String key, String value) {
    weft.setAttribute(key, value);
    return this;
  }

  @Override
  public Span setAttribute(String key, long value) {
    weft.setAttribute(key, value);
    return this;
  }

  @Override
  public Span setAttribute(String key, double value) {
    weft.setAttribute(key, value);
    return this;
  }

  @Override
  public Span setAttribute(String key, boolean value) {
    weft.setAttribute(key, value);
    return this;
  }

  @Override
  public <T> Span setAttribute(AttributeKey<T> key, T value) {
    ApplicationAttributes.set(weft, key, value);
    return this;
  }

  @Override
  public Span addEvent(String name) {
    weft.addEvent(name);
    return this;
  }

  @Override
  public Span addEvent(String name, Attributes attributes) {
    weft.addEvent(name, ApplicationAttributes.pairs(attributes), 0L);
    return this;
  }

  @Override
  public Span addEvent(String name, Attributes attributes, long timestamp, TimeUnit unit) {
    long epochNanos = unit == null ? 0L : unit.toNanos(timestamp);
    weft.addEvent(name, ApplicationAttributes.pairs(attributes), epochNanos);
    return this;
  }

  @Override
  public Span setStatus(StatusCode statusCode, String description) {
    if (statusCode == StatusCode.OK) {
      weft.setStatus(dev.weft.api.StatusCode.OK, description);
    } else if (statusCode == StatusCode.ERROR) {
      weft.setStatus(dev.weft.api.StatusCode.ERROR, description);
    }
    return this;
  }

  @Override
  public Span recordException(Throwable exception, Attributes additionalAttributes) {
    weft.recordException(exception);
    return this;
  }

  @Override
  public Span updateName(String name) {
    weft.updateName(name);
    return this;
  }

  @Override
  public void end() {
    weft.end();
  }

  @Override
  public void end(long timestamp, TimeUnit unit) {
    weft.end(unit == null ? 0L : unit.toNanos(timestamp));
  }

  @Override
  public SpanContext getSpanContext() {
    SpanContext context = spanContext;
    if (context == null) {
      context = SpanContexts.toApplication(weft.spanContext());
      spanContext = context;
    }
    return context;
  }

  @Override
  public boolean isRecording() {
    return weft.isRecording();
  }

  @Override
  public String toString() {
    return "ApplicationSpan{" + weft + '}';
  }
}
