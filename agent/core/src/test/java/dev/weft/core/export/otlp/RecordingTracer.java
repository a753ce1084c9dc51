package dev.weft.core.export.otlp;

import dev.weft.api.Context;
import dev.weft.api.Span;
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
 * The real core for encoder tests: a {@link WeftTracer} that samples every span and collects the
 * ended ones, in the order they ended, as the batch processor would hand them to an exporter.
 */
public final class RecordingTracer {

  private final List<SpanData> ended = Collections.synchronizedList(new ArrayList<SpanData>());
  private final WeftTracer tracer;

  public RecordingTracer() {
    this(SpanLimits.DEFAULT);
  }

  public RecordingTracer(SpanLimits limits) {
    SpanProcessor collector =
        new SpanProcessor() {
          @Override
          public void onEnd(SpanData span) {
            ended.add(span);
          }

          @Override
          public boolean forceFlush(long timeoutMillis) {
            return true;
          }

          @Override
          public void shutdown(long timeoutMillis) {}
        };
    Sampler alwaysOn =
        new Sampler() {
          @Override
          public boolean shouldSample(
              SpanContext parent, long traceIdHigh, long traceIdLow, String name, SpanKind kind) {
            return true;
          }

          @Override
          public String description() {
            return "AlwaysOn";
          }
        };
    tracer =
        new WeftTracer(
            alwaysOn,
            NoopTextMapPropagator.INSTANCE,
            new SpanServices(AnchoredClock.create(), limits, collector),
            ConfigProperties.of(Collections.<String, String>emptyMap()));
  }

  /** A root span of scope {@code scope}. */
  public Span startRoot(String scope, String name, SpanKind kind) {
    return tracer.startSpan(scope, name, kind, Context.root());
  }

  /** A span whose parent is {@code parent} (a local span, or a wrapped remote context). */
  public Span startChild(String scope, String name, SpanKind kind, Span parent) {
    return tracer.startSpan(scope, name, kind, Context.root().with(parent));
  }

  /** The tracer itself, for tests of its own rules. */
  public WeftTracer tracer() {
    return tracer;
  }

  /** The spans ended so far, in the order they ended. */
  public List<SpanData> ended() {
    synchronized (ended) {
      return new ArrayList<SpanData>(ended);
    }
  }
}
