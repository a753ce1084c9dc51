package dev.weft.api.propagation;

import dev.weft.api.Context;
import java.util.Collection;

/**
 * Carries a {@link Context} across a process boundary as text entries (HTTP headers): W3C
 * {@code traceparent}/{@code tracestate}, W3C {@code baggage}, B3, and others.
 *
 * <p>Implementations are immutable and thread-safe. They never throw: a malformed value is
 * ignored as if absent, never half-used.
 */
public interface TextMapPropagator {

  /** The keys this propagator may write, in lower case; e.g. so that a carrier can be cleared. */
  Collection<String> fields();

  /** Writes what {@code context} carries into {@code carrier}. */
  <C> void inject(Context context, C carrier, TextMapSetter<C> setter);

  /**
   * Returns {@code context} with what {@code carrier} holds: a remote parent span, baggage. When
   * the carrier holds nothing valid, returns {@code context} itself.
   */
  <C> Context extract(Context context, C carrier, TextMapGetter<C> getter);
}
