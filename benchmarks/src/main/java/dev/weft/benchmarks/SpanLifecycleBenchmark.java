package dev.weft.benchmarks;

import dev.weft.api.Context;
import dev.weft.api.Span;
import dev.weft.api.SpanContext;
import dev.weft.api.SpanKind;
import dev.weft.core.WeftTracer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one traced HTTP request costs the tracer: start a server span, set the five attributes
 * an HTTP server instrumentation sets (two strings, two longs, one boolean), end it. Weft's core
 * and the OpenTelemetry SDK run side by side in one run, so that their ratio survives the noise
 * of a shared machine.
 *
 * <p>Both tracers sample everything and end into a processor that drops the span, so what is
 * measured is id generation, the clock, the span object and its attributes, and the hand-over
 * at the end; no queue, no export. Each benchmark returns the span, which JMH consumes, so the
 * JIT cannot remove the work.
 *
 * <p>The {@code root} variants start a trace; the {@code child} variants continue the trace of
 * a parent span context (the common case behind a traced client). {@code otel_*AttributeKeys}
 * is the OpenTelemetry SDK used as its own instrumentation uses it, with pre-built {@link
 * AttributeKey} constants instead of string keys. Weft's API only has string keys.
 *
 * <p>One instance per benchmark run, used by one thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SpanLifecycleBenchmark {

  static final String SCOPE = "dev.weft.bench";
  static final String NAME = "GET /users/*";

  static final String METHOD = "http.request.method";
  static final String PATH = "url.path";
  static final String STATUS = "http.response.status_code";
  static final String PORT = "server.port";
  static final String FLAG = "some.flag";

  private static final AttributeKey<String> METHOD_KEY = AttributeKey.stringKey(METHOD);
  private static final AttributeKey<String> PATH_KEY = AttributeKey.stringKey(PATH);
  private static final AttributeKey<Long> STATUS_KEY = AttributeKey.longKey(STATUS);
  private static final AttributeKey<Long> PORT_KEY = AttributeKey.longKey(PORT);
  private static final AttributeKey<Boolean> FLAG_KEY = AttributeKey.booleanKey(FLAG);

  private static final long TRACE_ID_HIGH = 0x4bf92f3577b34da6L;
  private static final long TRACE_ID_LOW = 0xa3ce929d0e0e4736L;
  private static final long PARENT_SPAN_ID = 0x00f067aa0ba902b7L;

  private WeftTracer weftTracer;
  private Context weftParent;

  private SdkTracerProvider otelProvider;
  private Tracer otelTracer;
  private io.opentelemetry.context.Context otelParent;

  @Setup
  public void setUp() {
    weftTracer = WeftFixtures.tracer(WeftFixtures.Discarding.INSTANCE);
    weftParent =
        Context.root()
            .with(
                Span.wrap(
                    SpanContext.create(
                        TRACE_ID_HIGH,
                        TRACE_ID_LOW,
                        PARENT_SPAN_ID,
                        SpanContext.FLAG_SAMPLED,
                        "")));

    otelProvider = OtelFixtures.provider();
    otelTracer = OtelFixtures.tracer(otelProvider);
    otelParent =
        io.opentelemetry.context.Context.root()
            .with(
                io.opentelemetry.api.trace.Span.wrap(
                    io.opentelemetry.api.trace.SpanContext.create(
                        SpanContext.toHex(TRACE_ID_HIGH) + SpanContext.toHex(TRACE_ID_LOW),
                        SpanContext.toHex(PARENT_SPAN_ID),
                        TraceFlags.getSampled(),
                        TraceState.getDefault())));
  }

  @TearDown
  public void tearDown() {
    otelProvider.close();
  }

  @Benchmark
  public Span weft_root() {
    return weftLifecycle(Context.root());
  }

  @Benchmark
  public Span weft_child() {
    return weftLifecycle(weftParent);
  }

  private Span weftLifecycle(Context parent) {
    Span span = weftTracer.startSpan(SCOPE, NAME, SpanKind.SERVER, parent);
    span.setAttribute(METHOD, "GET");
    span.setAttribute(PATH, "/users/42");
    span.setAttribute(STATUS, 200L);
    span.setAttribute(PORT, 8080L);
    span.setAttribute(FLAG, true);
    span.end();
    return span;
  }

  @Benchmark
  public io.opentelemetry.api.trace.Span otel_root() {
    io.opentelemetry.api.trace.Span span =
        otelTracer
            .spanBuilder(NAME)
            .setSpanKind(io.opentelemetry.api.trace.SpanKind.SERVER)
            .setNoParent()
            .startSpan();
    return otelAttributesAndEnd(span);
  }

  @Benchmark
  public io.opentelemetry.api.trace.Span otel_child() {
    io.opentelemetry.api.trace.Span span =
        otelTracer
            .spanBuilder(NAME)
            .setSpanKind(io.opentelemetry.api.trace.SpanKind.SERVER)
            .setParent(otelParent)
            .startSpan();
    return otelAttributesAndEnd(span);
  }

  private static io.opentelemetry.api.trace.Span otelAttributesAndEnd(
      io.opentelemetry.api.trace.Span span) {
    span.setAttribute(METHOD, "GET");
    span.setAttribute(PATH, "/users/42");
    span.setAttribute(STATUS, 200L);
    span.setAttribute(PORT, 8080L);
    span.setAttribute(FLAG, true);
    span.end();
    return span;
  }

  @Benchmark
  public io.opentelemetry.api.trace.Span otel_rootAttributeKeys() {
    io.opentelemetry.api.trace.Span span =
        otelTracer
            .spanBuilder(NAME)
            .setSpanKind(io.opentelemetry.api.trace.SpanKind.SERVER)
            .setNoParent()
            .startSpan();
    span.setAttribute(METHOD_KEY, "GET");
    span.setAttribute(PATH_KEY, "/users/42");
    span.setAttribute(STATUS_KEY, 200L);
    span.setAttribute(PORT_KEY, 8080L);
    span.setAttribute(FLAG_KEY, true);
    span.end();
    return span;
  }
}
