package dev.weft.instrumentation.jaxrs;

import dev.weft.api.Context;
import dev.weft.api.Span;
import dev.weft.api.SpanContext;
import dev.weft.api.StatusCode;
import java.util.HashMap;
import java.util.Map;

/**
 * A span standing in for the servlet instrumentation's server span: it records its name and
 * string attributes, and whether it is recording can be chosen. Not thread-safe; one test each.
 */
public final class NamedSpan implements Span {

  private final boolean recording;
  private String name;
  private final Map<String, String> attributes = new HashMap<>();

  public NamedSpan(String name, boolean recording) {
    this.name = name;
    this.recording = recording;
  }

  /** The context holding this span, as the servlet instrumentation stores it on the request. */
  public Context context() {
    return Context.root().with(this);
  }

  public String name() {
    return name;
  }

  public String attribute(String key) {
    return attributes.get(key);
  }

  @Override
  public SpanContext spanContext() {
    return SpanContext.INVALID;
  }

  @Override
  public boolean isRecording() {
    return recording;
  }

  @Override
  public Span setAttribute(String key, String value) {
    attributes.put(key, value);
    return this;
  }

  @Override
  public Span setAttribute(String key, long value) {
    return this;
  }

  @Override
  public Span setAttribute(String key, double value) {
    return this;
  }

  @Override
  public Span setAttribute(String key, boolean value) {
    return this;
  }

  @Override
  public Span setAttribute(String key, String[] values) {
    return this;
  }

  @Override
  public Span setAttribute(String key, long[] values) {
    return this;
  }

  @Override
  public Span setAttribute(String key, double[] values) {
    return this;
  }

  @Override
  public Span setAttribute(String key, boolean[] values) {
    return this;
  }

  @Override
  public Span addEvent(String eventName) {
    return this;
  }

  @Override
  public Span recordException(Throwable exception) {
    return this;
  }

  @Override
  public Span setStatus(StatusCode code) {
    return this;
  }

  @Override
  public Span setStatus(StatusCode code, String description) {
    return this;
  }

  @Override
  public Span updateName(String newName) {
    this.name = newName;
    return this;
  }

  @Override
  public void end() {}
}
