package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * W3C trace context headers as proxies send them, repeated on several lines, through real servlet
 * containers and every HTTP client the agent instruments, seen where it matters: the header lines
 * the next service receives.
 *
 * <p>The test sends raw requests (so each header line arrives exactly as written) to the frontend
 * app (Jetty 9, {@code javax.servlet}), which calls a recording server in this JVM with one of its
 * clients ({@link FrontendClient}). The recorder keeps every header line of every request, so a
 * test can assert that the downstream service got ONE {@code traceparent}, ONE {@code tracestate}
 * holding the members of all the inbound lines, and ONE {@code baggage} with every entry. The
 * Tomcat 10 app ({@code jakarta.servlet}) shows the same joining on the SERVER span the collector
 * receives. Each request has its own path, by which its spans and its recorded request are found.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TraceContextHeadersSmokeTest {

  static final Duration SPAN_TIMEOUT = Duration.ofSeconds(30);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  /** OTLP span flags: the W3C trace flags in the low byte, then "has is-remote" and "is remote". */
  static final int OTLP_REMOTE_PARENT = 0x300;

  private static final AtomicInteger REQUESTS = new AtomicInteger();

  @RegisterExtension final AppLogsOnFailure logs = new AppLogsOnFailure();

  TestCollector collector;
  DownstreamRecorder downstream;
  AppProcess frontend;
  AppProcess jakartaApp;

  @BeforeAll
  void startApps() {
    Path agentJar = AgentJar.availableOrNull();
    if (agentJar == null) {
      return; // each test then fails or skips in requireAgent(), saying why
    }
    collector = TestCollector.start();
    downstream = DownstreamRecorder.start();
    frontend = logs.register(start(SmokeApp.FRONTEND, agentJar));
    jakartaApp = logs.register(start(SmokeApp.TOMCAT10, agentJar));
  }

  private AppProcess start(SmokeApp app, Path agentJar) {
    return AppProcess.builder(app)
        .agent(agentJar)
        .collector(collector)
        .serviceName("trace-context-" + app.id())
        .logName("TraceContextHeadersSmokeTest-" + app.id())
        .start();
  }

  @AfterAll
  void stopApps() {
    for (AppProcess app : new AppProcess[] {frontend, jakartaApp}) {
      if (app != null) {
        app.stop();
      }
    }
    if (downstream != null) {
      downstream.close();
    }
    if (collector != null) {
      collector.close();
    }
  }

  @BeforeEach
  void requireAgent() {
    AgentJar.require();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(FrontendClient.class)
  void continuedTrace_downstreamGetsOneLineOfEach_withEveryMemberOfEveryInboundLine(
      FrontendClient client) {
    String traceId = Ids.randomTraceId();
    String parent = Ids.randomSpanId();

    Outcome outcome = call(client,
        "traceparent: 00-" + traceId + "-" + parent + "-03",
        "tracestate: ",
        "tracestate: rojo=00f067aa0ba902b7,congo=t61rcWkgMzE",
        "TraceState: tenant@vendor=x",
        "baggage: user.id=42",
        "Baggage: tier=gold,region=eu");

    assertAll(
        "downstream of " + client + ": " + outcome.received,
        () -> assertEquals(traceId, outcome.server.traceId(), "the SERVER span continues the trace"),
        () -> assertEquals(parent, outcome.server.parentSpanId(), "SERVER parent: the caller"),
        () -> assertEquals(
            List.of("00-" + traceId + "-" + outcome.client.spanId() + "-03"),
            outcome.received.get("traceparent"),
            "one traceparent: the trace, the CLIENT span as parent, sampled and random as received"),
        () -> assertEquals(
            List.of("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE,tenant@vendor=x"),
            outcome.received.get("tracestate"),
            "one tracestate: the members of all three lines, in order"),
        () -> assertEquals(1, outcome.received.get("baggage").size(), "one baggage line"),
        () -> assertEquals(
            Set.of("user.id=42", "tier=gold", "region=eu"),
            members(outcome.received.get("baggage").get(0)),
            "the entries of both baggage lines"));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(FrontendClient.class)
  void continuedTraceWithoutRandomFlag_isPropagatedWithout(FrontendClient client) {
    String traceId = Ids.randomTraceId();
    String parent = Ids.randomSpanId();

    Outcome outcome = call(client, "traceparent: " + Ids.traceparent(traceId, parent));

    assertAll(
        "downstream of " + client + ": " + outcome.received,
        () -> assertEquals(
            List.of("00-" + traceId + "-" + outcome.client.spanId() + "-01"),
            outcome.received.get("traceparent"),
            "sampled only: the caller did not say its trace id is random"),
        () -> assertNull(outcome.received.get("tracestate"), "no tracestate was received"));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(FrontendClient.class)
  void twoTraceparentLines_areAmbiguous_andStartANewRandomTrace(FrontendClient client) {
    String first = Ids.randomTraceId();
    String second = Ids.randomTraceId();

    Outcome outcome = call(client,
        "traceparent: " + Ids.traceparent(first, Ids.randomSpanId()),
        "traceparent: " + Ids.traceparent(second, Ids.randomSpanId()),
        "tracestate: congo=t61rcWkgMzE");

    String newTrace = outcome.server.traceId();
    assertAll(
        "downstream of " + client + ": " + outcome.received,
        () -> assertEquals("", outcome.server.parentSpanId(), "the SERVER span is a root"),
        () -> assertTrue(Ids.isValidNonZero(newTrace, 16), "a valid new trace id"),
        () -> assertNotEquals(first, newTrace, "not the first line's trace"),
        () -> assertNotEquals(second, newTrace, "not the second line's trace"),
        () -> assertEquals(
            List.of("00-" + newTrace + "-" + outcome.client.spanId() + "-03"),
            outcome.received.get("traceparent"),
            "the new trace, sampled, with the random flag of a trace the agent started"),
        () -> assertNull(outcome.received.get("tracestate"),
            "the tracestate belonged to the rejected parent"));
  }

  @Test
  void jakartaContainer_joinsTracestateLines_andKeepsTheRandomFlag() {
    String traceId = Ids.randomTraceId();
    String parent = Ids.randomSpanId();
    String path = "/users/trace-context-" + REQUESTS.incrementAndGet();

    RawHttp.Response response = RawHttp.get(jakartaApp.port(), path,
        "traceparent: 00-" + traceId + "-" + parent + "-03",
        "tracestate: a=1,b=2",
        "tracestate: ",
        "tracestate: c=3,a=4");
    assertTrue(response.statusLine().startsWith("HTTP/1.1 200"), "response " + response);

    ReceivedSpan server = awaitOne(Span.SpanKind.SPAN_KIND_SERVER, "url.path", path);
    assertAll(
        "span " + server,
        () -> assertEquals(traceId, server.traceId()),
        () -> assertEquals(parent, server.parentSpanId()),
        () -> assertEquals("a=1,b=2,c=3", server.span().getTraceState(),
            "all lines' members; the later duplicate of a dropped"),
        () -> assertEquals(0x03 | OTLP_REMOTE_PARENT, server.span().getFlags(),
            "sampled and random, under a remote parent"));
  }

  /** A request through the frontend, its SERVER and CLIENT spans, and what downstream received. */
  record Outcome(ReceivedSpan server, ReceivedSpan client, Map<String, List<String>> received) {}

  /**
   * Sends a raw {@code GET /call/<client>} with {@code headerLines} to the frontend, which calls
   * the recorder at a path of its own; returns the two spans of that call and the header lines the
   * recorder received, by lowercase name.
   */
  private Outcome call(FrontendClient client, String... headerLines) {
    String downstreamPath = "/downstream/" + client.id() + "-" + REQUESTS.incrementAndGet();
    String frontendPath =
        "/call/" + client.id() + "?target=" + downstream.baseUrl() + "&path=" + downstreamPath;

    RawHttp.Response response = RawHttp.get(frontend.port(), frontendPath, headerLines);

    assertAll(
        "response via " + client + ": " + response,
        () -> assertTrue(response.statusLine().startsWith("HTTP/1.1 200"), "status"),
        () -> assertEquals("recorded " + downstreamPath, response.bodyText(), "body"));
    Map<String, List<String>> received = downstream.awaitRequest(downstreamPath, REQUEST_TIMEOUT);
    ReceivedSpan clientSpan = awaitOne(Span.SpanKind.SPAN_KIND_CLIENT, "url.full",
        downstream.baseUrl() + downstreamPath);
    ReceivedSpan server = awaitOne(Span.SpanKind.SPAN_KIND_SERVER, "url.query",
        frontendPath.substring(frontendPath.indexOf('?') + 1));
    assertEquals(server.spanId(), clientSpan.parentSpanId(), "CLIENT parent: the SERVER span");
    assertEquals(server.traceId(), clientSpan.traceId(), "CLIENT span in the SERVER's trace");
    return new Outcome(server, clientSpan, received);
  }

  private ReceivedSpan awaitOne(Span.SpanKind kind, String attribute, String value) {
    List<ReceivedSpan> spans =
        collector.awaitSpans(
            span -> span.kind() == kind && value.equals(span.attr(attribute)), 1, SPAN_TIMEOUT);
    assertEquals(1, spans.size(), "one " + kind + " span with " + attribute + "=" + value);
    return spans.get(0);
  }

  /** The list members of one header value, without surrounding spaces. */
  private static Set<String> members(String headerValue) {
    Set<String> members = new TreeSet<>();
    for (String member : headerValue.split(",")) {
      members.add(member.trim());
    }
    return members;
  }

  /**
   * The next service, in this JVM: answers every GET with {@code recorded <path>} and keeps the
   * header lines of each request, one list entry per line, by lowercase name. Thread-safe.
   */
  static final class DownstreamRecorder implements AutoCloseable {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

    private final HttpServer server;
    private final Map<String, Map<String, List<String>>> requestsByPath =
        new ConcurrentHashMap<>();

    private DownstreamRecorder(HttpServer server) {
      this.server = server;
    }

    static DownstreamRecorder start() {
      HttpServer server;
      try {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot bind the downstream recorder", e);
      }
      DownstreamRecorder recorder = new DownstreamRecorder(server);
      server.createContext("/", exchange -> {
        String path = exchange.getRequestURI().getPath();
        recorder.requestsByPath.put(path, linesByName(exchange.getRequestHeaders()));
        byte[] body = ("recorded " + path).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      });
      server.start();
      return recorder;
    }

    /** The JDK server adds one value per header line; keys are folded here to lowercase. */
    private static Map<String, List<String>> linesByName(Headers headers) {
      Map<String, List<String>> lines = new ConcurrentHashMap<>();
      headers.forEach((name, values) ->
          lines.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
              .addAll(values));
      return lines;
    }

    String baseUrl() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The header lines of the request to {@code path}, waiting for it up to {@code timeout}. */
    Map<String, List<String>> awaitRequest(String path, Duration timeout) {
      Instant deadline = Instant.now().plus(timeout);
      while (true) {
        Map<String, List<String>> lines = requestsByPath.get(path);
        if (lines != null) {
          return lines;
        }
        assertTrue(Instant.now().isBefore(deadline),
            "no request to " + path + " within " + timeout + "; got " + requestsByPath.keySet());
        try {
          Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted waiting for " + path, e);
        }
      }
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
