package dev.weft.instrumentation.opentelemetryapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.example.orders.OrderAudit;
import dev.weft.api.SpanKind;
import dev.weft.api.StatusCode;
import dev.weft.api.Tracing;
import dev.weft.core.trace.Attributes;
import dev.weft.core.trace.EventData;
import dev.weft.core.trace.SpanData;
import dev.weft.testing.AgentSpans;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The application's own OpenTelemetry API under the agent attached to the test JVM: its spans
 * are the agent's, in the agent's traces, with parents right in both directions. Runs on the
 * newest API in the default execution and on API 1.0 in execution {@code opentelemetry-api-1.0};
 * the code here uses only what 1.0 has.
 */
class OpenTelemetryApiTest {

  private static final dev.weft.api.Tracer AGENT = Tracing.tracer("dev.weft.test.api");
  private static final ExecutorService POOL = Executors.newSingleThreadExecutor();
  private static final ContextKey<String> TENANT = ContextKey.named("tenant");

  private final Tracer tracer = GlobalOpenTelemetry.getTracer("com.example.orders", "1.2.3");

  @AfterAll
  static void stopPool() {
    POOL.shutdownNow();
  }

  @BeforeEach
  void reset() {
    AgentSpans.reset();
  }

  @Test
  void runsWithTheApiVersionOfItsExecution() {
    String expected = System.getProperty("weft.test.opentelemetry-api.jar", "opentelemetry-api-");
    String jar = Span.class.getProtectionDomain().getCodeSource().getLocation().toString();
    assertTrue(jar.contains(expected), jar + " should be " + expected + "*");
  }

  @Test
  void aManualSpanInsideARequest_isTheRequestsChild_withWhatTheApplicationSetOnIt() {
    dev.weft.api.Span request =
        AGENT.start("GET /orders", SpanKind.SERVER, dev.weft.api.Context.root());
    try (dev.weft.api.Scope ignored = dev.weft.api.Context.root().with(request).makeCurrent()) {
      assertEquals(request.spanContext().spanIdHex(), Span.current().getSpanContext().getSpanId());
      Span manual =
          tracer
              .spanBuilder("price order")
              .setSpanKind(io.opentelemetry.api.trace.SpanKind.CLIENT)
              .setAttribute("order.items", 3L)
              .setAttribute(AttributeKey.stringArrayKey("order.skus"), Arrays.asList("a", "b"))
              .startSpan();
      manual.setAttribute("order.express", true);
      manual.setAttribute(AttributeKey.doubleKey("order.total"), 12.5);
      manual.addEvent(
          "discount applied",
          io.opentelemetry.api.common.Attributes.of(AttributeKey.longKey("percent"), 10L));
      manual.setStatus(io.opentelemetry.api.trace.StatusCode.ERROR, "no stock");
      manual.end();
    } finally {
      request.end();
    }
    SpanData span = only("price order");
    assertEquals(request.spanContext(), span.parentSpanContext());
    assertEquals(SpanKind.CLIENT, span.kind());
    assertEquals("com.example.orders", span.scopeName());
    Attributes attributes = span.attributes();
    assertEquals(3L, attributes.longValue(attributes.indexOf("order.items")));
    assertTrue(
        Arrays.equals(
            new String[] {"a", "b"},
            (String[]) attributes.arrayValue(attributes.indexOf("order.skus"))));
    assertTrue(attributes.booleanValue(attributes.indexOf("order.express")));
    assertEquals(12.5, attributes.doubleValue(attributes.indexOf("order.total")));
    EventData event = span.events().get(0);
    assertEquals("discount applied", event.name());
    assertEquals(10L, event.attributes().longValue(event.attributes().indexOf("percent")));
    assertEquals(StatusCode.ERROR, span.statusCode());
    assertEquals("no stock", span.statusDescription());
  }

  @Test
  void aTracerFromTracerBuilder_startsTheAgentsSpans_onAnApiThatHasIt() {
    assumeTrue(hasTracerBuilder(), "TracerBuilder came with API 1.4");
    Span span =
        GlobalOpenTelemetry.tracerBuilder("com.example.built")
            .setInstrumentationVersion("2.0")
            .build()
            .spanBuilder("built")
            .startSpan();
    assertTrue(span.isRecording());
    span.end();
    assertEquals("com.example.built", only("built").scopeName());
  }

  @Test
  void anAgentSpanInsideAManualSpan_isItsChild_andTheScopeRestoresWhatWasCurrent() {
    Span manual = tracer.spanBuilder("batch").startSpan();
    try (Scope ignored = manual.makeCurrent()) {
      assertEquals(
          manual.getSpanContext().getSpanId(),
          dev.weft.api.Context.current().span().spanContext().spanIdHex());
      dev.weft.api.Span query =
          AGENT.start("SELECT orders", SpanKind.CLIENT, dev.weft.api.Context.current());
      query.end();
      assertSame(manual, Span.current(), "the application's own span object stays current");
    } finally {
      manual.end();
    }
    assertFalse(Span.current().getSpanContext().isValid());
    assertSame(dev.weft.api.Context.root(), dev.weft.api.Context.current());
    SpanData batch = only("batch");
    SpanData query = only("SELECT orders");
    assertFalse(batch.parentSpanContext().isValid(), "a manual span outside anything is a root");
    assertEquals(batch.spanContext(), query.parentSpanContext());
  }

  @Test
  void insideAWithSpanMethod_spanCurrent_isThatMethodsSpan() {
    Span manual = tracer.spanBuilder("checkout").startSpan();
    String inside;
    try (Scope ignored = manual.makeCurrent()) {
      inside = new OrderAudit().audit("o-17");
    } finally {
      manual.end();
    }
    SpanData audit = only("audit order");
    assertEquals(audit.spanContext().spanIdHex(), inside);
    assertEquals("o-17", audit.attributes().stringValue(audit.attributes().indexOf("order.id")));
    assertEquals(only("checkout").spanContext(), audit.parentSpanContext());
  }

  @Test
  void theApplicationsContextValues_surviveAgentSpans_andMoveToPoolThreadsWithTheSpan()
      throws Exception {
    Span manual = tracer.spanBuilder("import").startSpan();
    String[] seen = new String[3];
    try (Scope outer = manual.makeCurrent();
        Scope inner = Context.current().with(TENANT, "acme").makeCurrent()) {
      dev.weft.api.Span agentSpan =
          AGENT.start("inner", SpanKind.INTERNAL, dev.weft.api.Context.current());
      try (dev.weft.api.Scope s = dev.weft.api.Context.current().with(agentSpan).makeCurrent()) {
        seen[0] = Context.current().get(TENANT);
        seen[1] = Span.current().getSpanContext().getSpanId();
      } finally {
        agentSpan.end();
      }
      seen[2] =
          POOL.submit(
                  () ->
                      Context.current().get(TENANT)
                          + " "
                          + Span.current().getSpanContext().getSpanId())
              .get(10, TimeUnit.SECONDS);
    } finally {
      manual.end();
    }
    assertEquals("acme", seen[0]);
    assertEquals(only("inner").spanContext().spanIdHex(), seen[1]);
    assertEquals("acme " + manual.getSpanContext().getSpanId(), seen[2]);
    assertEquals(null, Context.current().get(TENANT));
  }

  @Test
  void baggage_isOneAndTheSame_onBothSides_andThePropagatorsAreTheAgents() {
    Map<String, String> headers = new HashMap<>();
    Span manual = tracer.spanBuilder("send").startSpan();
    try (Scope s1 = manual.makeCurrent();
        Scope s2 = Baggage.builder().put("user", "alice").build().makeCurrent()) {
      assertEquals("alice", dev.weft.api.Context.current().baggage().get("user"));
      GlobalOpenTelemetry.getPropagators()
          .getTextMapPropagator()
          .inject(Context.current(), headers, (carrier, key, value) -> carrier.put(key, value));
    } finally {
      manual.end();
    }
    assertTrue(
        headers.get("traceparent").contains(manual.getSpanContext().getSpanId()),
        headers.toString());
    assertEquals("user=alice", headers.get("baggage"));

    Context extracted =
        GlobalOpenTelemetry.getPropagators()
            .getTextMapPropagator()
            .extract(Context.root(), headers, MapGetter.INSTANCE);
    assertEquals(
        manual.getSpanContext().getSpanId(),
        Span.fromContext(extracted).getSpanContext().getSpanId());
    assertTrue(Span.fromContext(extracted).getSpanContext().isRemote());
    assertEquals("alice", Baggage.fromContext(extracted).getEntryValue("user"));
  }

  @Test
  void timestampsTheApplicationGives_andNoParent_areKept() {
    dev.weft.api.Span request =
        AGENT.start("request", SpanKind.SERVER, dev.weft.api.Context.root());
    try (dev.weft.api.Scope ignored = dev.weft.api.Context.root().with(request).makeCurrent()) {
      Span replayed =
          tracer
              .spanBuilder("replayed")
              .setNoParent()
              .setStartTimestamp(1_700_000_000_000L, TimeUnit.MILLISECONDS)
              .startSpan();
      replayed.end(1_700_000_000_250L, TimeUnit.MILLISECONDS);
    } finally {
      request.end();
    }
    SpanData span = only("replayed");
    assertFalse(span.parentSpanContext().isValid());
    assertNotEquals(request.spanContext().traceIdHex(), span.spanContext().traceIdHex());
    assertEquals(1_700_000_000_000_000_000L, span.startEpochNanos());
    assertEquals(250_000_000L, span.endEpochNanos() - span.startEpochNanos());
  }

  @Test
  void anApplicationThatRegistersItsOwn_keepsIt_andTheAgentSaysSoOnce() {
    OpenTelemetry own = OpenTelemetry.propagating(ContextPropagators.noop());
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true));
    try {
      GlobalOpenTelemetry.set(own);
    } finally {
      System.setErr(err);
    }
    try {
      assertFalse(GlobalOpenTelemetry.getTracer("x").spanBuilder("y").startSpan().isRecording());
      String said = new String(captured.toByteArray(), StandardCharsets.UTF_8);
      assertTrue(
          said.startsWith("[weft] INFO The application registers its own OpenTelemetry"), said);
      assertEquals(1, said.split("\n").length, said);
    } finally {
      GlobalOpenTelemetry.resetForTest();
    }
    assertTrue(GlobalOpenTelemetry.getTracer("x").spanBuilder("y").startSpan().isRecording());
  }

  private static boolean hasTracerBuilder() {
    try {
      Class.forName("io.opentelemetry.api.trace.TracerBuilder");
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static SpanData only(String name) {
    return AgentSpans.exactly(s -> s.name().equals(name), 1).get(0);
  }

  private enum MapGetter implements TextMapGetter<Map<String, String>> {
    INSTANCE;

    @Override
    public Iterable<String> keys(Map<String, String> carrier) {
      return carrier.keySet();
    }

    @Override
    public String get(Map<String, String> carrier, String key) {
      return carrier == null ? null : carrier.get(key);
    }
  }
}
