package dev.weft.core;

import dev.weft.api.Context;
import dev.weft.api.Span;
import dev.weft.api.SpanContext;
import dev.weft.api.SpanKind;
import dev.weft.api.TracingBackend;
import dev.weft.api.propagation.TextMapPropagator;
import dev.weft.core.config.ConfigProperties;
import dev.weft.core.sampler.Sampler;
import dev.weft.core.trace.IdGenerator;
import dev.weft.core.trace.SpanFactory;
import dev.weft.core.trace.SpanServices;

/**
 * The tracer the agent installs behind the API: it gives new spans their ids, asks the sampler,
 * and creates recording spans for sampled ones and cheap non-recording spans for the rest.
 * Immutable and thread-safe.
 */
public final class WeftTracer implements TracingBackend {

  private final Sampler sampler;
  private final TextMapPropagator propagator;
  private final SpanServices services;
  private final ConfigProperties config;

  public WeftTracer(
      Sampler sampler,
      TextMapPropagator propagator,
      SpanServices services,
      ConfigProperties config) {
    this.sampler = sampler;
    this.propagator = propagator;
    this.services = services;
    this.config = config;
  }

  @Override
  public Span startSpan(String scopeName, String name, SpanKind kind, Context parent) {
    return startSpan(scopeName, name, kind, parent, 0L);
  }

  @Override
  public Span startSpan(
      String scopeName, String name, SpanKind kind, Context parent, long startEpochNanos) {
    SpanContext parentContext = validParent(parent);
    if (parentContext.isValid() && !parentContext.isRemote() && !parentContext.isSampled()) {
      // Not sampled here, or excluded by configuration (startUnsampled): the decision holds for
      // the whole local subtree, whatever the sampler would say of a child.
      return unsampledChild(parentContext);
    }
    long traceIdHigh;
    long traceIdLow;
    String traceState;
    byte randomFlag;
    if (parentContext.isValid()) {
      traceIdHigh = parentContext.traceIdHigh();
      traceIdLow = parentContext.traceIdLow();
      traceState = parentContext.traceState();
      randomFlag = randomFlagOf(parentContext);
    } else {
      traceIdHigh = IdGenerator.random();
      traceIdLow = IdGenerator.randomNonZero();
      traceState = "";
      randomFlag = SpanContext.FLAG_RANDOM;
    }
    long spanId = IdGenerator.randomNonZero();
    boolean sampled = sampler.shouldSample(parentContext, traceIdHigh, traceIdLow, name, kind);
    SpanContext spanContext =
        SpanContext.create(
            traceIdHigh,
            traceIdLow,
            spanId,
            (byte) ((sampled ? SpanContext.FLAG_SAMPLED : 0) | randomFlag),
            traceState);
    if (!sampled) {
      return Span.wrap(spanContext);
    }
    return SpanFactory.start(
        services, scopeName, name, kind, spanContext, parentContext, startEpochNanos);
  }

  @Override
  public Span startUnsampled(Context parent) {
    return unsampledChild(validParent(parent));
  }

  /** The parent's span context when it is valid, else {@link SpanContext#INVALID}. */
  private static SpanContext validParent(Context parent) {
    SpanContext parentContext =
        parent == null ? SpanContext.INVALID : parent.span().spanContext();
    return parentContext.isValid() ? parentContext : SpanContext.INVALID;
  }

  /** A non-recording, unsampled span in {@code parent}'s trace when valid, else in a new one. */
  private static Span unsampledChild(SpanContext parent) {
    long spanId = IdGenerator.randomNonZero();
    if (parent.isValid()) {
      return Span.wrap(
          SpanContext.create(
              parent.traceIdHigh(),
              parent.traceIdLow(),
              spanId,
              randomFlagOf(parent),
              parent.traceState()));
    }
    return Span.wrap(
        SpanContext.create(
            IdGenerator.random(),
            IdGenerator.randomNonZero(),
            spanId,
            SpanContext.FLAG_RANDOM,
            ""));
  }

  /**
   * The parent's "random trace id" flag, for its children: a continued trace keeps the flag as it
   * was received (W3C Trace Context Level 2), while a trace this process starts has ids from
   * {@link IdGenerator}, random in all 16 bytes, and so sets it.
   */
  private static byte randomFlagOf(SpanContext parent) {
    return (byte) (parent.traceFlags() & SpanContext.FLAG_RANDOM);
  }

  @Override
  public TextMapPropagator propagator() {
    return propagator;
  }

  @Override
  public String configValue(String name) {
    return config.getString(name);
  }

  public Sampler sampler() {
    return sampler;
  }
}
