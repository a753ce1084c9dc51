package dev.weft.testing;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.api.Context;
import dev.weft.api.Scope;
import dev.weft.api.Span;
import dev.weft.api.SpanContext;
import dev.weft.api.SpanKind;
import dev.weft.api.StatusCode;
import dev.weft.api.Tracing;
import dev.weft.core.trace.EventData;
import dev.weft.core.trace.SpanData;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every HTTP client instrumentation must do, run against a real server on loopback with the
 * agent attached: one CLIENT span per call, the child of the current span, carrying the HTTP
 * client semantic conventions; the server receives exactly one {@code traceparent} naming that
 * span; errors, refused connections and timeouts are recorded and reach the application
 * unchanged; redirects stay one span; asynchronous calls end when their response arrives.
 *
 * <p>A client's test extends this class and says how to send a request with its client.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class HttpClientTestSuite {

  protected RecordingHttpServer server;

  /**
   * Sends one request synchronously and returns the status code. Throws what the client throws.
   *
   * @param headers request headers the application sets itself
   */
  protected abstract int send(String method, URI uri, Map<String, String> headers) throws Exception;

  /**
   * Sends one request with a read timeout, throwing the client's timeout exception when the
   * server is slower than that.
   */
  protected abstract int sendWithReadTimeout(URI uri, Duration readTimeout) throws Exception;

  /** Sends one request asynchronously; null when the client has no asynchronous API. */
  protected CompletableFuture<Integer> sendAsync(String method, URI uri) throws Exception {
    return null;
  }

  /** The instrumentation scope of this client's spans, e.g. {@code dev.weft.okhttp}. */
  protected abstract String scopeName();

  /** The {@code network.protocol.version} this client's calls to the test server report. */
  protected String expectedProtocolVersion() {
    return "1.1";
  }

  @BeforeAll
  void startServer() {
    server = RecordingHttpServer.start();
  }

  @AfterAll
  void stopServer() {
    server.close();
  }

  @BeforeEach
  void resetRecordings() {
    server.reset();
    AgentSpans.reset();
  }

  @Test
  void success_isOneClientSpan_childOfTheCurrentSpan_andTheServerReceivesItsContext()
      throws Exception {
    Span parent = startParent();
    int status;
    try (Scope ignored = Context.current().with(parent).makeCurrent()) {
      status = send("GET", server.uri("/success?q=1"), Map.of());
    } finally {
      parent.end();
    }

    assertEquals(200, status);
    SpanData span = onlyClientSpan(parent.spanContext().traceIdHex());
    RecordingHttpServer.Received request = onlyRequest();
    assertAll(
        () -> assertEquals("GET", span.name()),
        () -> assertEquals(scopeName(), span.scopeName()),
        () -> assertEquals(parent.spanContext().spanId(), span.parentSpanContext().spanId()),
        () -> assertEquals("GET", stringAttr(span, "http.request.method")),
        () -> assertEquals(server.uri("/success?q=1").toString(), stringAttr(span, "url.full")),
        () -> assertEquals("127.0.0.1", stringAttr(span, "server.address")),
        () -> assertEquals((long) server.port(), longAttr(span, "server.port")),
        () -> assertEquals(200L, longAttr(span, "http.response.status_code")),
        () -> assertEquals(expectedProtocolVersion(), stringAttr(span, "network.protocol.version")),
        () -> assertEquals(StatusCode.UNSET, span.statusCode()),
        () -> assertEquals(List.of(traceparentOf(span)), request.header("traceparent")));
  }

  @Test
  void withoutCurrentSpan_theCallStartsANewTrace() throws Exception {
    assertEquals(200, send("GET", server.uri("/success"), Map.of()));

    SpanData span =
        AgentSpans.exactly(s -> s.kind() == SpanKind.CLIENT, 1).get(0);
    assertAll(
        () -> assertFalse(span.parentSpanContext().isValid()),
        () -> assertEquals(List.of(traceparentOf(span)), onlyRequest().header("traceparent")));
  }

  @Test
  void notFound_isAnError() throws Exception {
    SpanData span = sendExpecting(404, "/status/404");
    assertAll(
        () -> assertEquals(404L, longAttr(span, "http.response.status_code")),
        () -> assertEquals(StatusCode.ERROR, span.statusCode()),
        () -> assertEquals("404", stringAttr(span, "error.type")));
  }

  @Test
  void serverError_isAnError() throws Exception {
    SpanData span = sendExpecting(500, "/status/500");
    assertAll(
        () -> assertEquals(500L, longAttr(span, "http.response.status_code")),
        () -> assertEquals(StatusCode.ERROR, span.statusCode()),
        () -> assertEquals("500", stringAttr(span, "error.type")));
  }

  @Test
  void connectionRefused_isRecorded_andTheApplicationGetsTheException() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    URI uri = URI.create("http://127.0.0.1:" + closedPort + "/success");
    Span parent = startParent();
    Exception thrown;
    try (Scope ignored = Context.current().with(parent).makeCurrent()) {
      thrown = assertThrows(Exception.class, () -> send("GET", uri, Map.of()));
    } finally {
      parent.end();
    }

    SpanData span = onlyClientSpan(parent.spanContext().traceIdHex());
    Throwable recorded = rootOf(thrown);
    assertAll(
        () -> assertEquals(StatusCode.ERROR, span.statusCode()),
        () -> assertNotNull(stringAttr(span, "error.type")),
        () -> assertTrue(
            stringAttr(span, "error.type").equals(thrown.getClass().getName())
                || stringAttr(span, "error.type").equals(recorded.getClass().getName()),
            "error.type " + stringAttr(span, "error.type") + " for " + thrown),
        () -> assertEquals(1, exceptionEvents(span).size()),
        () -> assertFalse(span.attributes().indexOf("http.response.status_code") >= 0));
  }

  @Test
  void readTimeout_isRecorded_andTheApplicationGetsTheException() throws Exception {
    Span parent = startParent();
    Exception thrown;
    try (Scope ignored = Context.current().with(parent).makeCurrent()) {
      thrown =
          assertThrows(
              Exception.class,
              () -> sendWithReadTimeout(server.uri("/slow?ms=2000"), Duration.ofMillis(200)));
    } finally {
      parent.end();
    }

    SpanData span = onlyClientSpan(parent.spanContext().traceIdHex());
    assertAll(
        () -> assertEquals(StatusCode.ERROR, span.statusCode()),
        () -> assertEquals(1, exceptionEvents(span).size()),
        () -> assertTrue(
            rootOf(thrown).getClass().getSimpleName().contains("Timeout")
                || thrown.getClass().getSimpleName().contains("Timeout"),
            "not a timeout: " + thrown));
  }

  @Test
  void redirect_isOneSpan_andEveryHopCarriesItsContext() throws Exception {
    Span parent = startParent();
    int status;
    try (Scope ignored = Context.current().with(parent).makeCurrent()) {
      status = send("GET", server.uri("/redirect"), Map.of());
    } finally {
      parent.end();
    }

    assertEquals(200, status);
    SpanData span = onlyClientSpan(parent.spanContext().traceIdHex());
    List<RecordingHttpServer.Received> requests = server.received();
    assertAll(
        () -> assertEquals(2, requests.size(), "requests: " + requests),
        () -> assertEquals(200L, longAttr(span, "http.response.status_code")),
        () -> assertEquals(List.of(traceparentOf(span)), requests.get(0).header("traceparent")),
        () -> assertEquals(List.of(traceparentOf(span)), requests.get(1).header("traceparent")));
  }

  @Test
  void applicationsOwnTraceparent_isReplaced_notDuplicated() throws Exception {
    Span parent = startParent();
    try (Scope ignored = Context.current().with(parent).makeCurrent()) {
      send(
          "GET",
          server.uri("/success"),
          Map.of("traceparent", "00-11111111111111111111111111111111-2222222222222222-01"));
    } finally {
      parent.end();
    }

    SpanData span = onlyClientSpan(parent.spanContext().traceIdHex());
    assertEquals(List.of(traceparentOf(span)), onlyRequest().header("traceparent"));
  }

  @Test
  void unsampledParent_propagatesItsDecision_andRecordsNothing() throws Exception {
    SpanContext unsampled =
        SpanContext.createFromRemote(0x1234L, 0x5678L, 0x9abcL, (byte) 0, "");
    try (Scope ignored = Context.root().with(Span.wrap(unsampled)).makeCurrent()) {
      assertEquals(200, send("GET", server.uri("/success"), Map.of()));
    }

    String traceparent = onlyRequest().header("traceparent").get(0);
    assertAll(
        () -> assertTrue(traceparent.startsWith("00-" + unsampled.traceIdHex() + "-"), traceparent),
        () -> assertTrue(traceparent.endsWith("-00"), traceparent),
        () -> AgentSpans.exactly(s -> s.kind() == SpanKind.CLIENT, 0));
  }

  @Test
  void async_endsWhenTheResponseArrives_andIsChildOfTheSubmittingSpan() throws Exception {
    Span parent = startParent();
    CompletableFuture<Integer> future;
    try (Scope ignored = Context.current().with(parent).makeCurrent()) {
      future = sendAsync("GET", server.uri("/slow?ms=300"));
    } finally {
      parent.end();
    }
    Assumptions.assumeTrue(future != null, "the client has no asynchronous API");

    assertEquals(200, future.get(10, TimeUnit.SECONDS));
    SpanData span = awaitOnlyClientSpan(parent.spanContext().traceIdHex());
    assertAll(
        () -> assertEquals(parent.spanContext().spanId(), span.parentSpanContext().spanId()),
        () -> assertEquals(200L, longAttr(span, "http.response.status_code")),
        () -> assertTrue(
            span.endEpochNanos() - span.startEpochNanos() >= TimeUnit.MILLISECONDS.toNanos(300),
            "the span ended before the response arrived"),
        () -> assertEquals(List.of(traceparentOf(span)), onlyRequest().header("traceparent")));
  }

  // ---- helpers shared by client tests ----

  protected static Span startParent() {
    return Tracing.tracer("dev.weft.testing").start("parent", SpanKind.INTERNAL, Context.root());
  }

  protected SpanData sendExpecting(int expectedStatus, String path) throws Exception {
    Span parent = startParent();
    int status;
    try (Scope ignored = Context.current().with(parent).makeCurrent()) {
      status = send("GET", server.uri(path), Map.of());
    } finally {
      parent.end();
    }
    assertEquals(expectedStatus, status);
    return onlyClientSpan(parent.spanContext().traceIdHex());
  }

  /** The one CLIENT span of the trace, proving there is no second one. */
  protected static SpanData onlyClientSpan(String traceIdHex) {
    return AgentSpans.exactly(
            s -> s.kind() == SpanKind.CLIENT && s.spanContext().traceIdHex().equals(traceIdHex), 1)
        .get(0);
  }

  /**
   * The one CLIENT span of an asynchronous call's trace, waiting for it to end first: a client
   * may end its span in a callback on the future it returned, which can run just after the
   * application's own callbacks have completed the future the test waited for.
   */
  protected static SpanData awaitOnlyClientSpan(String traceIdHex) {
    AgentSpans.awaitClientSpans(traceIdHex, 1);
    return onlyClientSpan(traceIdHex);
  }

  protected RecordingHttpServer.Received onlyRequest() {
    List<RecordingHttpServer.Received> requests = server.received();
    assertEquals(1, requests.size(), "requests: " + requests);
    return requests.get(0);
  }

  protected static String traceparentOf(SpanData span) {
    SpanContext context = span.spanContext();
    return "00-"
        + context.traceIdHex()
        + "-"
        + context.spanIdHex()
        + String.format("-%02x", context.traceFlags() & 0xff);
  }

  protected static String stringAttr(SpanData span, String key) {
    int i = span.attributes().indexOf(key);
    return i < 0 ? null : span.attributes().stringValue(i);
  }

  protected static Long longAttr(SpanData span, String key) {
    int i = span.attributes().indexOf(key);
    return i < 0 ? null : span.attributes().longValue(i);
  }

  protected static List<EventData> exceptionEvents(SpanData span) {
    return span.events().stream().filter(e -> e.name().equals("exception")).toList();
  }

  private static Throwable rootOf(Throwable thrown) {
    Throwable t = thrown;
    while ((t instanceof ExecutionException || t.getClass().getName().contains("Uncheck"))
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** For subclasses whose client has a concurrency model to prove: the same exception object. */
  protected static void assertSameException(Throwable expected, Throwable actual) {
    assertSame(expected, actual);
  }
}
