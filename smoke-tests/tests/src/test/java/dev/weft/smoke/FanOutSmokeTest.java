package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

/**
 * Context across the application's own threads, end to end: {@code GET /orders/1/summary} of the
 * JDBC app ({@code smoke-tests/apps/spring-boot3-jdbc-app}, its {@code OrderSummaryController})
 * fans out through a {@code CompletableFuture} chain ({@code supplyAsync}, {@code
 * thenCombineAsync}, {@code thenComposeAsync}, {@code thenApplyAsync}) on a fixed {@code
 * ThreadPoolExecutor} of its own to three JDBC statements and two HTTP calls to its own {@code
 * /ping} ({@code java.net.http.HttpClient}, {@code HttpURLConnection}), and joins. With the agent,
 * that is one trace of eight spans:
 *
 * <pre>
 * SERVER GET /orders/1/summary            (root, or the child of the request's traceparent)
 * ├── CLIENT SELECT orders
 * ├── CLIENT SELECT order_lines
 * ├── CLIENT UPDATE orders
 * ├── CLIENT GET /ping?client=java-http-client ── SERVER GET /ping?client=java-http-client
 * └── CLIENT GET /ping?client=url-connection   ── SERVER GET /ping?client=url-connection
 * </pre>
 *
 * <p>The CLIENT spans start on pool threads, where only the executors instrumentation can bring the
 * request's context: without it they are roots of traces of their own. Under 50 concurrent
 * requests, pool threads run the work of many requests in turn, so a context that leaks from one
 * task into the next would put a span into another request's trace; the concurrent test catches
 * that by giving each request a known trace id and accepting no other.
 *
 * <p>One app JVM with the agent for the class. Before each test a marker request is awaited (spans
 * are exported in the order they end, so the startup statements' spans have arrived) and the
 * collector reset; after its requests a test waits until the spans it expects arrived, then for a
 * second marker, so spans that should not exist have had their chance to arrive too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FanOutSmokeTest {

  private static final Duration SPAN_TIMEOUT = Duration.ofSeconds(60);
  private static final SmokeApp APP = SmokeApp.SPRING_BOOT3_JDBC;
  private static final String SERVICE = "smoke-" + APP.id() + "-fan-out";
  private static final String SUMMARY_PATH = "/orders/1/summary";
  private static final String PING_PATH = "/ping";
  private static final List<String> PING_CLIENTS = List.of("java-http-client", "url-connection");
  private static final List<String> STATEMENTS =
      List.of("SELECT order_lines", "SELECT orders", "UPDATE orders"); // sorted
  private static final int SPANS_PER_REQUEST = 1 + STATEMENTS.size() + 2 * PING_CLIENTS.size();
  private static final int CONCURRENT_REQUESTS = 50;
  /** How many wrong traces a failure message shows in full; the dump file has everything. */
  private static final int TRACES_SHOWN = 5;
  /** The app's answer for order 1 without {@code threads}, which is checked apart. */
  private static final JsonObject EXPECTED_SUMMARY = JsonParser.parseString(
      "{\"id\":1,\"customer\":\"Ada Lovelace\",\"status\":\"OPEN\","
          + "\"openLines\":[\"punched cards\",\"brass gears\"],\"viewCounted\":true,"
          + "\"pings\":{\"java-http-client\":\"pong java-http-client\","
          + "\"url-connection\":\"pong url-connection\"}}").getAsJsonObject();
  /** The names the app gives the threads of its pool. */
  private static final String POOL_THREAD_PREFIX = "order-summary-";

  @RegisterExtension final AppLogsOnFailure logs = new AppLogsOnFailure();

  private TestCollector collector;
  private AppProcess app;
  private SmokeHttp http;

  @BeforeAll
  void startAppWithAgent() {
    Path agentJar = AgentJar.availableOrNull();
    if (agentJar == null) {
      return; // each test then fails or skips in requireAgentAndSettle(), saying why
    }
    collector = TestCollector.start();
    app = logs.register(
        AppProcess.builder(APP)
            .agent(agentJar)
            .collector(collector)
            .serviceName(SERVICE)
            .logName(getClass().getSimpleName())
            .start());
    http = new SmokeHttp(app.port());
  }

  @AfterAll
  void stopApp() {
    if (app != null) {
      app.stop();
    }
    if (collector != null) {
      collector.close();
    }
  }

  @BeforeEach
  void requireAgentAndSettle() {
    AgentJar.require();
    // Startup statements, or a previous test that failed before it waited for its spans.
    awaitMarker();
    collector.reset();
  }

  @Test
  void fanOutRequest_yieldsOneTrace_everyPoolThreadSpanUnderTheServerSpan() {
    SmokeHttp.Response response = http.get(SUMMARY_PATH);

    assertSummaryBody(response);
    List<ReceivedSpan> spans = requestSpans(SPANS_PER_REQUEST);
    Map<String, List<ReceivedSpan>> traces = byTrace(spans);
    String received = "\n  " + describe(spans);
    assertEquals(1, traces.size(),
        "one trace for the request, but its " + spans.size() + " spans are in " + traces.size()
            + " traces (a span started on a pool thread without the request's context is the"
            + " root of a trace of its own):" + received);
    List<String> problems = shapeProblems(spans, "");
    assertTrue(problems.isEmpty(), String.join("\n", problems) + received);
  }

  @Test
  void fiftyConcurrentFanOutRequests_eachTraceHoldsExactlyItsOwnEightSpans() throws Exception {
    Map<String, String> remoteParents = new LinkedHashMap<>(); // trace id -> parent span id
    for (int i = 0; i < CONCURRENT_REQUESTS; i++) {
      remoteParents.put(Ids.randomTraceId(), Ids.randomSpanId());
    }

    List<SmokeHttp.Response> responses = sendAllAtOnce(remoteParents);

    List<Executable> bodyChecks = new ArrayList<>();
    for (SmokeHttp.Response response : responses) {
      bodyChecks.add(() -> assertSummaryBody(response));
    }
    assertAll("every response", bodyChecks);
    List<ReceivedSpan> spans = requestSpans(CONCURRENT_REQUESTS * SPANS_PER_REQUEST);
    Map<String, List<ReceivedSpan>> traces = byTrace(spans);

    StringBuilder failures = new StringBuilder();
    int badTraces = 0;
    for (Map.Entry<String, String> expected : remoteParents.entrySet()) {
      List<ReceivedSpan> trace = traces.getOrDefault(expected.getKey(), List.of());
      List<String> problems = shapeProblems(trace, expected.getValue());
      if (!problems.isEmpty() && ++badTraces <= TRACES_SHOWN) {
        failures.append("\ntrace ").append(expected.getKey()).append(" (remote parent ")
            .append(expected.getValue()).append("): ").append(String.join("; ", problems))
            .append("\n  ").append(describe(trace));
      }
    }
    Set<String> strangers = new LinkedHashSet<>(traces.keySet());
    strangers.removeAll(remoteParents.keySet());
    int strangersShown = 0;
    for (String stranger : strangers) {
      if (++strangersShown > TRACES_SHOWN) {
        break;
      }
      failures.append("\ntrace ").append(stranger).append(" is none of the requests' traces:\n  ")
          .append(describe(traces.get(stranger)));
    }
    if (badTraces > 0 || !strangers.isEmpty()) {
      Path dump = dumpReceived(spans);
      fail(badTraces + " of " + CONCURRENT_REQUESTS + " traces are not the request's eight spans,"
          + " and " + strangers.size() + " other trace(s) arrived (" + spans.size()
          + " spans in all; the first " + TRACES_SHOWN + " of each below, every span received in "
          + dump + "):" + failures);
    }
    int overlap = maxOpenAtOnce(spans);
    assertTrue(overlap > 1,
        "the requests overlapped in the app (at most " + overlap + " summary request(s) were in"
            + " progress at once), or they did not test concurrency");
  }

  @Test
  void executorsSwitchedOff_poolThreadSpansAreNoLongerInTheRequestsTrace() {
    try (TestCollector offCollector = TestCollector.start();
        AppProcess offApp = logs.register(
            AppProcess.builder(APP)
                .agent(AgentJar.require())
                .collector(offCollector)
                .serviceName(SERVICE)
                .property("otel.instrumentation.executors.enabled", "false")
                .logName(getClass().getSimpleName() + "-executors-off")
                .start())) {
      SmokeHttp.Response response = new SmokeHttp(offApp.port()).get(SUMMARY_PATH);

      assertSummaryBody(response);
      // The calls and the UPDATE happen only in the summary request (the app's startup
      // statements create and fill the tables, and select nothing).
      offCollector.awaitSpans(FanOutSmokeTest::isSummaryServer, 1, SPAN_TIMEOUT);
      List<ReceivedSpan> poolThreadSpans = new ArrayList<>();
      poolThreadSpans.addAll(
          offCollector.awaitSpans(FanOutSmokeTest::isPingCall, PING_CLIENTS.size(), SPAN_TIMEOUT));
      poolThreadSpans.addAll(
          offCollector.awaitSpans(
              span -> isStatement(span) && span.name().equals("UPDATE orders"), 1, SPAN_TIMEOUT));
      for (ReceivedSpan span : poolThreadSpans) {
        assertEquals("", span.parentSpanId(),
            "with the executors instrumentation off, a span started on a pool thread is a"
                + " root: " + span);
      }
    }
  }

  /** Sends one summary request per trace id, all released at once from threads of their own. */
  private List<SmokeHttp.Response> sendAllAtOnce(Map<String, String> remoteParents)
      throws InterruptedException, ExecutionException, TimeoutException {
    ExecutorService senders = Executors.newFixedThreadPool(remoteParents.size());
    try {
      CountDownLatch ready = new CountDownLatch(remoteParents.size());
      CountDownLatch go = new CountDownLatch(1);
      List<Future<SmokeHttp.Response>> sent = new ArrayList<>();
      for (Map.Entry<String, String> request : remoteParents.entrySet()) {
        String traceparent = Ids.traceparent(request.getKey(), request.getValue());
        sent.add(senders.submit(() -> {
          ready.countDown();
          go.await();
          return http.get(SUMMARY_PATH, "traceparent", traceparent);
        }));
      }
      assertTrue(ready.await(30, TimeUnit.SECONDS), "the sender threads started");
      go.countDown();
      List<SmokeHttp.Response> responses = new ArrayList<>();
      for (Future<SmokeHttp.Response> response : sent) {
        responses.add(response.get(60, TimeUnit.SECONDS));
      }
      return responses;
    } finally {
      senders.shutdownNow();
    }
  }

  /**
   * What is wrong with {@code trace} as the eight spans of one summary request, or an empty list:
   * the SERVER span of the request (parent {@code remoteParent}, "" for a root) with the three
   * statements and the two HTTP calls as its CLIENT children, each call with the {@code /ping}
   * SERVER span it caused as its child, every parent in the trace, and nothing else.
   */
  private static List<String> shapeProblems(List<ReceivedSpan> trace, String remoteParent) {
    List<String> problems = new ArrayList<>();
    if (trace.size() != SPANS_PER_REQUEST) {
      problems.add(trace.size() + " spans, expected " + SPANS_PER_REQUEST);
    }
    Set<String> ids = new HashSet<>();
    for (ReceivedSpan span : trace) {
      ids.add(span.spanId());
    }
    List<ReceivedSpan> requestServers = matching(trace, FanOutSmokeTest::isSummaryServer);
    List<ReceivedSpan> statements = matching(trace, FanOutSmokeTest::isStatement);
    List<ReceivedSpan> calls = matching(trace, FanOutSmokeTest::isPingCall);
    List<ReceivedSpan> pings = matching(trace, FanOutSmokeTest::isPingServer);
    if (requestServers.size() != 1) {
      problems.add(requestServers.size() + " SERVER spans of " + SUMMARY_PATH + ", expected 1");
      return problems;
    }
    ReceivedSpan root = requestServers.get(0);
    if (!root.parentSpanId().equals(remoteParent)) {
      problems.add("the SERVER span's parent is '" + root.parentSpanId() + "', expected '"
          + remoteParent + "' (" + (remoteParent.isEmpty() ? "a root" : "the traceparent's") + ")");
    }
    int others = trace.size() - 1 - statements.size() - calls.size() - pings.size();
    if (others != 0) {
      problems.add(others + " span(s) that are neither the request, a statement, a call nor a ping");
    }

    List<String> statementNames = new ArrayList<>();
    for (ReceivedSpan statement : statements) {
      statementNames.add(statement.name());
      checkChildOf(root, statement, problems);
    }
    statementNames.sort(Comparator.naturalOrder());
    if (!statementNames.equals(STATEMENTS)) {
      problems.add("statements " + statementNames + ", expected " + STATEMENTS);
    }

    Map<String, ReceivedSpan> callsById = new LinkedHashMap<>();
    Set<String> callQueries = new HashSet<>();
    for (ReceivedSpan call : calls) {
      callsById.put(call.spanId(), call);
      callQueries.add(queryOf(call.stringAttr("url.full")));
      checkChildOf(root, call, problems);
      if (!Long.valueOf(200).equals(call.attr("http.response.status_code"))) {
        problems.add("the call " + call.attr("url.full") + " has http.response.status_code "
            + call.attr("http.response.status_code") + ", expected 200");
      }
    }
    Set<String> expectedQueries = new HashSet<>();
    for (String client : PING_CLIENTS) {
      expectedQueries.add("client=" + client);
    }
    if (calls.size() != PING_CLIENTS.size() || !callQueries.equals(expectedQueries)) {
      problems.add(calls.size() + " HTTP CLIENT spans for " + callQueries + ", expected one per "
          + expectedQueries);
    }

    Set<String> callsWithPing = new HashSet<>();
    for (ReceivedSpan ping : pings) {
      ReceivedSpan call = callsById.get(ping.parentSpanId());
      if (call == null) {
        problems.add("the /ping SERVER span " + ping.spanId() + " is not the child of a call");
      } else if (!callsWithPing.add(call.spanId())) {
        problems.add("the call " + call.spanId() + " has more than one /ping SERVER child");
      } else if (!queryOf(call.stringAttr("url.full")).equals(ping.stringAttr("url.query"))) {
        problems.add("the /ping SERVER span " + ping.spanId() + " (" + ping.attr("url.query")
            + ") is the child of the call to " + call.attr("url.full"));
      }
    }
    if (pings.size() != PING_CLIENTS.size()) {
      problems.add(pings.size() + " /ping SERVER spans, expected " + PING_CLIENTS.size());
    }

    for (ReceivedSpan span : trace) {
      boolean parentKnown = span == root || ids.contains(span.parentSpanId());
      if (!parentKnown) {
        problems.add("the parent of " + span.spanId() + " '" + span.name() + "' is '"
            + span.parentSpanId() + "', no span of this trace");
      }
      if (!SERVICE.equals(span.resourceAttr("service.name"))) {
        problems.add("service.name of " + span.spanId() + " is " + span.resourceAttr("service.name"));
      }
    }
    return problems;
  }

  /**
   * Adds a problem unless {@code child} is a CLIENT child of {@code server} that ran inside it in
   * time (the handler joins all its stages before it answers).
   */
  private static void checkChildOf(ReceivedSpan server, ReceivedSpan child, List<String> problems) {
    String what = "'" + child.name() + "' " + child.spanId();
    if (!child.parentSpanId().equals(server.spanId())) {
      problems.add("the parent of " + what + " is '" + child.parentSpanId()
          + "', not the SERVER span " + server.spanId());
    }
    if (child.span().getStartTimeUnixNano() < server.span().getStartTimeUnixNano()
        || child.span().getEndTimeUnixNano() > server.span().getEndTimeUnixNano()) {
      problems.add(what + " is not inside the SERVER span in time (server "
          + server.span().getStartTimeUnixNano() + ".." + server.span().getEndTimeUnixNano()
          + ", " + child.span().getStartTimeUnixNano() + ".." + child.span().getEndTimeUnixNano()
          + ")");
    }
  }

  /**
   * The answer for order 1 built from all five results, each produced on a thread of the app's
   * pool, none on the request thread.
   */
  private static void assertSummaryBody(SmokeHttp.Response response) {
    assertEquals(200, response.status(), response.body());
    JsonObject body = JsonParser.parseString(response.body()).getAsJsonObject();
    JsonElement threads = body.remove("threads");
    assertEquals(EXPECTED_SUMMARY, body, response.body());
    assertTrue(threads != null && threads.isJsonObject()
        && threads.getAsJsonObject().size() == 5, "five thread names: " + response.body());
    for (Map.Entry<String, JsonElement> thread : threads.getAsJsonObject().entrySet()) {
      assertTrue(thread.getValue().getAsString().startsWith(POOL_THREAD_PREFIX),
          thread.getKey() + " ran on the app's pool: " + response.body());
    }
  }

  private static boolean isSummaryServer(ReceivedSpan span) {
    return span.kind() == Span.SpanKind.SPAN_KIND_SERVER && SUMMARY_PATH.equals(span.attr("url.path"));
  }

  private static boolean isPingServer(ReceivedSpan span) {
    return span.kind() == Span.SpanKind.SPAN_KIND_SERVER && PING_PATH.equals(span.attr("url.path"));
  }

  private static boolean isStatement(ReceivedSpan span) {
    return span.kind() == Span.SpanKind.SPAN_KIND_CLIENT && span.attr("db.system.name") != null;
  }

  private static boolean isPingCall(ReceivedSpan span) {
    String url = span.stringAttr("url.full");
    return span.kind() == Span.SpanKind.SPAN_KIND_CLIENT
        && url != null
        && url.startsWith("http://127.0.0.1:")
        && url.contains(PING_PATH + "?");
  }

  /** The query of a URL ("" without one). */
  private static String queryOf(String url) {
    if (url == null) {
      return "";
    }
    int question = url.indexOf('?');
    return question < 0 ? "" : url.substring(question + 1);
  }

  /** The most summary SERVER spans open at one instant, from their start and end times. */
  private static int maxOpenAtOnce(List<ReceivedSpan> spans) {
    List<long[]> edges = new ArrayList<>(); // {time, +1 start / -1 end}
    for (ReceivedSpan span : matching(spans, FanOutSmokeTest::isSummaryServer)) {
      edges.add(new long[] {span.span().getStartTimeUnixNano(), 1});
      edges.add(new long[] {span.span().getEndTimeUnixNano(), -1});
    }
    // At equal times ends first, so touching spans do not count as overlapping.
    edges.sort(Comparator.<long[]>comparingLong(edge -> edge[0]).thenComparingLong(edge -> edge[1]));
    int open = 0;
    int max = 0;
    for (long[] edge : edges) {
      open += (int) edge[1];
      max = Math.max(max, open);
    }
    return max;
  }

  private static List<ReceivedSpan> matching(
      List<ReceivedSpan> spans, Predicate<ReceivedSpan> predicate) {
    List<ReceivedSpan> found = new ArrayList<>();
    for (ReceivedSpan span : spans) {
      if (predicate.test(span)) {
        found.add(span);
      }
    }
    return found;
  }

  private static Map<String, List<ReceivedSpan>> byTrace(List<ReceivedSpan> spans) {
    Map<String, List<ReceivedSpan>> traces = new LinkedHashMap<>();
    for (ReceivedSpan span : spans) {
      traces.computeIfAbsent(span.traceId(), id -> new ArrayList<>()).add(span);
    }
    return traces;
  }

  /**
   * Every span received since the reset except the markers', once at least {@code expected}
   * arrived (whichever traces they are in) and then a marker request: nothing the requests caused
   * is still on its way.
   */
  private List<ReceivedSpan> requestSpans(int expected) {
    collector.awaitSpans(span -> !isMarkerPath(span), expected, SPAN_TIMEOUT);
    Predicate<ReceivedSpan> isMarker = awaitMarker();
    return matching(collector.spans(), span -> !isMarker.test(span) && !isMarkerPath(span));
  }

  /**
   * Requests an unmapped path in a trace of its own, waits for its SERVER span and returns how to
   * recognise the marker's spans.
   */
  private Predicate<ReceivedSpan> awaitMarker() {
    return MarkerRequests.await(http, collector, "/", SPAN_TIMEOUT);
  }

  private static boolean isMarkerPath(ReceivedSpan span) {
    return MarkerRequests.isMarkerPath(span);
  }

  /** Writes every span received to a file next to the app logs; returns its path. */
  private Path dumpReceived(List<ReceivedSpan> spans) {
    Path dir = app.log().getParent();
    Path dump = dir.resolve(getClass().getSimpleName() + "-received-" + SmokeJdk.label() + ".txt");
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, List<ReceivedSpan>> trace : byTrace(spans).entrySet()) {
      out.append("trace ").append(trace.getKey()).append(": ").append(trace.getValue().size())
          .append(" span(s)\n");
      for (ReceivedSpan span : trace.getValue()) {
        out.append("  ").append(span).append('\n');
      }
    }
    try {
      Files.writeString(dump, out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dump;
  }

  private static String describe(List<ReceivedSpan> spans) {
    List<ReceivedSpan> sorted = new ArrayList<>(spans);
    sorted.sort(Comparator.comparingLong(span -> span.span().getStartTimeUnixNano()));
    List<String> lines = new ArrayList<>();
    for (ReceivedSpan span : sorted) {
      lines.add(span.toString());
    }
    return spans.isEmpty() ? "(no spans)" : String.join("\n  ", lines);
  }
}
