package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

/**
 * JDBC statements as CLIENT children of the request that ran them, end to end: the Spring Boot app
 * of {@code smoke-tests/apps/spring-boot3-jdbc-app} (Spring MVC, Spring Data JDBC, HikariCP, the
 * H2 driver on an in-memory database) with the agent jar, and what the test collector receives.
 *
 * <p>One app JVM with the agent per class, shared by its tests; the test of the switch starts its
 * own. The app's startup (schema and data scripts) runs statements outside any request, which may
 * yield root CLIENT spans: before each test a marker request is awaited (spans are exported in the
 * order they ended, so everything before it has arrived) and the collector reset, so a test sees
 * only the spans of its own requests. After its request, a test awaits a second marker, which
 * proves that nothing else is still on its way.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcSmokeTest {

  private static final Duration SPAN_TIMEOUT = Duration.ofSeconds(30);
  private static final SmokeApp APP = SmokeApp.SPRING_BOOT3_JDBC;
  private static final String SERVICE = "smoke-" + APP.id() + "-service";

  /** The literals of the app's statements (see its repositories), none of which may be exported. */
  private static final List<String> LITERALS = List.of("'OPEN'", "OPEN", "> 0", "+ 1");

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
    awaitMarker(http, collector);
    collector.reset();
  }

  @Test
  void orderRequest_yieldsOneTrace_serverSpanWithThreeJdbcClientChildren() {
    SmokeHttp.Response response = http.get("/orders/1");

    assertEquals(200, response.status(), response.body());
    assertTrue(response.body().startsWith("{\"id\":1,"), response.body());
    List<ReceivedSpan> spans = requestSpans(http, collector);
    ReceivedSpan server = onlyTrace_oneServerSpan(spans, "/orders/1");
    List<ReceivedSpan> clients = clientSpans(spans);
    assertEquals(3, clients.size(),
        "one CLIENT span per statement (select order, select lines, update): " + describe(spans));

    assertEquals(
        List.of("SELECT orders", "SELECT order_lines", "UPDATE orders"),
        names(clients),
        "low-cardinality names, in statement order: " + describe(spans));
    List<Executable> checks = new ArrayList<>();
    for (ReceivedSpan client : clients) {
      String[] operationAndTable = client.name().split(" ");
      checks.add(() -> assertJdbcChildOf(server, client));
      checks.add(() -> assertEquals(Status.StatusCode.STATUS_CODE_UNSET, client.statusCode(),
          "status of " + client));
      checks.add(() -> assertEquals(operationAndTable[0], client.attr("db.operation.name"),
          "db.operation.name of " + client));
      checks.add(() -> assertEquals(operationAndTable[1], client.attr("db.collection.name"),
          "db.collection.name of " + client));
    }
    assertAll(checks);
  }

  /**
   * The app's failing statement is a plain {@code Statement} on a missing table: it fails in
   * {@code executeQuery}, where a prepared one would already fail in {@code prepareStatement}.
   */
  @Test
  void failingStatement_yieldsClientSpanWithErrorStatusAndErrorType() {
    SmokeHttp.Response response = http.get("/orders/1/fail");

    assertEquals(500, response.status(), response.body());
    List<ReceivedSpan> spans = requestSpans(http, collector);
    ReceivedSpan server = onlyTrace_oneServerSpan(spans, "/orders/1/fail");
    List<ReceivedSpan> clients = clientSpans(spans);
    assertEquals(1, clients.size(), "one CLIENT span for the one statement: " + describe(spans));
    ReceivedSpan client = clients.get(0);
    List<Span.Event> exceptions = client.events("exception");
    assertAll(
        "span " + client,
        () -> assertJdbcChildOf(server, client),
        () -> assertEquals("SELECT order_archive", client.name(), "name"),
        () -> assertEquals(Status.StatusCode.STATUS_CODE_ERROR, client.statusCode(), "status"),
        () -> assertFalse(
            client.stringAttr("error.type") == null || client.stringAttr("error.type").isBlank(),
            "error.type: " + client.attr("error.type")),
        () -> assertEquals(1, exceptions.size(), "one exception event"),
        () -> assertEquals(
            "org.h2.jdbc.JdbcSQLSyntaxErrorException",
            exceptions.isEmpty() ? null : ReceivedSpan.eventAttr(exceptions.get(0), "exception.type"),
            "the driver's exception is recorded"),
        () -> assertEquals(
            Status.StatusCode.STATUS_CODE_ERROR, server.statusCode(), "the 500 server span"));
  }

  /**
   * With {@code otel.instrumentation.jdbc.enabled=false} the same request yields its SERVER span
   * alone, and no statement, not even at startup, yields a span.
   */
  @Test
  void jdbcInstrumentationDisabled_onlyTheServerSpan() {
    try (TestCollector ownCollector = TestCollector.start();
        AppProcess disabled = logs.register(
            AppProcess.builder(APP)
                .agent(AgentJar.require())
                .collector(ownCollector)
                .serviceName(SERVICE)
                .property("otel.instrumentation.jdbc.enabled", "false")
                .logName(getClass().getSimpleName() + "-jdbc.enabled=false")
                .start())) {
      SmokeHttp ownHttp = new SmokeHttp(disabled.port());

      SmokeHttp.Response response = ownHttp.get("/orders/1");

      assertEquals(200, response.status(), response.body());
      List<ReceivedSpan> spans = requestSpans(ownHttp, ownCollector);
      ReceivedSpan server = onlyTrace_oneServerSpan(spans, "/orders/1");
      assertAll(
          () -> assertEquals(List.of(server), spans, "only the SERVER span: " + describe(spans)),
          () -> assertEquals(List.of(), clientSpans(ownCollector.spans()),
              "no CLIENT span at all, startup included: " + ownCollector.describe()));
    }
  }

  /** Asserts that {@code spans} are one trace with one root SERVER span for the path; returns it. */
  /**
   * With {@code otel.instrumentation.common.db-statement-sanitizer.enabled=false} the query text
   * is exported as the application wrote it, literals included.
   */
  @Test
  void sanitizerDisabled_queryTextKeepsTheLiterals() {
    try (TestCollector ownCollector = TestCollector.start();
        AppProcess raw = logs.register(
            AppProcess.builder(APP)
                .agent(AgentJar.require())
                .collector(ownCollector)
                .serviceName(SERVICE)
                .property("otel.instrumentation.common.db-statement-sanitizer.enabled", "false")
                .logName(getClass().getSimpleName() + "-sanitizer=false")
                .start())) {
      SmokeHttp ownHttp = new SmokeHttp(raw.port());

      assertEquals(200, ownHttp.get("/orders/1").status());

      List<ReceivedSpan> clients = clientSpans(requestSpans(ownHttp, ownCollector));
      String lines =
          clients.stream()
              .filter(c -> c.name().equals("SELECT order_lines"))
              .map(c -> c.stringAttr("db.query.text"))
              .findFirst()
              .orElse(null);
      assertTrue(
          lines != null && lines.contains("'OPEN'"),
          "the unsanitized query text of SELECT order_lines: " + lines + " in " + describe(clients));
    }
  }

  private static ReceivedSpan onlyTrace_oneServerSpan(List<ReceivedSpan> spans, String path) {
    List<ReceivedSpan> servers = new ArrayList<>();
    for (ReceivedSpan span : spans) {
      if (span.kind() == Span.SpanKind.SPAN_KIND_SERVER) {
        servers.add(span);
      }
    }
    assertEquals(1, servers.size(), "one SERVER span for the request: " + describe(spans));
    ReceivedSpan server = servers.get(0);
    List<String> otherTraces = new ArrayList<>();
    for (ReceivedSpan span : spans) {
      if (!span.traceId().equals(server.traceId())) {
        otherTraces.add(span.toString());
      }
    }
    assertAll(
        "span " + server,
        () -> assertEquals(List.of(), otherTraces,
            "every span of the request is in the SERVER span's trace"),
        () -> assertEquals("", server.parentSpanId(), "the SERVER span is the root"),
        () -> assertEquals(path, server.attr("url.path"), "url.path"),
        () -> assertEquals(SERVICE, server.resourceAttr("service.name"), "service.name"));
    return server;
  }

  /**
   * The attributes every JDBC span of this app has, and its place in the trace: a child of the
   * SERVER span, inside it in time, with the query text sanitized.
   */
  private static void assertJdbcChildOf(ReceivedSpan server, ReceivedSpan client) {
    String query = client.stringAttr("db.query.text");
    String table = client.name().substring(client.name().indexOf(' ') + 1);
    List<Executable> checks = new ArrayList<>();
    checks.add(() -> assertEquals(Span.SpanKind.SPAN_KIND_CLIENT, client.kind(), "kind"));
    checks.add(() -> assertEquals(server.traceId(), client.traceId(), "trace id"));
    checks.add(() -> assertEquals(server.spanId(), client.parentSpanId(), "parent"));
    checks.add(() -> assertEquals("h2", client.attr("db.system.name"), "db.system.name"));
    checks.add(() -> assertTrue(query != null && query.contains("?"),
        "db.query.text with its bind parameter or literal as ?: " + query));
    checks.add(() -> assertTrue(query != null && query.contains(table),
        "db.query.text names the table: " + query));
    for (String literal : LITERALS) {
      checks.add(() -> assertFalse(query != null && query.contains(literal),
          "db.query.text is sanitized, but shows " + literal + ": " + query));
    }
    checks.add(() -> assertTrue(
        client.span().getStartTimeUnixNano() >= server.span().getStartTimeUnixNano()
            && client.span().getEndTimeUnixNano() <= server.span().getEndTimeUnixNano(),
        "the statement ran inside the request: server "
            + server.span().getStartTimeUnixNano() + ".." + server.span().getEndTimeUnixNano()
            + ", statement " + client.span().getStartTimeUnixNano() + ".."
            + client.span().getEndTimeUnixNano()));
    assertAll("span " + client, checks);
  }

  /** The CLIENT spans among {@code spans}, in the order they started. */
  private static List<ReceivedSpan> clientSpans(List<ReceivedSpan> spans) {
    List<ReceivedSpan> clients = new ArrayList<>();
    for (ReceivedSpan span : spans) {
      if (span.kind() == Span.SpanKind.SPAN_KIND_CLIENT) {
        clients.add(span);
      }
    }
    clients.sort(Comparator.comparingLong(span -> span.span().getStartTimeUnixNano()));
    return clients;
  }

  private static List<String> names(List<ReceivedSpan> spans) {
    List<String> names = new ArrayList<>();
    for (ReceivedSpan span : spans) {
      names.add(span.name());
    }
    return names;
  }

  /**
   * Every span received since the last reset except the marker's, once a marker request sent
   * after the test's requests has arrived: nothing of the test's requests is still on its way.
   */
  private static List<ReceivedSpan> requestSpans(SmokeHttp http, TestCollector collector) {
    Predicate<ReceivedSpan> isMarker = awaitMarker(http, collector);
    List<ReceivedSpan> spans = new ArrayList<>();
    for (ReceivedSpan span : collector.spans()) {
      if (!isMarker.test(span)) {
        spans.add(span);
      }
    }
    return spans;
  }

  /** Sends a marker request (an unmapped path), waits for it, says how to know its spans. */
  private static Predicate<ReceivedSpan> awaitMarker(SmokeHttp http, TestCollector collector) {
    return MarkerRequests.await(http, collector, "/", SPAN_TIMEOUT);
  }

  private static String describe(List<ReceivedSpan> spans) {
    StringBuilder out = new StringBuilder().append(spans.size()).append(" span(s)");
    for (ReceivedSpan span : spans) {
      out.append("\n  ").append(span);
    }
    return out.toString();
  }
}
