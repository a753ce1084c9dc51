package dev.weft.benchmarks;

import dev.weft.api.SpanContext;
import dev.weft.api.SpanKind;
import dev.weft.api.propagation.NoopTextMapPropagator;
import dev.weft.core.WeftTracer;
import dev.weft.core.config.ConfigProperties;
import dev.weft.core.sampler.Sampler;
import dev.weft.core.trace.AnchoredClock;
import dev.weft.core.trace.SpanData;
import dev.weft.core.trace.SpanLimits;
import dev.weft.core.trace.SpanProcessor;
import dev.weft.core.trace.SpanServices;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Builds Weft tracers the way the agent does ({@link WeftTracer} over {@link SpanServices}), but
 * with processors that keep the benchmark on the core: one that drops every span and one that
 * collects them. Not thread-safe beyond what each fixture says; benchmarks use them from one
 * thread.
 */
final class WeftFixtures {

  private WeftFixtures() {}

  /** A tracer that samples everything and hands ended spans to {@code processor}. */
  static WeftTracer tracer(SpanProcessor processor) {
    return new WeftTracer(
        AlwaysOn.INSTANCE,
        NoopTextMapPropagator.INSTANCE,
        new SpanServices(AnchoredClock.create(), SpanLimits.DEFAULT, processor),
        ConfigProperties.of(Collections.<String, String>emptyMap()));
  }

  /** Samples every span; the benchmark measures recording, not the sampling decision. */
  enum AlwaysOn implements Sampler {
    INSTANCE;

    @Override
    public boolean shouldSample(
        SpanContext parent, long traceIdHigh, long traceIdLow, String name, SpanKind kind) {
      return true;
    }

    @Override
    public String description() {
      return "AlwaysOn";
    }
  }

  /** Drops every span at its end, so that a benchmark measures the span and not a queue. */
  enum Discarding implements SpanProcessor {
    INSTANCE;

    @Override
    public void onEnd(SpanData span) {}

    @Override
    public boolean forceFlush(long timeoutMillis) {
      return true;
    }

    @Override
    public void shutdown(long timeoutMillis) {}
  }

  /** Keeps every ended span in order; for building a batch once, in setup. Not thread-safe. */
  static final class Collecting implements SpanProcessor {

    private final List<SpanData> spans = new ArrayList<>();

    @Override
    public void onEnd(SpanData span) {
      spans.add(span);
    }

    @Override
    public boolean forceFlush(long timeoutMillis) {
      return true;
    }

    @Override
    public void shutdown(long timeoutMillis) {}

    List<SpanData> spans() {
      return spans;
    }
  }
}
