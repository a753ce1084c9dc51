package dev.weft.api;

/**
 * A span that records nothing: the span of an unsampled operation, of a remote parent, or the
 * invalid span of the root context. Immutable and thread-safe.
 */
final class NonRecordingSpan implements Span {

  static final NonRecordingSpan INVALID = new NonRecordingSpan(SpanContext.INVALID);

  private final SpanContext spanContext;

  NonRecordingSpan(SpanContext spanContext) {
    this.spanContext = spanContext;
  }

  @Override
  public SpanContext spanContext() {
    return spanContext;
  }

  @Override
  public boolean isRecording() {
    return false;
  }

  @Override
  public Span setAttribute(String key, String value) {
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
  public Span addEvent(String name) {
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
  public Span updateName(String name) {
    return this;
  }

  @Override
  public void end() {}

  @Override
  public String toString() {
    return "NonRecordingSpan{" + spanContext + '}';
  }
}
