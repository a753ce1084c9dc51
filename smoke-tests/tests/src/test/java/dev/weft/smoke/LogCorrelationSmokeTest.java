package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.trace.v1.Span;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Log lines name the request that wrote them: on the Spring Boot 3 app (Logback 1.5), the Spring
 * Boot 2.7 app (Logback 1.2) and the Jetty 9 app (Log4j 2), {@code GET /log} logs on the request
 * thread and on a pool thread, and both lines, as the app prints them, carry the trace and span id
 * of the SERVER span the collector received. Lines logged outside a request carry none. On the
 * Spring Boot 3 app the request also calls a {@code @WithSpan} method: its span is the SERVER
 * span's child, and the line it logs names it.
 */
class LogCorrelationSmokeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private Path agentJar;

  @RegisterExtension final AppLogsOnFailure logs = new AppLogsOnFailure();

  @BeforeEach
  void requireAgent() {
    agentJar = AgentJar.require();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = SmokeApp.class,
      names = {"SPRING_BOOT3", "SPRING_BOOT27", "JETTY9"})
  void linesOfARequest_carryItsServerSpansIds_onTheRequestAndThePoolThread(SmokeApp smokeApp) {
    try (TestCollector collector = TestCollector.start();
        AppProcess app =
            logs.register(withAgent(smokeApp, collector, "-" + smokeApp).start())) {
      SmokeHttp.Response response = new SmokeHttp(app.port()).get("/log");
      assertEquals(200, response.status(), response.body());
      assertEquals("logged", response.body());

      ReceivedSpan server =
          collector
              .awaitSpans(
                  s -> s.kind() == Span.SpanKind.SPAN_KIND_SERVER && s.name().equals("GET /log"),
                  1,
                  TIMEOUT)
              .get(0);
      String ids =
          "trace_id=" + server.traceId() + " span_id=" + server.spanId() + " trace_flags=01 ";

      String requestLine = app.awaitLogLine("- handling /log", TIMEOUT);
      String poolLine = app.awaitLogLine("- working for /log", TIMEOUT);
      assertTrue(requestLine.contains(ids), requestLine + " should contain " + ids);
      assertTrue(poolLine.contains(ids), poolLine + " should contain " + ids);
      assertTrue(poolLine.contains("[smoke-log-worker]"), poolLine);

      List<String> outsideRequests = new ArrayList<>();
      for (String line : app.logLines()) {
        if (line.contains("trace_id=") && !line.contains("/log")) {
          outsideRequests.add(line);
        }
      }
      assertTrue(outsideRequests.size() > 0, "the app logged at startup");
      for (String line : outsideRequests) {
        assertTrue(line.contains("trace_id= span_id= trace_flags= "), line);
      }
    }
  }

  @Test
  void aWithSpanMethod_isTheServerSpansChild_andTheLineItLogsCarriesItsOwnSpanId() {
    try (TestCollector collector = TestCollector.start();
        AppProcess app =
            logs.register(withAgent(SmokeApp.SPRING_BOOT3, collector, "-with-span").start())) {
      assertEquals("logged", new SmokeHttp(app.port()).get("/log").body());

      ReceivedSpan server =
          collector.awaitSpans(s -> s.name().equals("GET /log"), 1, TIMEOUT).get(0);
      ReceivedSpan audit =
          collector.awaitSpans(s -> s.name().equals("audit record"), 1, TIMEOUT).get(0);
      assertEquals(Span.SpanKind.SPAN_KIND_INTERNAL, audit.kind());
      assertEquals(server.traceId(), audit.traceId());
      assertEquals(server.spanId(), audit.parentSpanId());
      assertEquals("/log", audit.stringAttr("audit.action"));

      String line = app.awaitLogLine("- recording /log", TIMEOUT);
      String ids = "trace_id=" + audit.traceId() + " span_id=" + audit.spanId() + " ";
      assertTrue(line.contains(ids), line + " should contain " + ids);
    }
  }

  @Test
  void withTheToggleOff_noLineCarriesIds_andTheRequestIsStillTraced() {
    try (TestCollector collector = TestCollector.start();
        AppProcess app =
            logs.register(
                withAgent(SmokeApp.SPRING_BOOT3, collector, "-toggle-off")
                    .property("otel.instrumentation.logback-mdc.enabled", "false")
                    .start())) {
      assertEquals("logged", new SmokeHttp(app.port()).get("/log").body());
      collector.awaitSpans(s -> s.name().equals("GET /log"), 1, TIMEOUT);

      String requestLine = app.awaitLogLine("- handling /log", TIMEOUT);
      String poolLine = app.awaitLogLine("- working for /log", TIMEOUT);
      assertTrue(requestLine.contains("trace_id= span_id= trace_flags= "), requestLine);
      assertTrue(poolLine.contains("trace_id= span_id= trace_flags= "), poolLine);
    }
  }

  /** The app with the agent, exporting to {@code collector}, its log named after the test. */
  private AppProcess.Builder withAgent(
      SmokeApp smokeApp, TestCollector collector, String logSuffix) {
    return AppProcess.builder(smokeApp)
        .agent(agentJar)
        .collector(collector)
        .logName(getClass().getSimpleName() + logSuffix);
  }
}
