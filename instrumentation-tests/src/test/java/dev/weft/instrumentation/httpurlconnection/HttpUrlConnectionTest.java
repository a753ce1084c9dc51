package dev.weft.instrumentation.httpurlconnection;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.api.AgentThread;
import dev.weft.api.Context;
import dev.weft.api.Scope;
import dev.weft.api.Span;
import dev.weft.api.SpanContext;
import dev.weft.api.SpanKind;
import dev.weft.api.StatusCode;
import dev.weft.core.trace.SpanData;
import dev.weft.testing.AgentSpans;
import dev.weft.testing.HttpClientTestSuite;
import dev.weft.testing.RecordingHttpServer;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.CookieHandler;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code java.net.HttpURLConnection} with the agent attached: the shared client suite, and the
 * patterns applications use with this API (connect first, status first, header first, streamed
 * request bodies, error streams, reading twice), each of which must yield exactly one span.
 */
class HttpUrlConnectionTest extends HttpClientTestSuite {

  private static final String SCOPE = "dev.weft.http-url-connection";

  @Override
  protected int send(String method, URI uri, Map<String, String> headers) throws Exception {
    HttpURLConnection connection = open(uri);
    connection.setRequestMethod(method);
    headers.forEach(connection::setRequestProperty);
    int status = connection.getResponseCode();
    body(connection, status);
    return status;
  }

  @Override
  protected int sendWithReadTimeout(URI uri, Duration readTimeout) throws Exception {
    HttpURLConnection connection = open(uri);
    connection.setReadTimeout((int) readTimeout.toMillis());
    int status = connection.getResponseCode();
    body(connection, status);
    return status;
  }

  @Override
  protected String scopeName() {
    return SCOPE;
  }

  @Test
  void connect_startsTheSpan_withItsParent_andReadingTheResponseEndsIt() throws Exception {
    Span parent = startParent();
    HttpURLConnection connection = open(server.uri("/success"));
    try (Scope ignored = Context.current().with(parent).makeCurrent()) {
      connection.connect();
    }
    String trace = parent.spanContext().traceIdHex();
    AgentSpans.exactly(clientSpanOf(trace), 0);

    // Outside the parent's scope: the span was started, with its parent, by connect().
    assertEquals(200, connection.getResponseCode());
    assertEquals("ok", body(connection, 200));
    parent.end();

    SpanData span = onlyClientSpan(trace);
    assertAll(
        () -> assertEquals(parent.spanContext().spanId(), span.parentSpanContext().spanId()),
        () -> assertEquals(200L, longAttr(span, "http.response.status_code")),
        () -> assertEquals(List.of(traceparentOf(span)), onlyRequest().header("traceparent")));
  }

  @Test
  void getResponseCode_thenGetInputStream_isOneSpan() throws Exception {
    SpanData span =
        underParent(
            connection -> {
              assertEquals(200, connection.getResponseCode());
              assertEquals("ok", read(connection.getInputStream()));
            });
    assertAll(
        () -> assertEquals(200L, longAttr(span, "http.response.status_code")),
        () -> assertEquals(1, server.received().size()));
  }

  @Test
  void getInputStreamTwice_isOneSpan_andTheSecondCallSendsNothing() throws Exception {
    SpanData span =
        underParent(
            connection -> {
              InputStream first = connection.getInputStream();
              assertSame(first, connection.getInputStream());
              assertEquals("ok", read(first));
              assertEquals(200, connection.getResponseCode());
            });
    assertAll(
        () -> assertEquals(200L, longAttr(span, "http.response.status_code")),
        () -> assertEquals("1.1", stringAttr(span, "network.protocol.version")),
        () -> assertEquals(List.of(traceparentOf(span)), onlyRequest().header("traceparent")));
  }

  @Test
  void headerFieldFirst_sendsTheRequest_asOneSpanWithTheStatus() throws Exception {
    SpanData span =
        underParent(
            connection -> {
              assertEquals("text/plain", connection.getHeaderField("Content-Type"));
              assertEquals(200, connection.getResponseCode());
            });
    assertAll(
        () -> assertEquals(200L, longAttr(span, "http.response.status_code")),
        () -> assertEquals(List.of(traceparentOf(span)), onlyRequest().header("traceparent")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"fixed-length", "chunked", "buffered"})
  void postBody_writtenThroughGetOutputStream_isOneSpanCoveringTheUpload(String mode)
      throws Exception {
    byte[] payload = "{\"order\":42}".getBytes(StandardCharsets.UTF_8);
    SpanData span =
        underParent(
            connection -> {
              connection.setRequestMethod("POST");
              connection.setDoOutput(true);
              if (mode.equals("fixed-length")) {
                connection.setFixedLengthStreamingMode(payload.length);
              } else if (mode.equals("chunked")) {
                connection.setChunkedStreamingMode(4);
              }
              try (OutputStream out = connection.getOutputStream()) {
                out.write(payload, 0, 5);
                out.write(payload, 5, payload.length - 5);
              }
              assertEquals(200, connection.getResponseCode());
            },
            "/success");
    RecordingHttpServer.Received request = onlyRequest();
    assertAll(
        () -> assertEquals("POST", span.name()),
        () -> assertEquals("POST", stringAttr(span, "http.request.method")),
        () -> assertEquals(200L, longAttr(span, "http.response.status_code")),
        () -> assertEquals("POST", request.method()),
        () -> assertEquals(
            mode.equals("chunked") ? List.of("chunked") : List.of(),
            request.header("transfer-encoding")),
        () -> assertEquals(
            mode.equals("chunked") ? List.of() : List.of(String.valueOf(payload.length)),
            request.header("content-length")),
        () -> assertEquals(List.of(traceparentOf(span)), request.header("traceparent")));
  }

  @Test
  void doOutputWithoutAMethod_isThePostTheJdkSends() throws Exception {
    SpanData span =
        underParent(
            connection -> {
              connection.setDoOutput(true);
              try (OutputStream out = connection.getOutputStream()) {
                out.write('x');
              }
              assertEquals(200, connection.getResponseCode());
            });
    assertAll(
        () -> assertEquals("POST", onlyRequest().method()),
        () -> assertEquals("POST", span.name()),
        () -> assertEquals("POST", stringAttr(span, "http.request.method")));
  }

  @Test
  void errorStreamOf404_isReadable_andTheSpanCarriesTheStatus() throws Exception {
    SpanData span =
        underParent(
            connection -> {
              assertEquals(404, connection.getResponseCode());
              assertEquals("status 404", read(connection.getErrorStream()));
            },
            "/status/404");
    assertAll(
        () -> assertEquals(404L, longAttr(span, "http.response.status_code")),
        () -> assertEquals(StatusCode.ERROR, span.statusCode()),
        () -> assertEquals("404", stringAttr(span, "error.type")),
        () -> assertEquals("1.1", stringAttr(span, "network.protocol.version")),
        () -> assertEquals(0, exceptionEvents(span).size()));
  }

  @Test
  void getInputStreamOn404_throwsAsWithoutTheAgent_andTheSpanRecordsTheStatusNotTheException()
      throws Exception {
    AtomicReference<IOException> thrown = new AtomicReference<>();
    SpanData span =
        underParent(
            connection -> {
              thrown.set(assertThrows(FileNotFoundException.class, connection::getInputStream));
              assertEquals(404, connection.getResponseCode());
            },
            "/status/404");
    assertAll(
        () -> assertEquals(404L, longAttr(span, "http.response.status_code")),
        () -> assertEquals("404", stringAttr(span, "error.type")),
        () -> assertEquals("1.1", stringAttr(span, "network.protocol.version")),
        () -> assertEquals(0, exceptionEvents(span).size()),
        () -> assertTrue(thrown.get().getMessage().endsWith("/status/404"), thrown.get()::toString));
  }

  @Test
  void serverErrorThroughGetInputStream_isTheStatus() throws Exception {
    SpanData span =
        underParent(
            connection -> assertThrows(IOException.class, connection::getInputStream),
            "/status/503");
    assertAll(
        () -> assertEquals(503L, longAttr(span, "http.response.status_code")),
        () -> assertEquals("503", stringAttr(span, "error.type")),
        () -> assertEquals(0, exceptionEvents(span).size()));
  }

  @Test
  void refusedConnect_thenGetResponseCode_isStillOneSpan_recordingTheFirstFailure()
      throws Exception {
    URI closed = URI.create("http://127.0.0.1:" + closedPort() + "/success");
    AtomicReference<IOException> first = new AtomicReference<>();
    SpanData span =
        underParent(
            connection -> {
              first.set(assertThrows(ConnectException.class, connection::connect));
              assertThrows(ConnectException.class, connection::getResponseCode);
            },
            closed);
    assertAll(
        () -> assertEquals(StatusCode.ERROR, span.statusCode()),
        () -> assertEquals(ConnectException.class.getName(), stringAttr(span, "error.type")),
        () -> assertEquals(1, exceptionEvents(span).size()),
        () -> assertNull(longAttr(span, "http.response.status_code")));
  }

  @Test
  void https_isWoven_asOneSpanForTheWrapperAndItsDelegate() throws Exception {
    // No certificate needed: the connection is refused before any TLS. The JDK's https
    // connection object delegates every call to a second connection object; one span only.
    int port = closedPort();
    URI closed = URI.create("https://127.0.0.1:" + port + "/secure?q=1");
    SpanData span =
        underParent(
            connection -> {
              assertEquals("sun.net.www.protocol.https.HttpsURLConnectionImpl",
                  connection.getClass().getName());
              assertThrows(ConnectException.class, connection::getResponseCode);
            },
            closed);
    assertAll(
        () -> assertEquals("GET", span.name()),
        () -> assertEquals(closed.toString(), stringAttr(span, "url.full")),
        () -> assertEquals((long) port, longAttr(span, "server.port")),
        () -> assertEquals(StatusCode.ERROR, span.statusCode()),
        () -> assertEquals(ConnectException.class.getName(), stringAttr(span, "error.type")));
  }

  @Test
  void workTheJdkDoesForTheCall_runsWithTheClientSpanCurrent() throws Exception {
    AtomicReference<SpanContext> currentAtCookieLookup = new AtomicReference<>();
    CookieHandler previous = CookieHandler.getDefault();
    CookieHandler.setDefault(
        new CookieHandler() {
          @Override
          public Map<String, List<String>> get(URI uri, Map<String, List<String>> headers) {
            currentAtCookieLookup.set(Context.current().span().spanContext());
            return Map.of();
          }

          @Override
          public void put(URI uri, Map<String, List<String>> headers) {}
        });
    SpanData span;
    try {
      span = underParent(connection -> assertEquals(200, connection.getResponseCode()));
    } finally {
      CookieHandler.setDefault(previous);
    }
    assertEquals(span.spanContext().spanIdHex(), currentAtCookieLookup.get().spanIdHex());
  }

  @Test
  void onTheAgentsOwnThreads_nothingIsTraced_norInjected() throws Exception {
    AtomicReference<Object> outcome = new AtomicReference<>();
    Span parent = startParent();
    AgentThread exporterLike =
        new AgentThread(
            "weft-test-exporter",
            () -> {
              try (Scope ignored = Context.root().with(parent).makeCurrent()) {
                HttpURLConnection connection = open(server.uri("/success"));
                connection.setRequestMethod("POST");
                connection.setDoOutput(true);
                connection.setFixedLengthStreamingMode(1);
                try (OutputStream out = connection.getOutputStream()) {
                  out.write('x');
                }
                outcome.set(connection.getResponseCode());
              } catch (Throwable t) {
                outcome.set(t);
              }
            });
    exporterLike.start();
    exporterLike.join(10_000);
    parent.end();

    assertEquals(200, outcome.get());
    assertAll(
        () -> assertEquals(List.of(), onlyRequest().header("traceparent")),
        () -> AgentSpans.exactly(s -> s.kind() == SpanKind.CLIENT, 0));
  }

  @Test
  void connectionsAreIndependent_eachCarriesItsOwnSingleHeader() throws Exception {
    Map<String, String> headers = Map.of("X-App", "1");
    Span parent = startParent();
    try (Scope ignored = Context.current().with(parent).makeCurrent()) {
      assertEquals(200, send("GET", server.uri("/success"), headers));
      assertEquals(200, send("GET", server.uri("/success"), headers));
    } finally {
      parent.end();
    }
    List<SpanData> spans =
        AgentSpans.exactly(clientSpanOf(parent.spanContext().traceIdHex()), 2);
    List<RecordingHttpServer.Received> requests = server.received();
    assertAll(
        () -> assertEquals(2, requests.size()),
        () -> assertEquals(1, requests.get(0).header("traceparent").size()),
        () -> assertEquals(1, requests.get(1).header("traceparent").size()),
        () -> assertFalse(
            requests.get(0).header("traceparent").equals(requests.get(1).header("traceparent"))),
        () -> assertTrue(
            spans.stream()
                .map(HttpClientTestSuite::traceparentOf)
                .toList()
                .containsAll(List.of(
                    requests.get(0).header("traceparent").get(0),
                    requests.get(1).header("traceparent").get(0)))));
  }

  // ---- helpers ----

  /** What a test does with a fresh connection. */
  private interface ConnectionUse {
    void accept(HttpURLConnection connection) throws Exception;
  }

  private SpanData underParent(ConnectionUse use) throws Exception {
    return underParent(use, "/success");
  }

  private SpanData underParent(ConnectionUse use, String path) throws Exception {
    return underParent(use, server.uri(path));
  }

  /** Runs {@code use} on a new connection to {@code uri} under a parent; returns its one span. */
  private static SpanData underParent(ConnectionUse use, URI uri) throws Exception {
    Span parent = startParent();
    try (Scope ignored = Context.current().with(parent).makeCurrent()) {
      use.accept(open(uri));
    } finally {
      parent.end();
    }
    SpanData span = onlyClientSpan(parent.spanContext().traceIdHex());
    assertAll(
        () -> assertEquals(SCOPE, span.scopeName()),
        () -> assertEquals(parent.spanContext().spanId(), span.parentSpanContext().spanId()),
        () -> assertEquals(uri.toString(), stringAttr(span, "url.full")));
    return span;
  }

  private static java.util.function.Predicate<SpanData> clientSpanOf(String traceIdHex) {
    return s -> s.kind() == SpanKind.CLIENT && s.spanContext().traceIdHex().equals(traceIdHex);
  }

  private static HttpURLConnection open(URI uri) throws IOException {
    return (HttpURLConnection) uri.toURL().openConnection();
  }

  private static String body(HttpURLConnection connection, int status) throws IOException {
    return read(status >= 400 ? connection.getErrorStream() : connection.getInputStream());
  }

  private static String read(InputStream in) throws IOException {
    if (in == null) {
      return "";
    }
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
