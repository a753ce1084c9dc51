package dev.weft.benchmarks;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;

/**
 * Builds an OpenTelemetry SDK tracer configured like the Weft one in {@link WeftFixtures}:
 * always-on sampling and a processor that receives every ended span and drops it. Immutable.
 */
final class OtelFixtures {

  private OtelFixtures() {}

  /** A provider whose only processor discards; close it at tear-down. */
  static SdkTracerProvider provider() {
    return SdkTracerProvider.builder()
        .setSampler(Sampler.alwaysOn())
        .addSpanProcessor(Discarding.INSTANCE)
        .build();
  }

  static Tracer tracer(SdkTracerProvider provider) {
    return provider.get("dev.weft.bench");
  }

  /**
   * Asks for every span at its end, as an exporting processor does (so the SDK cannot skip the
   * hand-over), and not at its start, as the batch processor does not.
   */
  enum Discarding implements SpanProcessor {
    INSTANCE;

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {}

    @Override
    public boolean isStartRequired() {
      return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {}

    @Override
    public boolean isEndRequired() {
      return true;
    }
  }
}
