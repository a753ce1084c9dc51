package dev.weft.api;

/**
 * Starts spans on behalf of one instrumentation, whose name becomes the instrumentation scope
 * of every span it starts. Holds no state beyond that name and delegates to whatever backend is
 * installed at call time, so an instrumentation may keep its tracer in a static final field.
 * Immutable and thread-safe.
 */
public final class Tracer {

  private final String scopeName;

  Tracer(String scopeName) {
    this.scopeName = scopeName;
  }

  public String scopeName() {
    return scopeName;
  }

  /**
   * Starts a span whose parent is the span of {@code parent} (a new trace when that context has
   * no valid span). The span is not made current; do that with {@code
   * parent.with(span).makeCurrent()}.
   */
  public Span start(String name, SpanKind kind, Context parent) {
    return Tracing.backend().startSpan(scopeName, name, kind, parent);
  }

  /**
   * Like {@link #start(String, SpanKind, Context)}, for a span whose start the caller measured
   * itself: {@code startEpochNanos} is nanoseconds since the epoch, 0 for now.
   */
  public Span start(String name, SpanKind kind, Context parent, long startEpochNanos) {
    return Tracing.backend().startSpan(scopeName, name, kind, parent, startEpochNanos);
  }

  /**
   * Starts a span for work that configuration excludes from tracing (a health check, say): it is
   * not recorded and not sampled, in {@code parent}'s trace when that has a valid span, else in
   * a new trace. Made current, it keeps everything under it unrecorded too, and the calls made
   * under it tell other services the trace is not sampled, so they do not start traces of their
   * own.
   */
  public Span startUnsampled(Context parent) {
    return Tracing.backend().startUnsampled(parent);
  }
}
