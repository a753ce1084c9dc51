package dev.weft.core.trace;

/**
 * What every recording span of one tracer shares: the clock, the limits, the processor that
 * receives it when it ends, and the counters of started and ended spans. Thread-safe.
 */
public final class SpanServices {

  private final AnchoredClock clock;
  private final SpanLimits limits;
  private final SpanProcessor processor;
  private final SpanCounters counters = new SpanCounters();

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

  public SpanCounters counters() {
    return counters;
  }

  public SpanProcessor processor() {
    return processor;
  }
}
