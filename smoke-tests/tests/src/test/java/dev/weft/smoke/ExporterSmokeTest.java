package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The agent's export path end to end, on the Jetty 9 app (the quickest to start; the exporter does
 * not depend on the app): OTLP/JSON, gzip, and a backend that is down or refusing, which must
 * neither slow nor break the app and must not lose the spans once the backend is back.
 */
class ExporterSmokeTest {

  private static final SmokeApp APP = SmokeApp.JETTY9;
  private static final Duration SPAN_TIMEOUT = Duration.ofSeconds(30);
  /** Far above a request to a warm local app, far below the export timeouts in play. */
  private static final Duration UNAFFECTED_LATENCY = Duration.ofMillis(1000);
  private static final int REQUESTS = 5;

  private Path agentJar;

  @RegisterExtension final AppLogsOnFailure logs = new AppLogsOnFailure();

  @BeforeEach
  void requireAgent() {
    agentJar = AgentJar.require();
  }

  @Test
  void httpJsonProtocol_deliversSpansAsOtlpJson() {
    try (TestCollector collector = TestCollector.start();
        AppProcess app = start(collector, "json", "otel.exporter.otlp.protocol", "http/json")) {
      String traceId = Ids.randomTraceId();
      String parentSpanId = Ids.randomSpanId();

      new SmokeHttp(app.port()).get("/users/5", "traceparent", Ids.traceparent(traceId, parentSpanId));

      ReceivedSpan span =
          collector.awaitSpans(s -> s.traceId().equals(traceId), 1, SPAN_TIMEOUT).get(0);
      assertAll(
          () -> assertEquals(TestCollector.JSON, span.contentType(), "sent as OTLP/JSON"),
          () -> assertEquals(parentSpanId, span.parentSpanId(), "hex ids survive the JSON path"),
          () -> assertEquals(APP.spanName("/users/*"), span.name(), "span name"),
          () -> assertEquals(200L, span.attr("http.response.status_code"), "ints stay ints"),
          () -> assertEquals("smoke-" + APP.id(), span.resourceAttr("service.name"), "service.name"),
          () -> assertTrue(
              collector.requests().stream().allMatch(r -> r.contentType().equals(TestCollector.JSON)),
              collector.describe()));
    }
  }

  @Test
  void gzipCompression_deliversCompressedSpans() {
    try (TestCollector collector = TestCollector.start();
        AppProcess app = start(collector, "gzip", "otel.exporter.otlp.compression", "gzip")) {
      new SmokeHttp(app.port()).get("/users/gz");

      ReceivedSpan span =
          collector.awaitSpans(s -> "/users/gz".equals(s.attr("url.path")), 1, SPAN_TIMEOUT).get(0);
      assertEquals(TestCollector.PROTOBUF, span.contentType());
      assertTrue(
          collector.requests().stream().allMatch(r -> r.contentEncoding().equals("gzip")),
          collector.describe());
    }
  }

  @Test
  void backendAnswering503_requestsUnaffected_andSpansArriveAfterItRecovers() {
    try (TestCollector collector = TestCollector.start()) {
      collector.answerWith(503);
      try (AppProcess app = start(collector, "503", "otel.bsp.export.timeout", "10000")) {
        SmokeHttp http = new SmokeHttp(app.port());
        assertRequestsUnaffected(http, "refused");

        // Recover only once the agent has been refused spans of those requests, so their
        // arrival afterwards shows they were retried, not sent for the first time.
        collector.awaitRequests(
            r -> r.answeredStatus() == 503 && r.spans().stream().anyMatch(s -> isPath(s, "refused")),
            1,
            SPAN_TIMEOUT);
        collector.answerWith(200);

        List<ReceivedSpan> delivered =
            collector.awaitSpans(s -> isPath(s, "refused"), REQUESTS, SPAN_TIMEOUT);
        assertEquals(REQUESTS, delivered.size(), "each span once: " + delivered);
      }
    }
  }

  @Test
  void backendDown_requestsUnaffected_andSpansArriveAfterItRestarts() throws InterruptedException {
    try (TestCollector collector = TestCollector.start()) {
      collector.stop();
      try (AppProcess app = start(collector, "down", "otel.bsp.export.timeout", "10000")) {
        SmokeHttp http = new SmokeHttp(app.port());
        assertRequestsUnaffected(http, "down");

        // Nothing observes a refused connection from outside the app: give the exporter a few
        // schedule delays (200 ms each) to meet the closed port before the backend comes back.
        Thread.sleep(1000);
        collector.restart();

        List<ReceivedSpan> delivered =
            collector.awaitSpans(s -> isPath(s, "down"), REQUESTS, SPAN_TIMEOUT);
        assertEquals(REQUESTS, delivered.size(), "each span once: " + delivered);
      }
    }
  }

  private AppProcess start(TestCollector collector, String label, String key, String value) {
    return logs.register(
        AppProcess.builder(APP)
            .agent(agentJar)
            .collector(collector)
            .property(key, value)
            .logName(getClass().getSimpleName() + "-" + label)
            .start());
  }

  /** Sends {@link #REQUESTS} requests to {@code /users/<label>-<i>}, each answered fast and right. */
  private static void assertRequestsUnaffected(SmokeHttp http, String label) {
    // The first request loads and weaves the request path; it is not what is measured.
    assertEquals("hello", http.get("/hello").body());
    for (int i = 0; i < REQUESTS; i++) {
      SmokeHttp.Response response = http.get("/users/" + label + "-" + i);
      assertEquals(200, response.status());
      assertEquals("user /" + label + "-" + i, response.body());
      assertTrue(
          response.elapsed().compareTo(UNAFFECTED_LATENCY) < 0,
          "request " + i + " took " + response.elapsed().toMillis() + " ms with the backend "
              + label);
    }
  }

  private static boolean isPath(ReceivedSpan span, String label) {
    Object path = span.attr("url.path");
    return path instanceof String p && p.startsWith("/users/" + label + "-");
  }
}
