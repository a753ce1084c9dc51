package dev.weft.benchmarks;

import com.example.bench.PriceCalculator;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a hand-made span costs: a call of a {@code @WithSpan} method ({@code withSpan*}), and a
 * span made with the application's own OpenTelemetry API ({@code api*}: {@code
 * GlobalOpenTelemetry}'s tracer, start, make current, end), measured in a JVM with the agent
 * ({@link ManualSpanAgentBenchmark}: the agent's span, current while the work runs) and in one
 * without ({@link ManualSpanNoAgentBenchmark}: a plain call, and the API's no-op span), against
 * the same span on the OpenTelemetry SDK ({@code otelSdk_*}, as an application that ships the SDK
 * does). Compare {@code withSpan} and {@code apiSpan} in the agent fork with {@code
 * otelSdk_spanAroundCall} in the no-agent fork.
 *
 * <p>Each call starts a new trace. The agent fork runs with {@code otel.traces.exporter=none}, so
 * an ended span is not queued for export; the SDK's tracer hands every ended span to a processor
 * that drops it ({@link OtelFixtures}), which is a little more than the agent does here.
 *
 * <p>Setup reports, on the fork's output, whether the annotated method runs inside the agent's
 * span, and fails a fork that was meant to have the agent but does not. One instance per fork and
 * thread.
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public abstract class ManualSpanBenchmark {

  private static final AttributeKey<String> SKU = AttributeKey.stringKey("item.sku");
  private static final AttributeKey<Long> QUANTITY = AttributeKey.longKey("quantity");

  private final PriceCalculator calculator = new PriceCalculator();
  private long quantity = 7;
  private SdkTracerProvider otelProvider;
  private Tracer otelTracer;
  private Tracer apiTracer;

  @Setup
  public void setUp() {
    otelProvider = OtelFixtures.provider();
    otelTracer = OtelFixtures.tracer(otelProvider);
    apiTracer = GlobalOpenTelemetry.getTracer("dev.weft.benchmarks");
    boolean traced = calculator.tracedInside();
    Span probe = apiTracer.spanBuilder("probe").startSpan();
    boolean bridged = probe.isRecording();
    probe.end();
    if ((!traced || !bridged) && Boolean.getBoolean(HttpClientCallBenchmark.EXPECT_AGENT)) {
      throw new IllegalStateException(
          "the agent did not weave @WithSpan or the OpenTelemetry API in this fork (see its output"
              + " above): measuring nothing");
    }
    System.out.println("[weft benchmark] @WithSpan method runs inside the agent's span: " + traced);
    System.out.println(
        "[weft benchmark] the OpenTelemetry API starts the agent's spans: " + bridged);
  }

  @TearDown
  public void tearDown() {
    otelProvider.close();
  }

  /** The annotated call: a span with the agent, a plain call without it. */
  @Benchmark
  public long withSpan() {
    return calculator.price(quantity);
  }

  /** The annotated call with two {@code @SpanAttribute} parameters. */
  @Benchmark
  public long withSpanAttributes() {
    return calculator.priceOf("sku-42", quantity);
  }

  /**
   * The span written with the application's OpenTelemetry API: the agent's span through the
   * bridge with the agent, the API's no-op without.
   */
  @Benchmark
  public long apiSpan() {
    Span span = apiTracer.spanBuilder("PriceCalculator.price").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      return quantity * 3;
    } finally {
      span.end();
    }
  }

  /** The API span with the two attributes, set with {@code AttributeKey} constants. */
  @Benchmark
  public long apiSpanAttributes() {
    String sku = "sku-42";
    Span span =
        apiTracer
            .spanBuilder("price with attributes")
            .setAttribute(SKU, sku)
            .setAttribute(QUANTITY, quantity)
            .startSpan();
    try (Scope ignored = span.makeCurrent()) {
      return quantity * 3 + sku.length();
    } finally {
      span.end();
    }
  }

  /** The same span written with the OpenTelemetry SDK around the same plain call. */
  @Benchmark
  public long otelSdk_spanAroundCall() {
    Span span = otelTracer.spanBuilder("PriceCalculator.price").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      return quantity * 3;
    } finally {
      span.end();
    }
  }

  /** The SDK span with the two attributes, set with {@code AttributeKey} constants. */
  @Benchmark
  public long otelSdk_spanAroundCallAttributes() {
    String sku = "sku-42";
    Span span =
        otelTracer
            .spanBuilder("price with attributes")
            .setAttribute(SKU, sku)
            .setAttribute(QUANTITY, quantity)
            .startSpan();
    try (Scope ignored = span.makeCurrent()) {
      return quantity * 3 + sku.length();
    } finally {
      span.end();
    }
  }
}
