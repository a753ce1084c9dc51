package dev.weft.core.export;

import java.util.concurrent.ThreadLocalRandom;

/**
 * How an HTTP exporter retries a batch the backend could not take right now: at most {@code
 * maxAttempts} requests in all, waiting between them an exponentially growing backoff ({@code
 * initialBackoff * multiplier^(retry - 1)}, capped at {@code maxBackoff}) with jitter, so that
 * many agents that lost their collector at the same moment do not come back in lockstep.
 *
 * <p>The default backs off as the OpenTelemetry Java SDK's exporters do (1 s initial backoff,
 * multiplier 1.5, at most 5 s) but does not stop after 5 attempts: it retries for as long as the
 * export timeout ({@code otel.bsp.export.timeout}) leaves time, so that a batch outlives a backend
 * outage of up to that long (5 attempts are spent in about 8 s, and a restarting collector takes
 * longer). Tests use milliseconds. Immutable and thread-safe.
 */
public final class RetryPolicy {

  public static final RetryPolicy DEFAULT = new RetryPolicy(Integer.MAX_VALUE, 1000, 5000, 1.5);

  /** One attempt, no retries. */
  public static final RetryPolicy NONE = new RetryPolicy(1, 0, 0, 1.0);

  private final int maxAttempts;
  private final long initialBackoffMillis;
  private final long maxBackoffMillis;
  private final double multiplier;

  private RetryPolicy(
      int maxAttempts, long initialBackoffMillis, long maxBackoffMillis, double multiplier) {
    this.maxAttempts = maxAttempts;
    this.initialBackoffMillis = initialBackoffMillis;
    this.maxBackoffMillis = maxBackoffMillis;
    this.multiplier = multiplier;
  }

  /**
   * A policy.
   *
   * @param maxAttempts requests per batch in all, at least 1
   * @throws IllegalArgumentException for a negative backoff, a maximum below the initial
   *     backoff, or a multiplier below 1
   */
  public static RetryPolicy of(
      int maxAttempts, long initialBackoffMillis, long maxBackoffMillis, double multiplier) {
    if (maxAttempts < 1
        || initialBackoffMillis < 0
        || maxBackoffMillis < initialBackoffMillis
        || !(multiplier >= 1.0)) {
      throw new IllegalArgumentException(
          "invalid retry policy: attempts "
              + maxAttempts
              + ", backoff "
              + initialBackoffMillis
              + ".."
              + maxBackoffMillis
              + " ms, multiplier "
              + multiplier);
    }
    return new RetryPolicy(maxAttempts, initialBackoffMillis, maxBackoffMillis, multiplier);
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  public long initialBackoffMillis() {
    return initialBackoffMillis;
  }

  public long maxBackoffMillis() {
    return maxBackoffMillis;
  }

  public double multiplier() {
    return multiplier;
  }

  /** The backoff before retry number {@code retry} (1 for the first retry), without jitter. */
  long backoffMillis(int retry) {
    double backoff = initialBackoffMillis;
    for (int i = 1; i < retry && backoff < maxBackoffMillis; i++) {
      backoff *= multiplier;
    }
    return Math.min(maxBackoffMillis, (long) backoff);
  }

  /**
   * The wait before retry number {@code retry}: a random point in the upper half of the
   * backoff. Keeping the lower half out means a retry never comes back almost at once, which
   * full jitter would sometimes do to a backend that just said it is overloaded.
   */
  public long delayMillis(int retry) {
    long backoff = backoffMillis(retry);
    long half = backoff / 2;
    return half + ThreadLocalRandom.current().nextLong(backoff - half + 1);
  }

  @Override
  public String toString() {
    return "RetryPolicy{maxAttempts="
        + maxAttempts
        + ", backoff="
        + initialBackoffMillis
        + ".."
        + maxBackoffMillis
        + "ms, multiplier="
        + multiplier
        + '}';
  }
}
