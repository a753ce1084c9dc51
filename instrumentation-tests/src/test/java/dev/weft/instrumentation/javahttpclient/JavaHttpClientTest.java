package dev.weft.instrumentation.javahttpclient;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.api.Context;
import dev.weft.api.Scope;
import dev.weft.api.Span;
import dev.weft.api.SpanKind;
import dev.weft.api.StatusCode;
import dev.weft.core.trace.SpanData;
import dev.weft.testing.AgentSpans;
import dev.weft.testing.HttpClientTestSuite;
import dev.weft.testing.RecordingHttpServer;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The JDK's {@code java.net.http.HttpClient} with the agent attached: the shared client suite
 * ({@code send}, and {@code sendAsync} for the asynchronous case), plus what is particular to this
 * client: the immutable request that is copied rather than changed, the future that stays the
 * JDK's, both {@code sendAsync} overloads, threads, HTTP/2, and the WebSocket handshake that
 * must pass untouched.
 */
class JavaHttpClientTest extends HttpClientTestSuite {

  private final HttpClient client =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NORMAL)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @Override
  protected int send(String method, URI uri, Map<String, String> headers) throws Exception {
    HttpRequest.Builder builder = withMethod(HttpRequest.newBuilder(uri), method);
    headers.forEach(builder::header);
    return client.send(builder.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  @Override
  protected int sendWithReadTimeout(URI uri, Duration readTimeout) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(readTimeout).GET().build();
    return client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  @Override
  protected CompletableFuture<Integer> sendAsync(String method, URI uri) {
    HttpRequest request = withMethod(HttpRequest.newBuilder(uri), method).build();
    return client
        .sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenApply(HttpResponse::statusCode);
  }

  @Override
  protected String scopeName() {
    return "dev.weft.java-http-client";
  }

  /** As an application writes it: {@code GET()} for a GET, else the method with no body. */
  private static HttpRequest.Builder withMethod(HttpRequest.Builder builder, String method) {
    return method.equals("GET")
        ? builder.GET()
        : builder.method(method, HttpRequest.BodyPublishers.noBody());
  }

  // ---- the request object ----

  @Test
  void reusedRequest_sentTwice_carriesOneTraceparentEachTime_andTheApplicationsObjectIsUnchanged()
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(server.uri("/success")).header("X-App", "kept").GET().build();

    assertEquals(200, client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode());
    assertEquals(200, client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode());

    List<SpanData> spans = AgentSpans.exactly(s -> s.kind() == SpanKind.CLIENT, 2);
    List<RecordingHttpServer.Received> received = server.received();
    assertEquals(2, received.size());
    assertAll(
        () -> assertEquals(1, received.get(0).header("traceparent").size()),
        () -> assertEquals(1, received.get(1).header("traceparent").size()),
        () -> assertEquals(
            Set.of(traceparentOf(spans.get(0)), traceparentOf(spans.get(1))),
            Set.of(
                received.get(0).header("traceparent").get(0),
                received.get(1).header("traceparent").get(0)),
            "each call carries its own span's context"),
        () -> assertEquals(List.of("kept"), received.get(1).header("x-app")),
        () -> assertEquals(Map.of("X-App", List.of("kept")), request.headers().map(),
            "the application's request is unchanged"));
  }

  @Test
  void applicationsOwnTraceparent_inAnotherCase_isReplaced_notDuplicated() throws Exception {
    Span parent = startParent();
    try (Scope ignored = Context.current().with(parent).makeCurrent()) {
      send(
          "GET",
          server.uri("/success"),
          Map.of("TraceParent", "00-11111111111111111111111111111111-2222222222222222-01"));
    } finally {
      parent.end();
    }

    SpanData span = onlyClientSpan(parent.spanContext().traceIdHex());
    assertEquals(List.of(traceparentOf(span)), onlyRequest().header("traceparent"));
  }

  @Test
  void post_isSentWithItsMethodBodyAndHeaders() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(server.uri("/success"))
            .header("Content-Type", "text/plain")
            .timeout(Duration.ofSeconds(5))
            .POST(HttpRequest.BodyPublishers.ofString("hello"))
            .build();

    assertEquals(200, client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode());

    RecordingHttpServer.Received received = onlyRequest();
    SpanData span = AgentSpans.exactly(s -> s.kind() == SpanKind.CLIENT, 1).get(0);
    assertAll(
        () -> assertEquals("POST", received.method()),
        () -> assertEquals(List.of("5"), received.header("content-length")),
        () -> assertEquals(List.of("text/plain"), received.header("content-type")),
        () -> assertEquals("POST", span.name()),
        () -> assertEquals(List.of(traceparentOf(span)), received.header("traceparent")));
  }

  // ---- sendAsync ----

  @Test
  void sendAsync_appCallbackRunsOnTheJdksCompletionThread_andNeverSeesTheClientSpanAsCurrent()
      throws Exception {
    Span parent = startParent();
    AtomicReference<Thread> callbackThread = new AtomicReference<>();
    AtomicReference<Span> currentInCallback = new AtomicReference<>();
    CompletableFuture<Integer> future;
    try (Scope ignored = Context.current().with(parent).makeCurrent()) {
      future =
          client
              .sendAsync(
                  HttpRequest.newBuilder(server.uri("/slow?ms=200")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .thenApply(
                  response -> {
                    callbackThread.set(Thread.currentThread());
                    currentInCallback.set(Context.current().span());
                    return response.statusCode();
                  });
    } finally {
      parent.end();
    }

    assertEquals(200, future.get(10, TimeUnit.SECONDS));
    SpanData span = awaitOnlyClientSpan(parent.spanContext().traceIdHex());
    assertAll(
        () -> assertNotEquals(Thread.currentThread(), callbackThread.get()),
        () -> assertFalse(callbackThread.get().getName().contains("SelectorManager"),
            "callback on the client's selector thread: " + callbackThread.get()),
        () -> assertNotEquals(
            span.spanContext().spanId(), currentInCallback.get().spanContext().spanId()),
        () -> assertEquals(200L, longAttr(span, "http.response.status_code")));
  }

  @Test
  void sendAsync_withoutAnyoneWaiting_stillEndsTheSpan() throws Exception {
    client.sendAsync(
        HttpRequest.newBuilder(server.uri("/success")).build(),
        HttpResponse.BodyHandlers.discarding());

    SpanData span = AgentSpans.await(s -> s.kind() == SpanKind.CLIENT, 1).get(0);
    assertEquals(200L, longAttr(span, "http.response.status_code"));
  }

  @Test
  void sendAsync_withPushPromiseHandler_isOneSpan() throws Exception {
    Span parent = startParent();
    CompletableFuture<HttpResponse<String>> future;
    try (Scope ignored = Context.current().with(parent).makeCurrent()) {
      future =
          client.sendAsync(
              HttpRequest.newBuilder(server.uri("/success")).build(),
              HttpResponse.BodyHandlers.ofString(),
              (initiating, pushed, acceptor) -> {});
    } finally {
      parent.end();
    }

    assertEquals(200, future.get(10, TimeUnit.SECONDS).statusCode());
    SpanData span = awaitOnlyClientSpan(parent.spanContext().traceIdHex());
    assertEquals(List.of(traceparentOf(span)), onlyRequest().header("traceparent"));
  }

  @Test
  void sendAsync_cancelledByTheApplication_endsTheSpanWithWhatTheApplicationSees()
      throws Exception {
    Span parent = startParent();
    CompletableFuture<HttpResponse<String>> future;
    try (Scope ignored = Context.current().with(parent).makeCurrent()) {
      future =
          client.sendAsync(
              HttpRequest.newBuilder(server.uri("/slow?ms=2000")).build(),
              HttpResponse.BodyHandlers.ofString());
    } finally {
      parent.end();
    }
    future.cancel(true);

    // Cancelled, or (a race inside the JDK, which aborts the exchange on cancel) failed with the
    // abort: the span records whichever the application sees.
    Throwable seen = assertThrows(Exception.class, () -> future.get(10, TimeUnit.SECONDS));
    Throwable outcome = seen instanceof ExecutionException ? seen.getCause() : seen;
    SpanData span = awaitOnlyClientSpan(parent.spanContext().traceIdHex());
    assertAll(
        () -> assertTrue(seen instanceof CancellationException || seen instanceof ExecutionException,
            "not cancelled: " + seen),
        () -> assertEquals(StatusCode.ERROR, span.statusCode()),
        () -> assertEquals(outcome.getClass().getName(), stringAttr(span, "error.type")));
  }

  @Test
  void sendAsync_connectionRefused_recordsTheCauseTheApplicationSees() throws Exception {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Span parent = startParent();
    CompletableFuture<HttpResponse<String>> future;
    try (Scope ignored = Context.current().with(parent).makeCurrent()) {
      future =
          client.sendAsync(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + closedPort + "/")).build(),
              HttpResponse.BodyHandlers.ofString());
    } finally {
      parent.end();
    }

    Throwable cause = assertThrows(ExecutionException.class, future::get).getCause();
    SpanData span = awaitOnlyClientSpan(parent.spanContext().traceIdHex());
    assertAll(
        () -> assertEquals(StatusCode.ERROR, span.statusCode()),
        () -> assertEquals(cause.getClass().getName(), stringAttr(span, "error.type")),
        () -> assertEquals(1, exceptionEvents(span).size()));
  }

  // ---- threads ----

  @Test
  void send_insideAParentSpan_onAVirtualThread_isItsChild() throws Exception {
    Span parent = startParent();
    AtomicReference<Integer> status = new AtomicReference<>();
    Context withParent = Context.current().with(parent);
    runOn(
        newVirtualThread(
            () -> {
              try (Scope ignored = withParent.makeCurrent()) {
                status.set(send("GET", server.uri("/success"), Map.of()));
              }
            }));
    parent.end();

    assertEquals(200, status.get());
    SpanData span = onlyClientSpan(parent.spanContext().traceIdHex());
    assertAll(
        () -> assertEquals(parent.spanContext().spanId(), span.parentSpanContext().spanId()),
        () -> assertEquals(List.of(traceparentOf(span)), onlyRequest().header("traceparent")));
  }

  @Test
  void send_fromAVirtualThreadWithoutASpan_startsANewTrace() throws Exception {
    assertStartsNewTrace(newVirtualThread(sendingSuccess()));
  }

  @Test
  void send_fromANewPlatformThreadWithoutASpan_startsANewTrace() throws Exception {
    assertStartsNewTrace(new Thread(toRunnable(sendingSuccess()), "platform-sender"));
  }

  // ---- protocol versions ----

  @Test
  void http2_negotiatedByUpgrade_isReportedAsVersion2() throws Exception {
    try (H2cServer h2c = H2cServer.start()) {
      Span parent = startParent();
      HttpResponse<String> response;
      try (Scope ignored = Context.current().with(parent).makeCurrent()) {
        response =
            client.send(
                HttpRequest.newBuilder(h2c.uri("/h2")).version(HttpClient.Version.HTTP_2).build(),
                HttpResponse.BodyHandlers.ofString());
      } finally {
        parent.end();
      }

      SpanData span = onlyClientSpan(parent.spanContext().traceIdHex());
      assertAll(
          () -> assertEquals(HttpClient.Version.HTTP_2, response.version(), "the test server"),
          () -> assertEquals("2", stringAttr(span, "network.protocol.version")),
          () -> assertEquals(List.of(List.of(traceparentOf(span))), h2c.traceparents()));
    }
  }

  @Test
  void http2Requested_butServerStaysOnHttp11_isReportedAs11() throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(server.uri("/success")).version(HttpClient.Version.HTTP_2).build(),
            HttpResponse.BodyHandlers.ofString());

    SpanData span = AgentSpans.exactly(s -> s.kind() == SpanKind.CLIENT, 1).get(0);
    assertEquals(HttpClient.Version.HTTP_1_1, response.version());
    assertEquals("1.1", stringAttr(span, "network.protocol.version"));
  }

  // ---- what must pass untouched ----

  @Test
  void webSocketHandshake_isNeitherTracedNorChanged_andConnects() throws Exception {
    try (WebSocketHandshakeServer ws = WebSocketHandshakeServer.start()) {
      Span parent = startParent();
      WebSocket socket;
      try (Scope ignored = Context.current().with(parent).makeCurrent()) {
        socket =
            client
                .newWebSocketBuilder()
                .buildAsync(ws.uri(), new WebSocket.Listener() {})
                .get(10, TimeUnit.SECONDS);
      } finally {
        parent.end();
      }
      socket.abort();

      List<String> handshake = ws.awaitHandshake();
      assertAll(
          () -> assertNotNull(socket),
          () -> assertTrue(handshake.stream().noneMatch(h -> h.toLowerCase().startsWith("traceparent:")),
              "handshake: " + handshake),
          () -> AgentSpans.exactly(s -> s.kind() == SpanKind.CLIENT, 0));
    }
  }

  // ---- helpers ----

  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  private ThrowingRunnable sendingSuccess() {
    return () -> assertEquals(200, send("GET", server.uri("/success"), Map.of()));
  }

  private void assertStartsNewTrace(Thread thread) throws Exception {
    runOn(thread);
    SpanData span = AgentSpans.exactly(s -> s.kind() == SpanKind.CLIENT, 1).get(0);
    assertAll(
        () -> assertFalse(span.parentSpanContext().isValid()),
        () -> assertEquals(List.of(traceparentOf(span)), onlyRequest().header("traceparent")));
  }

  /** Runs a not-yet-started thread to its end and rethrows what failed in it. */
  private static void runOn(Thread thread) throws Exception {
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    thread.setUncaughtExceptionHandler((t, e) -> failures.add(e));
    thread.start();
    thread.join(TimeUnit.SECONDS.toMillis(20));
    assertFalse(thread.isAlive(), "the sending thread did not finish");
    if (!failures.isEmpty()) {
      throw new AssertionError("failed on " + thread, failures.get(0));
    }
  }

  private static Runnable toRunnable(ThrowingRunnable body) {
    return () -> {
      try {
        body.run();
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    };
  }

  /** An unstarted virtual thread (JDK 21+, found reflectively: the tests compile for 17). */
  private static Thread newVirtualThread(ThrowingRunnable body) throws Exception {
    Method ofVirtual;
    try {
      ofVirtual = Thread.class.getMethod("ofVirtual");
    } catch (NoSuchMethodException e) {
      Assumptions.abort("virtual threads need JDK 21+; running on " + Runtime.version());
      throw e;
    }
    Object builder = ofVirtual.invoke(null);
    Method unstarted =
        Class.forName("java.lang.Thread$Builder").getMethod("unstarted", Runnable.class);
    return (Thread) unstarted.invoke(builder, toRunnable(body));
  }

}
