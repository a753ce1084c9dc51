package dev.weft.core;

import dev.weft.api.SpanContext;
import dev.weft.api.SpanKind;
import dev.weft.api.propagation.NoopTextMapPropagator;
import dev.weft.core.config.ConfigProperties;
import dev.weft.core.resource.Resource;
import dev.weft.core.sampler.Sampler;
import dev.weft.core.trace.AnchoredClock;
import dev.weft.core.trace.SpanData;
import dev.weft.core.trace.SpanLimits;
import dev.weft.core.trace.SpanProcessor;
import dev.weft.core.trace.SpanServices;

/** PROVISIONAL wiring, replaced when the export pipeline lands. */
public final class WeftSdk {
  private final WeftTracer tracer;
  private final Resource resource;

  private WeftSdk(WeftTracer tracer, Resource resource) {
    this.tracer = tracer;
    this.resource = resource;
  }

  public static WeftSdk create(ConfigProperties config) {
    Resource resource = Resource.fromConfig(config, WeftVersion.get());
    SpanProcessor printing =
        new SpanProcessor() {
          @Override
          public void onEnd(SpanData span) {
            System.out.println("[weft] span " + span.name() + " " + span.attributes());
          }

          @Override
          public boolean forceFlush(long timeoutMillis) {
            return true;
          }

          @Override
          public void shutdown(long timeoutMillis) {}
        };
    Sampler on =
        new Sampler() {
          @Override
          public boolean shouldSample(
              SpanContext parent, long hi, long lo, String name, SpanKind kind) {
            return true;
          }

          @Override
          public String description() {
            return "AlwaysOn";
          }
        };
    WeftTracer tracer =
        new WeftTracer(
            on,
            NoopTextMapPropagator.INSTANCE,
            new SpanServices(AnchoredClock.create(), SpanLimits.DEFAULT, printing),
            config);
    return new WeftSdk(tracer, resource);
  }

  public WeftTracer tracer() {
    return tracer;
  }

  public Resource resource() {
    return resource;
  }

  public String exportersDescription() {
    return "console";
  }

  public String propagatorsDescription() {
    return "none";
  }

  public void shutdown() {}
}
