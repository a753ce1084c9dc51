package dev.weft.api;

/**
 * One timed operation of a trace.
 *
 * <p>A span is started by a {@link Tracer}, receives attributes, events and a status while the
 * operation runs, and is ended exactly once with {@link #end()}. A span that is not sampled is
 * not recording: every mutator is then a cheap no-op, but its {@link #spanContext()} still
 * propagates so that downstream services continue the trace.
 *
 * <p>The usual pattern:
 *
 * <pre>{@code
 * Span span = tracer.start("GET /users/{id}", SpanKind.SERVER, parentContext);
 * try (Scope ignored = parentContext.with(span).makeCurrent()) {
 *   ...
 * } catch (Throwable t) {
 *   span.recordException(t);
 *   span.setStatus(StatusCode.ERROR);
 *   throw t;
 * } finally {
 *   span.end();
 * }
 * }</pre>
 *
 * <p>Implementations are thread-safe: a span may be ended on another thread than the one that
 * started it (asynchronous requests do this). Mutators called after {@link #end()} are ignored.
 * No method throws.
 */
public interface Span {

  /** A span that records nothing and carries the invalid context; the root context holds it. */
  static Span invalid() {
    return NonRecordingSpan.INVALID;
  }

  /**
   * Wraps a context received from elsewhere (another process, another tracer) as a span that
   * records nothing, so that it can be made the parent of new spans.
   */
  static Span wrap(SpanContext spanContext) {
    if (spanContext == null || !spanContext.isValid()) {
      return NonRecordingSpan.INVALID;
    }
    return new NonRecordingSpan(spanContext);
  }

  /** The identity of this span: trace id, span id, flags and trace state. Never null. */
  SpanContext spanContext();

  /** Whether this span records what is set on it (it does when it is sampled and not ended). */
  boolean isRecording();

  Span setAttribute(String key, String value);

  Span setAttribute(String key, long value);

  Span setAttribute(String key, double value);

  Span setAttribute(String key, boolean value);

  Span setAttribute(String key, String[] values);

  Span setAttribute(String key, long[] values);

  Span setAttribute(String key, double[] values);

  Span setAttribute(String key, boolean[] values);

  /** Adds a timestamped event with no attributes. */
  Span addEvent(String name);

  /**
   * Adds an event with attributes at a given time.
   *
   * @param attributes keys and values alternating: a {@code String} key followed by a {@code
   *     String}, {@code Long}, {@code Double}, {@code Boolean}, {@code String[]}, {@code long[]},
   *     {@code double[]} or {@code boolean[]} value; pairs of other types are skipped
   * @param epochNanos when the event happened, or 0 for now
   */
  default Span addEvent(String name, Object[] attributes, long epochNanos) {
    return addEvent(name);
  }

  /**
   * Adds an {@code exception} event carrying {@code exception.type}, {@code exception.message}
   * and {@code exception.stacktrace}. Does not change the status.
   */
  Span recordException(Throwable exception);

  Span setStatus(StatusCode code);

  /** Sets the status; the description is kept only for {@link StatusCode#ERROR}. */
  Span setStatus(StatusCode code, String description);

  /** Replaces the name given at start, for when a better one is known later (a route). */
  Span updateName(String name);

  /** Ends the span now. Only the first call has an effect. */
  void end();

  /**
   * Ends the span at a time the caller measured, in nanoseconds since the epoch; 0 means now.
   * Only the first call of either {@code end} has an effect.
   */
  default void end(long epochNanos) {
    end();
  }
}
