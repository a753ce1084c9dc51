package dev.weft.core.trace;

/**
 * What every recording span of one tracer shares: the clock, the limits and the processor that
 * receives it when it ends. Immutable and thread-safe.
 */
public final class SpanServices {

  private final AnchoredClock clock;
  private final SpanLimits limits;
  private final SpanProcessor processor;

  public SpanServices(AnchoredClock clock, SpanLimits limits, SpanProcessor processor) {
    this.clock = clock;
    this.limits = limits;
    this.processor = processor;
  }

  public AnchoredClock clock() {
    return clock;
  }

  public SpanLimits limits() {
    return limits;
  }

  public SpanProcessor processor() {
    return processor;
  }
}
