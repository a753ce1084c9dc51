package dev.weft.core.sampler;

import dev.weft.api.SpanContext;
import dev.weft.api.SpanKind;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Samples a fixed fraction of traces, decided from the trace id alone ({@code
 * otel.traces.sampler=traceidratio}), so every span of a trace, in every service sampling at the
 * same ratio, gets the same decision.
 *
 * <p>The arithmetic is that of the OpenTelemetry SDK's {@code TraceIdRatioBased}, so that a Weft
 * service and an OpenTelemetry SDK service agree on each trace: the low 64 bits of the trace id,
 * taken as a signed {@code long}, are sampled when {@code Math.abs(traceIdLow) < bound}, where
 * {@code bound} is {@code (long) (ratio * Long.MAX_VALUE)}, except {@code Long.MIN_VALUE} for
 * ratio 0 (nothing passes, not even {@code Long.MIN_VALUE}, whose absolute value is itself) and
 * {@code Long.MAX_VALUE} for ratio 1. Using only the low half also suits systems with 64-bit
 * trace ids.
 *
 * <p>Immutable, thread-safe and allocation-free.
 */
public final class TraceIdRatioSampler implements Sampler {

  private final double ratio;
  private final long idUpperBound;
  private final String description;

  private TraceIdRatioSampler(double ratio) {
    this.ratio = ratio;
    if (ratio == 0.0) {
      idUpperBound = Long.MIN_VALUE;
    } else if (ratio == 1.0) {
      idUpperBound = Long.MAX_VALUE;
    } else {
      idUpperBound = (long) (ratio * Long.MAX_VALUE);
    }
    description = "TraceIdRatioBased{" + sixDecimals(ratio) + '}';
  }

  /**
   * A sampler keeping {@code ratio} of the traces.
   *
   * @throws IllegalArgumentException when {@code ratio} is not in {@code [0, 1]}; configuration is
   *     validated by {@link Samplers#fromConfig} before it gets here
   */
  public static TraceIdRatioSampler create(double ratio) {
    if (!(ratio >= 0.0 && ratio <= 1.0)) {
      throw new IllegalArgumentException("ratio must be in [0, 1]: " + ratio);
    }
    return new TraceIdRatioSampler(ratio);
  }

  @Override
  public boolean shouldSample(
      SpanContext parent, long traceIdHigh, long traceIdLow, String name, SpanKind kind) {
    // '<' so that ratio 0 never samples; the price is a 2^-64 chance of not sampling
    // traceIdLow == Long.MAX_VALUE at ratio 1, as in the SDK.
    return Math.abs(traceIdLow) < idUpperBound;
  }

  public double ratio() {
    return ratio;
  }

  /** {@code TraceIdRatioBased{0.500000}}, exactly as the SDK describes the same ratio. */
  @Override
  public String description() {
    return description;
  }

  @Override
  public String toString() {
    return description;
  }

  /**
   * {@code value} with six decimals and a '.' whatever the default locale, as the SDK writes it
   * (a {@code DecimalFormat("0.000000")}): the exact binary value rounded half-even, so 0.0000005,
   * whose double is a little below, gives {@code 0.000000}, and 1/128 gives {@code 0.007812}.
   */
  static String sixDecimals(double value) {
    return new BigDecimal(value).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
  }
}
