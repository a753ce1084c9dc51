package dev.weft.core.trace;

/**
 * Epoch timestamps in nanoseconds that never go backwards: one reading of the wall clock at
 * startup, plus {@link System#nanoTime()} elapsed since. Durations computed from two readings
 * are therefore monotonic even when the wall clock is adjusted while a span runs. Thread-safe.
 */
public final class AnchoredClock {

  private final long anchorEpochNanos;
  private final long anchorNanoTime;

  private AnchoredClock(long anchorEpochNanos, long anchorNanoTime) {
    this.anchorEpochNanos = anchorEpochNanos;
    this.anchorNanoTime = anchorNanoTime;
  }

  /** A clock anchored at the current wall-clock time. */
  public static AnchoredClock create() {
    long nano = System.nanoTime();
    long epochMillis = System.currentTimeMillis();
    return new AnchoredClock(epochMillis * 1_000_000L, nano);
  }

  /** The current time as nanoseconds since the epoch. */
  public long now() {
    return anchorEpochNanos + (System.nanoTime() - anchorNanoTime);
  }
}
