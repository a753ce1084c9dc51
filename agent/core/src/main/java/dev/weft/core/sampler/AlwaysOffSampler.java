package dev.weft.core.sampler;

import dev.weft.api.SpanContext;
import dev.weft.api.SpanKind;

/**
 * Samples no span ({@code otel.traces.sampler=always_off}); spans still get ids and propagate, so
 * downstream services see the trace as not sampled. Stateless singleton.
 */
public final class AlwaysOffSampler implements Sampler {

  public static final AlwaysOffSampler INSTANCE = new AlwaysOffSampler();

  private AlwaysOffSampler() {}

  @Override
  public boolean shouldSample(
      SpanContext parent, long traceIdHigh, long traceIdLow, String name, SpanKind kind) {
    return false;
  }

  /** {@code AlwaysOffSampler}, as the OpenTelemetry SDK names it. */
  @Override
  public String description() {
    return "AlwaysOffSampler";
  }

  @Override
  public String toString() {
    return description();
  }
}
