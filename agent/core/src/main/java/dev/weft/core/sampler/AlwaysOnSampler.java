package dev.weft.core.sampler;

import dev.weft.api.SpanContext;
import dev.weft.api.SpanKind;

/** Samples every span ({@code otel.traces.sampler=always_on}). Stateless singleton. */
public final class AlwaysOnSampler implements Sampler {

  public static final AlwaysOnSampler INSTANCE = new AlwaysOnSampler();

  private AlwaysOnSampler() {}

  @Override
  public boolean shouldSample(
      SpanContext parent, long traceIdHigh, long traceIdLow, String name, SpanKind kind) {
    return true;
  }

  /** {@code AlwaysOnSampler}, as the OpenTelemetry SDK names it. */
  @Override
  public String description() {
    return "AlwaysOnSampler";
  }

  @Override
  public String toString() {
    return description();
  }
}
