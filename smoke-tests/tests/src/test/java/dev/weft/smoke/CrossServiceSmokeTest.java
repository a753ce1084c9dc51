package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A distributed trace across two JVMs, each with the agent: the frontend app, called by the test,
 * calls the backend (the Tomcat 10 app) with one of its HTTP clients ({@link FrontendClient}), and
 * the collector must receive ONE trace in which frontend SERVER → frontend CLIENT → backend SERVER
 * are linked parent to child, each with its own service name, and nothing else.
 *
 * <p>Each nested class is one pair of JVMs started with the same agent settings (so the pair
 * starts once per setting, and the clients are the parameters of its tests):
 *
 * <ul>
 *   <li>one per {@code otel.propagators} setting: the default ({@code tracecontext,baggage}),
 *       {@code b3}, {@code b3multi} and {@code honeycomb};
 *   <li>one per sampler at ratio 0.5: {@code traceidratio}, where each service decides from the
 *       trace id alone, so both must reach the same decision for the same trace, and {@code
 *       parentbased_traceidratio}, as users configure it, where the backend follows the sampled
 *       flag the frontend's client sends, unsampled traces included. Either way every trace
 *       arrives whole or not at all.
 * </ul>
 *
 * <p>Requests are told apart by a unique backend path per call ({@code /users/<tag>}), which is in
 * the frontend SERVER span's {@code url.query}, the CLIENT span's {@code url.full} and the backend
 * SERVER span's {@code url.path}, so a call whose context was lost can still be found in both
 * services. Nothing of a call arrives after the marker requests that follow it (each agent exports
 * in the order spans end, see {@link ServicePair#flush}); a CLIENT span that an asynchronous client
 * ends on its own thread may end a moment after the frontend answered, so a trace that is still
 * short gets a short grace period before it fails.
 */
class CrossServiceSmokeTest {

  static final Duration SPAN_TIMEOUT = Duration.ofSeconds(30);
  /** For the CLIENT span an async client ends on its own thread just after the response. */
  static final Duration LATE_SPAN_GRACE = Duration.ofSeconds(5);

  static final String FRONTEND_SERVICE = "smoke-frontend";
  static final String BACKEND_SERVICE = "smoke-backend";
  static final SmokeApp BACKEND_APP = SmokeApp.TOMCAT10;

  /** Requests per client in a sampling test: both outcomes fail to occur with p = 2^-39. */
  static final int SAMPLED_REQUESTS = 40;
  static final double SAMPLING_RATIO = 0.5;

  private static final AtomicInteger CALLS = new AtomicInteger();
  private static final AtomicInteger MARKERS = new AtomicInteger();

  /** One call through the frontend: what was asked and what came back. */
  record Call(FrontendClient client, String query, String backendPath, String backendUrl,
      SmokeHttp.Response response) {

    String frontendPath() {
      return "/call/" + client.id() + "?" + query;
    }
  }

  /**
   * A frontend and a backend JVM with the same agent settings and one collector, started once for
   * the nested class and shared by its tests.
   */
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  abstract class ServicePair {

    @RegisterExtension final AppLogsOnFailure logs = new AppLogsOnFailure();

    TestCollector collector;
    AppProcess backend;
    AppProcess frontend;
    SmokeHttp frontendHttp;
    SmokeHttp backendHttp;
    /** False while requests were sent whose spans may still be on their way. */
    private boolean settled = true;

    /** A short name of the setting, for tags, log names and messages, e.g. {@code b3}. */
    abstract String label();

    /** The agent properties both JVMs get, beyond service name and collector. */
    abstract Map<String, String> agentProperties();

    @BeforeAll
    void startServices() {
      Path agentJar = AgentJar.availableOrNull();
      if (agentJar == null) {
        return; // each test then fails or skips in requireAgentAndReset(), saying why
      }
      collector = TestCollector.start();
      backend = logs.register(start(BACKEND_APP, BACKEND_SERVICE, agentJar));
      frontend = logs.register(start(SmokeApp.FRONTEND, FRONTEND_SERVICE, agentJar));
      frontendHttp = new SmokeHttp(frontend.port(), () -> settled = false);
      backendHttp = new SmokeHttp(backend.port(), () -> settled = false);
    }

    private AppProcess start(SmokeApp app, String serviceName, Path agentJar) {
      AppProcess.Builder builder =
          AppProcess.builder(app)
              .agent(agentJar)
              .collector(collector)
              .serviceName(serviceName)
              .logName("CrossServiceSmokeTest-" + label() + "-" + app.id());
      for (Map.Entry<String, String> property : agentProperties().entrySet()) {
        builder.property(property.getKey(), property.getValue());
      }
      return builder.start();
    }

    @AfterAll
    void stopServices() {
      if (frontend != null) {
        frontend.stop();
      }
      if (backend != null) {
        backend.stop();
      }
      if (collector != null) {
        collector.close();
      }
    }

    @BeforeEach
    void requireAgentAndReset() {
      AgentJar.require();
      if (!settled) {
        // The previous test failed before its spans were flushed: let them arrive before the
        // reset, or they would be counted as this test's.
        try {
          flush();
        } catch (AssertionError previousTestsProblem) {
          // reported by the previous test already
        }
      }
      collector.reset();
    }

    String backendBase() {
      return "http://127.0.0.1:" + backend.port();
    }

    /** Calls the backend through the frontend with {@code client}, on a path unique to the call. */
    Call call(FrontendClient client) {
      String tag = label() + "-" + client.id() + "-" + CALLS.incrementAndGet();
      String backendPath = "/users/" + tag;
      String query = "target=" + backendBase() + "&path=" + backendPath;
      SmokeHttp.Response response = frontendHttp.get("/call/" + client.id() + "?" + query);
      Call call = new Call(client, query, backendPath, backendBase() + backendPath, response);
      assertEquals(200, response.status(), "GET " + call.frontendPath() + ": " + response.body());
      assertEquals("user /" + tag, response.body(), "GET " + call.frontendPath());
      return call;
    }

    /**
     * Proves that nothing of the requests sent so far is still to come: a marker request to each
     * JVM, and a wait for both markers' spans. Each agent exports spans in the order they end, so
     * whatever ended before its marker arrived before it. The markers continue a sampled trace
     * whose trace id every ratio sampler keeps (low 64 bits below 2^60), so they are exported
     * under every sampler setting.
     */
    void flush() {
      String path = "/users/cross-service-marker-" + MARKERS.incrementAndGet();
      frontendHttp.get(path, "traceparent", Ids.traceparent(sampledTraceId(), Ids.randomSpanId()));
      backendHttp.get(path, "traceparent", Ids.traceparent(sampledTraceId(), Ids.randomSpanId()));
      collector.awaitSpans(span -> isServer(span, FRONTEND_SERVICE, path), 1, SPAN_TIMEOUT);
      collector.awaitSpans(span -> isServer(span, BACKEND_SERVICE, path), 1, SPAN_TIMEOUT);
      settled = true;
    }

    /** The spans of trace {@code traceId}, once it holds {@code n} or the grace is over. */
    List<ReceivedSpan> traceOf(String traceId, int n) {
      long deadline = System.nanoTime() + LATE_SPAN_GRACE.toNanos();
      while (true) {
        List<ReceivedSpan> trace = collector.tracesById().getOrDefault(traceId, List.of());
        if (trace.size() >= n || System.nanoTime() - deadline > 0) {
          return trace;
        }
        pause();
      }
    }

    /** The frontend SERVER spans of {@code call}: its query is unique to it. */
    List<ReceivedSpan> frontendServerSpans(Call call) {
      return matching(span -> span.kind() == Span.SpanKind.SPAN_KIND_SERVER
          && FRONTEND_SERVICE.equals(span.resourceAttr("service.name"))
          && call.query().equals(span.attr("url.query")));
    }

    /** The backend SERVER spans of {@code call}: its path is unique to it. */
    List<ReceivedSpan> backendServerSpans(Call call) {
      return matching(span -> isServer(span, BACKEND_SERVICE, call.backendPath()));
    }

    /** The CLIENT spans whose {@code url.full} is the call's backend URL, in any trace. */
    List<ReceivedSpan> clientSpansByUrl(Call call) {
      return matching(span -> span.kind() == Span.SpanKind.SPAN_KIND_CLIENT
          && call.backendUrl().equals(span.attr("url.full")));
    }

    private List<ReceivedSpan> matching(Predicate<ReceivedSpan> predicate) {
      List<ReceivedSpan> spans = new ArrayList<>();
      for (ReceivedSpan span : collector.spans()) {
        if (predicate.test(span)) {
          spans.add(span);
        }
      }
      return spans;
    }

    /**
     * Asserts that {@code trace} is exactly frontend SERVER → frontend CLIENT → backend SERVER for
     * {@code call}, linked parent to child.
     */
    void assertWholeTrace(Call call, ReceivedSpan frontendServer, ReceivedSpan backendServer,
        List<ReceivedSpan> trace) {
      String what = call.client() + " call with " + label() + " (instrumentation "
          + call.client().instrumentation() + "), trace " + frontendServer.traceId() + ":\n  "
          + describe(trace);
      assertEquals(frontendServer.traceId(), backendServer.traceId(),
          "the backend's SERVER span started a trace of its own: the " + call.client()
              + " call carried no context the backend read (is the "
              + call.client().instrumentation() + " instrumentation in the agent, and does it"
              + " inject with " + label() + "?)\n  frontend: " + frontendServer
              + "\n  backend:  " + backendServer + "\n  frontend's " + what);
      List<ReceivedSpan> clients = new ArrayList<>();
      for (ReceivedSpan span : trace) {
        if (span.kind() == Span.SpanKind.SPAN_KIND_CLIENT) {
          clients.add(span);
        }
      }
      assertEquals(1, clients.size(), "one CLIENT span in the " + what);
      assertEquals(3, trace.size(), "three spans and nothing else in the " + what);
      ReceivedSpan client = clients.get(0);
      assertAll(
          what,
          () -> assertEquals("", frontendServer.parentSpanId(), "the frontend SERVER span is root"),
          () -> assertEquals(FRONTEND_SERVICE, frontendServer.resourceAttr("service.name"),
              "frontend SERVER service.name"),
          () -> assertEquals(frontendServer.spanId(), client.parentSpanId(),
              "the CLIENT span's parent is the frontend SERVER span"),
          () -> assertEquals(FRONTEND_SERVICE, client.resourceAttr("service.name"),
              "CLIENT service.name"),
          () -> assertEquals(client.spanId(), backendServer.parentSpanId(),
              "the backend SERVER span's parent is the CLIENT span"),
          () -> assertEquals(BACKEND_SERVICE, backendServer.resourceAttr("service.name"),
              "backend SERVER service.name"),
          () -> assertEquals(Span.SpanKind.SPAN_KIND_SERVER, backendServer.kind(), "backend kind"),
          () -> assertEquals("GET", client.name(), "CLIENT span name"),
          () -> assertEquals("GET", client.attr("http.request.method"), "http.request.method"),
          () -> assertEquals(call.backendUrl(), client.attr("url.full"), "url.full"),
          () -> assertEquals("127.0.0.1", client.attr("server.address"), "server.address"),
          () -> assertEquals((long) backend.port(), client.attr("server.port"), "server.port"),
          () -> assertEquals(200L, client.attr("http.response.status_code"), "status code"),
          () -> assertEquals(Status.StatusCode.STATUS_CODE_UNSET, client.statusCode(),
              "CLIENT status"));
    }
  }

  /** One pair per propagator setting; one test per client. */
  abstract class PropagatorPair extends ServicePair {

    @ParameterizedTest(name = "{0}")
    @EnumSource(FrontendClient.class)
    void call_yieldsOneTrace_frontendServer_frontendClient_backendServer(FrontendClient client) {
      Call call = call(client);

      ReceivedSpan frontendServer = awaitOnly(call, "frontend SERVER", this::frontendServerSpans);
      ReceivedSpan backendServer = awaitOnly(call, "backend SERVER", this::backendServerSpans);
      flush();

      List<ReceivedSpan> trace = frontendServer.traceId().equals(backendServer.traceId())
          ? traceOf(frontendServer.traceId(), 3)
          : collector.tracesById().get(frontendServer.traceId());
      assertEquals(1, frontendServerSpans(call).size(), "one frontend SERVER span per call");
      assertEquals(1, backendServerSpans(call).size(), "one backend SERVER span per call");
      assertWholeTrace(call, frontendServer, backendServer, trace);
    }

    /** The first span {@code spans} finds for {@code call}, waiting for it up to the timeout. */
    private ReceivedSpan awaitOnly(
        Call call, String what, Function<Call, List<ReceivedSpan>> spans) {
      long deadline = System.nanoTime() + SPAN_TIMEOUT.toNanos();
      while (true) {
        List<ReceivedSpan> found = spans.apply(call);
        if (!found.isEmpty()) {
          return found.get(0);
        }
        if (System.nanoTime() - deadline > 0) {
          fail("no " + what + " span of GET " + call.frontendPath() + " within "
              + SPAN_TIMEOUT.toSeconds() + " s; " + collector.describe());
        }
        pause();
      }
    }
  }

  @Nested
  @DisplayName("CrossServiceSmokeTest, default propagators (tracecontext,baggage)")
  class TraceContextPropagation extends PropagatorPair {
    @Override
    String label() {
      return "tracecontext";
    }

    @Override
    Map<String, String> agentProperties() {
      return Map.of(); // the default, as most users run it
    }
  }

  @Nested
  @DisplayName("CrossServiceSmokeTest, propagators b3")
  class B3SinglePropagation extends PropagatorPair {
    @Override
    String label() {
      return "b3";
    }

    @Override
    Map<String, String> agentProperties() {
      return Map.of("otel.propagators", "b3");
    }
  }

  @Nested
  @DisplayName("CrossServiceSmokeTest, propagators b3multi")
  class B3MultiPropagation extends PropagatorPair {
    @Override
    String label() {
      return "b3multi";
    }

    @Override
    Map<String, String> agentProperties() {
      return Map.of("otel.propagators", "b3multi");
    }
  }

  @Nested
  @DisplayName("CrossServiceSmokeTest, propagators honeycomb")
  class HoneycombPropagation extends PropagatorPair {
    @Override
    String label() {
      return "honeycomb";
    }

    @Override
    Map<String, String> agentProperties() {
      return Map.of("otel.propagators", "honeycomb");
    }
  }

  /** One pair per ratio sampler; one test of {@link #SAMPLED_REQUESTS} calls per client. */
  abstract class SamplingPair extends ServicePair {

    abstract String sampler();

    @Override
    String label() {
      return sampler();
    }

    @Override
    Map<String, String> agentProperties() {
      return Map.of(
          "otel.traces.sampler", sampler(),
          "otel.traces.sampler.arg", Double.toString(SAMPLING_RATIO));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(FrontendClient.class)
    void ratioHalf_everyTraceArrivesWhole_orNotAtAll_andBothOccur(FrontendClient client) {
      List<Call> calls = new ArrayList<>();
      for (int i = 0; i < SAMPLED_REQUESTS; i++) {
        calls.add(call(client));
      }
      flush();

      // Poll through the grace only while some trace is partial: a partial trace that stays so
      // fails, with every call's outcome listed.
      long deadline = System.nanoTime() + LATE_SPAN_GRACE.toNanos();
      Map<Call, String> outcomes;
      while (true) {
        outcomes = new LinkedHashMap<>();
        for (Call call : calls) {
          outcomes.put(call, outcome(call));
        }
        if (!outcomes.values().stream().anyMatch(o -> o.startsWith("PARTIAL"))
            || System.nanoTime() - deadline > 0) {
          break;
        }
        pause();
      }

      StringBuilder table = new StringBuilder();
      int whole = 0;
      int none = 0;
      Set<String> problems = new LinkedHashSet<>();
      for (Map.Entry<Call, String> entry : outcomes.entrySet()) {
        table.append("\n  ").append(entry.getKey().backendPath()).append(": ")
            .append(entry.getValue());
        if (entry.getValue().startsWith("WHOLE")) {
          whole++;
        } else if (entry.getValue().equals("NONE")) {
          none++;
        } else {
          problems.add(entry.getKey().backendPath());
        }
      }
      String summary = client + " (instrumentation " + client.instrumentation() + ") with "
          + sampler() + " " + SAMPLING_RATIO + ": " + whole + " whole, " + none + " none, "
          + problems.size() + " partial of " + calls.size() + table;
      assertTrue(problems.isEmpty(), "every trace whole or absent; " + summary);
      assertTrue(whole > 0, "some traces are sampled; " + summary);
      assertTrue(none > 0, "some traces are not sampled; " + summary);
    }

    /**
     * {@code WHOLE <trace id>} when the call's three spans arrived as one linked trace whose
     * trace id the ratio keeps, {@code NONE} when none of them arrived, else {@code PARTIAL} with
     * what arrived.
     */
    private String outcome(Call call) {
      List<ReceivedSpan> frontendServers = frontendServerSpans(call);
      List<ReceivedSpan> backendServers = backendServerSpans(call);
      Set<ReceivedSpan> clients = new LinkedHashSet<>(clientSpansByUrl(call));
      for (ReceivedSpan frontendServer : frontendServers) {
        for (ReceivedSpan span : collector.tracesById().get(frontendServer.traceId())) {
          if (span.kind() == Span.SpanKind.SPAN_KIND_CLIENT) {
            clients.add(span);
          }
        }
      }
      if (frontendServers.isEmpty() && backendServers.isEmpty() && clients.isEmpty()) {
        return "NONE";
      }
      String partial = "PARTIAL frontend SERVER " + frontendServers + ", CLIENT " + clients
          + ", backend SERVER " + backendServers;
      if (frontendServers.size() != 1 || backendServers.size() != 1 || clients.size() != 1) {
        return partial;
      }
      ReceivedSpan frontendServer = frontendServers.get(0);
      ReceivedSpan client = clients.iterator().next();
      ReceivedSpan backendServer = backendServers.get(0);
      List<ReceivedSpan> trace = collector.tracesById().get(frontendServer.traceId());
      boolean linked = frontendServer.parentSpanId().isEmpty()
          && client.traceId().equals(frontendServer.traceId())
          && client.parentSpanId().equals(frontendServer.spanId())
          && backendServer.traceId().equals(frontendServer.traceId())
          && backendServer.parentSpanId().equals(client.spanId())
          && trace.size() == 3;
      if (!linked) {
        return partial + " (not one linked trace of three spans)";
      }
      if (!ratioKeeps(frontendServer.traceId())) {
        return partial + " (sampled, but the ratio " + SAMPLING_RATIO + " drops trace id "
            + frontendServer.traceId() + ")";
      }
      return "WHOLE " + frontendServer.traceId();
    }
  }

  @Nested
  @DisplayName("CrossServiceSmokeTest, sampler traceidratio 0.5 in both services")
  class TraceIdRatioSampling extends SamplingPair {
    @Override
    String sampler() {
      return "traceidratio";
    }
  }

  @Nested
  @DisplayName("CrossServiceSmokeTest, sampler parentbased_traceidratio 0.5 in both services")
  class ParentBasedTraceIdRatioSampling extends SamplingPair {
    @Override
    String sampler() {
      return "parentbased_traceidratio";
    }
  }

  /**
   * Whether a ratio sampler at {@link #SAMPLING_RATIO} keeps {@code traceIdHex}: the
   * OpenTelemetry rule, {@code |low 64 bits as a signed long| < ratio * Long.MAX_VALUE}.
   */
  static boolean ratioKeeps(String traceIdHex) {
    long low = Long.parseUnsignedLong(traceIdHex.substring(16), 16);
    return Math.abs(low) < (long) (SAMPLING_RATIO * Long.MAX_VALUE);
  }

  /** A random trace id every ratio sampler keeps: its low 64 bits are below 2^60. */
  static String sampledTraceId() {
    String random = Ids.randomTraceId();
    return random.substring(0, 16) + "0" + random.substring(17, 31) + "1";
  }

  static boolean isServer(ReceivedSpan span, String serviceName, String path) {
    return span.kind() == Span.SpanKind.SPAN_KIND_SERVER
        && serviceName.equals(span.resourceAttr("service.name"))
        && path.equals(span.attr("url.path"));
  }

  static String describe(List<ReceivedSpan> spans) {
    if (spans == null || spans.isEmpty()) {
      return "(no spans)";
    }
    StringBuilder out = new StringBuilder();
    for (ReceivedSpan span : spans) {
      if (out.length() > 0) {
        out.append("\n  ");
      }
      out.append(span);
    }
    return out.toString();
  }

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for spans", e);
    }
  }
}
