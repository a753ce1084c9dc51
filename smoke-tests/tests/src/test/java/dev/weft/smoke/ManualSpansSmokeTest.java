package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Spans an application writes by hand with its own OpenTelemetry API join the agent's traces.
 * {@code GET /report} makes a span {@code build report} with the API and, inside it, logs a line,
 * reads {@code Span.current()} on a pool thread and calls its own {@code /hello}. The collector
 * must receive that span as the SERVER span's child and the agent's CLIENT span as its child, the
 * pool thread must see it current, and the log line must carry its ids. On Spring Boot 3.5 (API
 * 1.68, Logback) and 2.7 (API 1.0, Logback 1.2), which ship the API in their jars, and on the
 * plain Jetty 9 app (Log4j 2) with API 1.0 and with the newest API beside it on the class path.
 */
class ManualSpansSmokeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private Path agentJar;

  @RegisterExtension final AppLogsOnFailure logs = new AppLogsOnFailure();

  /** An app and the OpenTelemetry API it runs with. */
  enum Variant {
    SPRING_BOOT3_API_NEWEST(SmokeApp.SPRING_BOOT3, null),
    SPRING_BOOT27_API_1_0(SmokeApp.SPRING_BOOT27, null),
    JETTY9_API_1_0(SmokeApp.JETTY9, "smoke.opentelemetry-api-1.0.dir"),
    JETTY9_API_NEWEST(SmokeApp.JETTY9, "smoke.opentelemetry-api-newest.dir");

    final SmokeApp app;

    /** The property naming the directory of API jars to put beside the app; null when bundled. */
    final String apiDirectoryProperty;

    Variant(SmokeApp app, String apiDirectoryProperty) {
      this.app = app;
      this.apiDirectoryProperty = apiDirectoryProperty;
    }

    List<Path> libraries() {
      if (apiDirectoryProperty == null) {
        return Collections.emptyList();
      }
      Path directory = Paths.get(System.getProperty(apiDirectoryProperty));
      try (Stream<Path> jars = Files.list(directory)) {
        return jars.filter(p -> p.toString().endsWith(".jar"))
            .sorted()
            .collect(Collectors.toList());
      } catch (IOException e) {
        throw new UncheckedIOException("no API jars in " + directory, e);
      }
    }
  }

  @BeforeEach
  void requireAgent() {
    agentJar = AgentJar.require();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Variant.class)
  void aManualSpan_isTheRequestsChild_theParentOfTheAgentsSpans_andCurrentOnThePoolThread(
      Variant variant) {
    try (TestCollector collector = TestCollector.start();
        AppProcess app = logs.register(withAgent(variant, collector, "-" + variant).start())) {
      Report report = Report.of(new SmokeHttp(app.port()).get("/report"));

      ReceivedSpan server = awaitOne(collector, "GET /report");
      ReceivedSpan manual = awaitOne(collector, "build report");
      assertEquals(server.traceId(), manual.traceId());
      assertEquals(server.spanId(), manual.parentSpanId());
      assertEquals(Span.SpanKind.SPAN_KIND_INTERNAL, manual.kind());
      assertEquals("com.example.reports", manual.scopeName());
      assertEquals("daily", manual.stringAttr("report.kind"));
      assertEquals(manual.traceId(), report.traceId, "the API's span context is the span's");
      assertEquals(manual.spanId(), report.spanId);
      assertEquals(manual.spanId(), report.poolSpanId, "Span.current() on the pool thread");

      ReceivedSpan client =
          collector
              .awaitSpans(
                  s ->
                      s.kind() == Span.SpanKind.SPAN_KIND_CLIENT
                          && s.traceId().equals(manual.traceId()),
                  1,
                  TIMEOUT)
              .get(0);
      assertEquals(
          manual.spanId(), client.parentSpanId(), "the agent's span inside the manual one");
      ReceivedSpan hello = awaitOne(collector, "GET /hello");
      assertEquals(client.spanId(), hello.parentSpanId());

      String line = app.awaitLogLine("- building the report", TIMEOUT);
      String ids = "trace_id=" + manual.traceId() + " span_id=" + manual.spanId() + " ";
      assertTrue(line.contains(ids), line + " should contain " + ids);
    }
  }

  @Test
  void aWithSpanMethodInsideAManualSpan_isItsChild() {
    try (TestCollector collector = TestCollector.start();
        AppProcess app =
            logs.register(
                withAgent(Variant.SPRING_BOOT3_API_NEWEST, collector, "-with-span").start())) {
      Report report = Report.of(new SmokeHttp(app.port()).get("/report"));
      ReceivedSpan audit = awaitOne(collector, "audit record");
      assertEquals(report.traceId, audit.traceId());
      assertEquals(report.spanId, audit.parentSpanId());
      assertEquals("/report", audit.stringAttr("audit.action"));
    }
  }

  @Test
  void anAppThatRegistersItsOwnSdk_keepsIt_andTheAgentSaysSoOnce_whileParentsStillHold() {
    try (TestCollector collector = TestCollector.start();
        AppProcess app =
            logs.register(
                withAgent(Variant.SPRING_BOOT3_API_NEWEST, collector, "-own-sdk")
                    .property("smoke.own.sdk", "true")
                    .start())) {
      Report report = Report.of(new SmokeHttp(app.port()).get("/report"));

      ReceivedSpan server = awaitOne(collector, "GET /report");
      assertEquals(
          server.traceId(), report.traceId, "the SDK's span continues the request's trace");
      ReceivedSpan client =
          collector
              .awaitSpans(
                  s ->
                      s.kind() == Span.SpanKind.SPAN_KIND_CLIENT
                          && s.traceId().equals(server.traceId()),
                  1,
                  TIMEOUT)
              .get(0);
      assertEquals(
          report.spanId, client.parentSpanId(), "the agent's span is the SDK span's child");
      assertEquals(report.spanId, report.poolSpanId);
      assertTrue(
          collector.spans().stream().noneMatch(s -> s.name().equals("build report")),
          "the SDK's span is the app's to export, not the agent's");

      List<String> said =
          app.logLines().stream()
              .filter(l -> l.contains("The application registers its own OpenTelemetry"))
              .collect(Collectors.toList());
      assertEquals(1, said.size(), said.toString());
      assertTrue(said.get(0).startsWith("[weft] INFO "), said.get(0));
      assertTrue(said.get(0).contains("io.opentelemetry.sdk.OpenTelemetrySdk"), said.get(0));
    }
  }

  private AppProcess.Builder withAgent(Variant variant, TestCollector collector, String logSuffix) {
    return AppProcess.builder(variant.app)
        .agent(agentJar)
        .collector(collector)
        .libraries(variant.libraries())
        .logName(getClass().getSimpleName() + logSuffix);
  }

  private static ReceivedSpan awaitOne(TestCollector collector, String name) {
    return collector.awaitSpans(s -> s.name().equals(name), 1, TIMEOUT).get(0);
  }

  /** What {@code GET /report} answers: the manual span's ids as the app saw them. */
  private static final class Report {
    final String traceId;
    final String spanId;
    final String poolSpanId;

    private Report(String traceId, String spanId, String poolSpanId) {
      this.traceId = traceId;
      this.spanId = spanId;
      this.poolSpanId = poolSpanId;
    }

    static Report of(SmokeHttp.Response response) {
      assertEquals(200, response.status(), response.body());
      String[] parts = response.body().trim().split(" ");
      assertEquals(4, parts.length, response.body());
      assertEquals("hello", parts[3], response.body());
      return new Report(parts[0], parts[1], parts[2]);
    }
  }
}
