package dev.weft.core.sampler;

import dev.weft.api.SpanContext;
import dev.weft.api.SpanKind;

/**
 * Decides at span start whether a span is recorded and exported. An unsampled span still gets
 * ids and propagates its context, so that every service of a trace can agree on the decision.
 * Implementations are immutable, thread-safe, allocation-free and never throw.
 */
public interface Sampler {

  /**
   * @param parent the parent's context, {@link SpanContext#INVALID} for a root span
   * @param traceIdHigh the high half of the (new or inherited) trace id
   * @param traceIdLow the low half of the trace id
   * @param name the span name
   * @param kind the span kind
   * @return whether the span is sampled
   */
  boolean shouldSample(
      SpanContext parent, long traceIdHigh, long traceIdLow, String name, SpanKind kind);

  /** A short description for the startup line, e.g. {@code ParentBased{root:AlwaysOnSampler}}. */
  String description();
}
