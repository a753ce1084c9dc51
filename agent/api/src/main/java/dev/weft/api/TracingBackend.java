package dev.weft.api;

import dev.weft.api.propagation.TextMapPropagator;

/**
 * What the tracing core provides to the API once the agent has installed it with {@link
 * Tracing#install}. Until then a no-op backend answers: spans are non-recording and propagate
 * their parent's context, so woven code runs correctly but records nothing.
 *
 * <p>Implementations are thread-safe and never throw.
 */
public interface TracingBackend {

  /**
   * Starts a span.
   *
   * @param scopeName the instrumentation that creates it, e.g. {@code servlet}
   * @param name the span name
   * @param kind the span kind
   * @param parent the context whose span is the parent; the root context for a new trace
   */
  Span startSpan(String scopeName, String name, SpanKind kind, Context parent);

  /**
   * Starts a span that began at {@code startEpochNanos} (nanoseconds since the epoch; 0 for
   * now). A backend that keeps no time of its own may ignore it.
   */
  default Span startSpan(
      String scopeName, String name, SpanKind kind, Context parent, long startEpochNanos) {
    return startSpan(scopeName, name, kind, parent);
  }

  /**
   * Starts a span that is neither recorded nor sampled, whatever the sampler says: in {@code
   * parent}'s trace when that has a valid span, else in a new trace. For work that configuration
   * excludes from tracing; see {@link Tracer#startUnsampled}.
   */
  Span startUnsampled(Context parent);

  /** The propagator that {@code otel.propagators} configures. */
  TextMapPropagator propagator();

  /**
   * The value of a configuration setting (system property over environment variable), or null.
   * For instrumentations that read their own options once.
   */
  String configValue(String name);
}
