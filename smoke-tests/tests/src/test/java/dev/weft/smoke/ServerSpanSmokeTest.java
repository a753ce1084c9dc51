package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the agent records for requests to a real app, asserted on what the collector receives:
 * one SERVER span per request with the HTTP semantic conventions, error status rules, exception
 * events, async completion, remote parents, and responses the agent leaves untouched.
 *
 * <p>One app JVM (with the agent) per class, shared by its tests. The collector is reset before
 * each test; a test then knows every span it sees is its own, and proves there are no extra ones
 * with a marker request (see {@link #awaitRequestSpans}). Only SERVER spans are counted: other
 * instrumentations may add INTERNAL or CLIENT spans inside a request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServerSpanSmokeTest {

  static final Duration SPAN_TIMEOUT = Duration.ofSeconds(30);

  @RegisterExtension final AppLogsOnFailure logs = new AppLogsOnFailure();

  private Path agentJar;
  TestCollector collector;
  AppProcess app;
  SmokeHttp http;
  /** False while requests were sent whose spans may still be on their way to the collector. */
  private boolean settled = true;

  abstract SmokeApp smokeApp();

  String serviceName() {
    return "smoke-" + smokeApp().id() + "-service";
  }

  @BeforeAll
  void startAppWithAgent() {
    agentJar = AgentJar.availableOrNull();
    if (agentJar == null) {
      return; // each test then fails or skips in requireAgentAndResetCollector(), saying why
    }
    collector = TestCollector.start();
    app = logs.register(
        AppProcess.builder(smokeApp())
            .agent(agentJar)
            .collector(collector)
            .serviceName(serviceName())
            .logName(getClass().getSimpleName())
            .start());
    http = new SmokeHttp(app.port(), () -> settled = false);
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
  void requireAgentAndResetCollector() {
    AgentJar.require();
    if (!settled) {
      // The previous test failed before it waited for its spans: let them arrive before the
      // reset, or they would count as this test's.
      try {
        awaitMarker(Duration.ofSeconds(10));
      } catch (AssertionError previousTestsProblem) {
        // reported by the previous test already
      }
    }
    collector.reset();
  }

  @Test
  void hello_throughTwoFilters_yieldsOneRootServerSpanWithHttpAttributes() {
    long requestEpochNanos = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());

    SmokeHttp.Response response = http.get("/hello");

    assertEquals(200, response.status());
    assertEquals("hello", response.body());
    ReceivedSpan span = onlyServerSpan(awaitRequestSpans(1));
    assertAll(
        "span " + span,
        () -> assertEquals(Span.SpanKind.SPAN_KIND_SERVER, span.kind(), "kind"),
        () -> assertEquals("", span.parentSpanId(), "a request without traceparent is a root"),
        () -> assertTrue(Ids.isValidNonZero(span.traceId(), 16), "trace id " + span.traceId()),
        () -> assertTrue(Ids.isValidNonZero(span.spanId(), 8), "span id " + span.spanId()),
        () -> assertEquals(serviceName(), span.resourceAttr("service.name"), "service.name"),
        () -> assertEquals(smokeApp().spanName("/hello"), span.name(), "span name"),
        () -> assertEquals("GET", span.attr("http.request.method"), "http.request.method"),
        () -> assertEquals("/hello", span.attr("url.path"), "url.path"),
        () -> assertNull(span.attr("url.query"), "url.query without a query"),
        () -> assertEquals("http", span.attr("url.scheme"), "url.scheme"),
        () -> assertRoute(span, "/hello"),
        () -> assertEquals(200L, span.attr("http.response.status_code"), "status code (an int)"),
        () -> assertEquals("127.0.0.1", span.attr("server.address"), "server.address"),
        () -> assertEquals((long) app.port(), span.attr("server.port"), "server.port (an int)"),
        () -> assertEquals("127.0.0.1", span.attr("client.address"), "client.address"),
        () -> assertEquals(SmokeHttp.USER_AGENT, span.attr("user_agent.original"), "user agent"),
        () -> assertEquals("1.1", span.attr("network.protocol.version"), "protocol version"),
        () -> assertEquals(Status.StatusCode.STATUS_CODE_UNSET, span.statusCode(), "status"),
        () -> assertNull(span.attr("error.type"), "no error.type on success"),
        () -> assertTrue(span.span().getEndTimeUnixNano() >= span.span().getStartTimeUnixNano(),
            "end before start"),
        // Epoch nanoseconds, on the same clock as the test: a wrong unit or anchor is off by years.
        () -> assertTrue(
            Math.abs(span.span().getStartTimeUnixNano() - requestEpochNanos)
                < TimeUnit.SECONDS.toNanos(10),
            "start time " + span.span().getStartTimeUnixNano() + " is not near the request time "
                + requestEpochNanos));
  }

  @Test
  void queryString_isRecordedAsUrlQuery_butNotInTheName() {
    SmokeHttp.Response response = http.get("/hello?name=x");

    assertEquals("hello", response.body());
    ReceivedSpan span = onlyServerSpan(awaitRequestSpans(1));
    assertAll(
        "span " + span,
        () -> assertEquals(smokeApp().spanName("/hello"), span.name(), "span name"),
        () -> assertEquals("/hello", span.attr("url.path"), "url.path"),
        () -> assertEquals("name=x", span.attr("url.query"), "url.query"));
  }

  @Test
  void pathMapping_namesTheSpanAfterTheRoute_notThePath() {
    SmokeHttp.Response response = http.get("/users/42");

    assertEquals("user /42", response.body());
    ReceivedSpan span = onlyServerSpan(awaitRequestSpans(1));
    assertAll(
        "span " + span,
        () -> assertEquals(smokeApp().spanName("/users/*"), span.name(), "span name"),
        () -> assertRoute(span, "/users/*"),
        () -> assertEquals("/users/42", span.attr("url.path"), "url.path"),
        () -> assertEquals(200L, span.attr("http.response.status_code"), "http.response.status_code"));
  }

  @Test
  void clientError404_leavesStatusUnset() {
    SmokeHttp.Response response = http.get("/status/404");

    assertEquals(404, response.status());
    ReceivedSpan span = onlyServerSpan(awaitRequestSpans(1));
    assertAll(
        "span " + span,
        () -> assertEquals(404L, span.attr("http.response.status_code"), "http.response.status_code"),
        () -> assertEquals(Status.StatusCode.STATUS_CODE_UNSET, span.statusCode(),
            "a 4xx is the client's error, not the server's"),
        () -> assertNull(span.attr("error.type"), "error.type"),
        () -> assertEquals(smokeApp().spanName("/status/*"), span.name(), "span name"));
  }

  @Test
  void unmappedPath_yieldsOneServerSpanWith404() {
    SmokeHttp.Response response = http.get("/no-such-page");

    assertEquals(404, response.status());
    ReceivedSpan span = onlyServerSpan(awaitRequestSpans(1));
    assertAll(
        "span " + span,
        () -> assertEquals(404L, span.attr("http.response.status_code"), "status code"),
        () -> assertEquals("/no-such-page", span.attr("url.path"), "url.path"),
        () -> assertEquals(Status.StatusCode.STATUS_CODE_UNSET, span.statusCode(), "status"));
  }

  @Test
  void serverError503_setsErrorStatusAndErrorType() {
    SmokeHttp.Response response = http.get("/status/503");

    assertEquals(503, response.status());
    ReceivedSpan span = onlyServerSpan(awaitRequestSpans(1));
    assertAll(
        "span " + span,
        () -> assertEquals(503L, span.attr("http.response.status_code"), "http.response.status_code"),
        () -> assertEquals(Status.StatusCode.STATUS_CODE_ERROR, span.statusCode(), "status"),
        () -> assertEquals("503", span.attr("error.type"), "error.type"));
  }

  @Test
  void uncaughtException_recordsExceptionEventAndErrorStatus() {
    SmokeHttp.Response response = http.get("/boom");

    assertEquals(500, response.status());
    ReceivedSpan span = onlyServerSpan(awaitRequestSpans(1));
    List<Span.Event> exceptions = span.events("exception");
    assertAll(
        "span " + span,
        () -> assertEquals(Status.StatusCode.STATUS_CODE_ERROR, span.statusCode(), "status"),
        () -> assertEquals(500L, span.attr("http.response.status_code"), "status code"),
        () -> assertEquals(
            "java.lang.IllegalStateException", span.attr("error.type"), "error.type"),
        () -> assertEquals(smokeApp().spanName("/boom"), span.name(), "span name"),
        () -> assertEquals(1, exceptions.size(), "one exception event: " + span));
    Span.Event exception = exceptions.get(0);
    Object stacktrace = ReceivedSpan.eventAttr(exception, "exception.stacktrace");
    assertAll(
        "span " + span,
        () -> assertEquals(
            "java.lang.IllegalStateException",
            ReceivedSpan.eventAttr(exception, "exception.type"), "exception.type"),
        () -> assertEquals(
            "boom", ReceivedSpan.eventAttr(exception, "exception.message"), "exception.message"),
        () -> assertTrue(
            stacktrace instanceof String s && s.contains("IllegalStateException"),
            "exception.stacktrace: " + stacktrace));
  }

  @Test
  void asyncRequest_spanEndsWhenTheAsyncWorkCompletes() {
    SmokeHttp.Response response = http.get("/async?delayMs=300");

    assertEquals(200, response.status());
    assertEquals("async done", response.body());
    ReceivedSpan span = onlyServerSpan(awaitRequestSpans(1));
    assertAll(
        "span " + span,
        () -> assertEquals(smokeApp().spanName("/async"), span.name(), "span name"),
        () -> assertEquals(200L, span.attr("http.response.status_code"), "http.response.status_code"),
        () -> assertEquals("delayMs=300", span.attr("url.query"), "url.query"),
        () -> assertEquals(Status.StatusCode.STATUS_CODE_UNSET, span.statusCode(), "status"),
        () -> assertTrue(
            span.durationNanos() >= TimeUnit.MILLISECONDS.toNanos(300),
            "span lasted " + span.durationNanos() / 1_000_000 + " ms: it ended when the servlet"
                + " returned, not when the async work completed"));
  }

  @Test
  void incomingTraceparent_continuesTheRemoteTrace() {
    String traceId = Ids.randomTraceId();
    String parentSpanId = Ids.randomSpanId();

    SmokeHttp.Response response =
        http.get("/users/7", "traceparent", Ids.traceparent(traceId, parentSpanId));

    assertEquals("user /7", response.body());
    ReceivedSpan span = onlyServerSpan(awaitRequestSpans(1));
    assertAll(
        "span " + span,
        () -> assertEquals(traceId, span.traceId(), "trace id from traceparent"),
        () -> assertEquals(parentSpanId, span.parentSpanId(), "parent from traceparent"),
        () -> assertFalse(span.spanId().equals(parentSpanId), "a new span id"),
        () -> assertEquals(Span.SpanKind.SPAN_KIND_SERVER, span.kind(), "kind"));
  }

  @Test
  void consecutiveRequestsOnOneConnection_areSeparateRootTraces() {
    // Keep-alive reuses the container's threads: a scope leaked by one request would make the
    // next request's span its child.
    List<String> paths = List.of("/hello", "/boom", "/async?delayMs=10", "/status/503", "/users/9");
    for (String path : paths) {
      http.get(path);
    }

    List<ReceivedSpan> spans = serverSpans(awaitRequestSpans(paths.size()));

    assertEquals(paths.size(), spans.size(), "one server span per request: " + spans);
    Set<String> traceIds = new HashSet<>();
    for (ReceivedSpan span : spans) {
      assertEquals("", span.parentSpanId(), "every request is a root: " + span);
      traceIds.add(span.traceId());
    }
    assertEquals(paths.size(), traceIds.size(), "every request its own trace: " + spans);
  }

  @Test
  void responses_areByteIdenticalWithAndWithoutTheAgent() {
    List<String> paths = new ArrayList<>(List.of(
        "/hello", "/hello?name=x", "/users/42", "/status/404", "/status/503", "/boom",
        "/async?delayMs=20", "/no-such-page"));
    if (smokeApp().hasForward()) {
      paths.add("/forward");
    }
    String traceparent = "traceparent: " + Ids.traceparent(Ids.randomTraceId(), Ids.randomSpanId());

    try (AppProcess plain = logs.register(
        AppProcess.builder(smokeApp())
            .collector(collector)
            .serviceName(serviceName())
            .logName(getClass().getSimpleName() + "-no-agent")
            .start())) {
      for (String path : paths) {
        assertSameResponse(path, RawHttp.get(plain.port(), path), RawHttp.get(app.port(), path));
      }
      assertSameResponse("/hello with traceparent",
          RawHttp.get(plain.port(), "/hello", traceparent),
          RawHttp.get(app.port(), "/hello", traceparent));
    }
    // Also keeps this test's spans from arriving in the next test.
    List<ReceivedSpan> spans = serverSpans(awaitRequestSpans(paths.size() + 1));
    assertEquals(paths.size() + 1, spans.size(), "one server span per request: " + spans);
  }

  private static void assertSameResponse(String what, RawHttp.Response without, RawHttp.Response with) {
    assertAll(
        what,
        () -> assertEquals(without.statusLine(), with.statusLine(), what + ": status line"),
        () -> assertEquals(
            without.stableHeaderLines(), with.stableHeaderLines(), what + ": headers"),
        () -> assertEquals(without.bodyText(), with.bodyText(), what + ": body"));
  }

  void assertRoute(ReceivedSpan span, String servletRoute) {
    assertEquals(smokeApp().route(servletRoute), span.attr("http.route"), "http.route");
  }

  static List<ReceivedSpan> serverSpans(List<ReceivedSpan> spans) {
    List<ReceivedSpan> server = new ArrayList<>();
    for (ReceivedSpan span : spans) {
      if (span.kind() == Span.SpanKind.SPAN_KIND_SERVER) {
        server.add(span);
      }
    }
    return server;
  }

  /** The one SERVER span among {@code spans}; fails listing them all when there is not one. */
  static ReceivedSpan onlyServerSpan(List<ReceivedSpan> spans) {
    List<ReceivedSpan> server = serverSpans(spans);
    assertEquals(1, server.size(), "exactly one SERVER span for the request, got: " + spans);
    return server.get(0);
  }

  /**
   * Waits until at least {@code expected} spans of this test arrived, then proves nothing else is
   * coming: it sends a marker request and waits for the marker's span. Spans are exported in the
   * order they end, so anything the test's requests produced arrives before the marker's span.
   *
   * @return every span of this test (the marker's excluded), in arrival order
   */
  List<ReceivedSpan> awaitRequestSpans(int expected) {
    collector.awaitSpans(span -> true, expected, SPAN_TIMEOUT);
    Predicate<ReceivedSpan> isMarker = awaitMarker(SPAN_TIMEOUT);
    List<ReceivedSpan> spans = new ArrayList<>();
    for (ReceivedSpan span : collector.spans()) {
      if (!isMarker.test(span)) {
        spans.add(span);
      }
    }
    return spans;
  }

  /** Sends a marker request, waits for its span, and returns how to recognise marker spans. */
  private Predicate<ReceivedSpan> awaitMarker(Duration timeout) {
    Predicate<ReceivedSpan> isMarker = MarkerRequests.await(http, collector, "/users/", timeout);
    settled = true;
    return isMarker;
  }
}
