package dev.weft.instrumentation.apachehttpclient;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.api.Context;
import dev.weft.api.Scope;
import dev.weft.api.Span;
import dev.weft.api.StatusCode;
import dev.weft.core.trace.SpanData;
import dev.weft.testing.HttpClientTestSuite;
import dev.weft.testing.RecordingHttpServer;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.async.methods.SimpleResponseConsumer;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.async.MinimalHttpAsyncClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.nio.support.AsyncRequestBuilder;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Apache HttpClient 5.x, asynchronous API. */
class ApacheHttpClient5AsyncTest extends HttpClientTestSuite {

  private CloseableHttpAsyncClient client;

  @BeforeAll
  void createClient() {
    client = HttpAsyncClients.createDefault();
    client.start();
  }

  @AfterAll
  void closeClient() throws IOException {
    client.close();
  }

  /** Waits for the call; a failed call throws its {@link ExecutionException}, as the client does. */
  @Override
  protected int send(String method, URI uri, Map<String, String> headers) throws Exception {
    SimpleRequestBuilder builder = SimpleRequestBuilder.create(method).setUri(uri);
    headers.forEach(builder::addHeader);
    return client.execute(builder.build(), null).get(10, TimeUnit.SECONDS).getCode();
  }

  @Override
  protected int sendWithReadTimeout(URI uri, Duration readTimeout) throws Exception {
    SimpleHttpRequest request = SimpleRequestBuilder.get(uri).build();
    request.setConfig(
        RequestConfig.custom()
            .setResponseTimeout(Timeout.ofMilliseconds(readTimeout.toMillis()))
            .build());
    return client.execute(request, null).get(10, TimeUnit.SECONDS).getCode();
  }

  @Override
  protected CompletableFuture<Integer> sendAsync(String method, URI uri) {
    CompletableFuture<Integer> result = new CompletableFuture<>();
    client.execute(SimpleRequestBuilder.create(method).setUri(uri).build(), completing(result));
    return result;
  }

  @Override
  protected String scopeName() {
    return "dev.weft.apache-httpclient";
  }

  private static FutureCallback<SimpleHttpResponse> completing(CompletableFuture<Integer> result) {
    return new FutureCallback<>() {
      @Override
      public void completed(SimpleHttpResponse response) {
        result.complete(response.getCode());
      }

      @Override
      public void failed(Exception e) {
        result.completeExceptionally(e);
      }

      @Override
      public void cancelled() {
        result.cancel(false);
      }
    };
  }

  /** One public {@code execute} overload, called the way an application would. */
  @FunctionalInterface
  interface Execute {
    Future<SimpleHttpResponse> call(CloseableHttpAsyncClient client, HttpHost host, String path)
        throws Exception;
  }

  private static SimpleHttpRequest get(HttpHost host, String path) {
    return SimpleRequestBuilder.get(host.toURI() + path).build();
  }

  static Stream<Arguments> overloads() {
    return Stream.of(
        overload("execute(SimpleHttpRequest, FutureCallback)", (c, h, p) -> c.execute(get(h, p), null)),
        overload(
            "execute(SimpleHttpRequest, HttpContext, FutureCallback)",
            (c, h, p) -> c.execute(get(h, p), HttpClientContext.create(), null)),
        overload(
            "execute(AsyncRequestProducer, AsyncResponseConsumer, FutureCallback)",
            (c, h, p) ->
                c.execute(
                    SimpleRequestProducer.create(get(h, p)), SimpleResponseConsumer.create(), null)),
        overload(
            "execute(AsyncRequestProducer, AsyncResponseConsumer, HttpContext, FutureCallback)",
            (c, h, p) ->
                c.execute(
                    AsyncRequestBuilder.get(h.toURI() + p).build(),
                    SimpleResponseConsumer.create(),
                    HttpClientContext.create(),
                    null)),
        overload(
            "execute(AsyncRequestProducer, AsyncResponseConsumer, HandlerFactory, HttpContext,"
                + " FutureCallback)",
            (c, h, p) ->
                c.execute(
                    SimpleRequestProducer.create(get(h, p)),
                    SimpleResponseConsumer.create(),
                    null,
                    HttpClientContext.create(),
                    null)),
        overload(
            "execute(HttpHost, AsyncRequestProducer, AsyncResponseConsumer, HandlerFactory,"
                + " HttpContext, FutureCallback)",
            (c, h, p) ->
                c.execute(
                    h,
                    AsyncRequestBuilder.get(p).build(),
                    SimpleResponseConsumer.create(),
                    null,
                    HttpClientContext.create(),
                    null)));
  }

  /**
   * The same for the minimal client, except that it needs the request to name its host even when
   * the target is given (without the agent too: it routes by the request alone).
   */
  static Stream<Arguments> minimalOverloads() {
    return Stream.concat(
        overloads().filter(a -> !((String) a.get()[0]).startsWith("execute(HttpHost")),
        Stream.of(
            overload(
                "execute(HttpHost, AsyncRequestProducer, AsyncResponseConsumer, HandlerFactory,"
                    + " HttpContext, FutureCallback)",
                (c, h, p) ->
                    c.execute(
                        h,
                        AsyncRequestBuilder.get(h.toURI() + p).build(),
                        SimpleResponseConsumer.create(),
                        null,
                        HttpClientContext.create(),
                        null))));
  }

  private static Arguments overload(String name, Execute execute) {
    return Arguments.of(name, execute);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overloads")
  void everyExecuteOverload_isExactlyOneSpan_andTheServerReceivesItsContext(
      String name, Execute execute) throws Exception {
    assertOneSpanPerCall(client, execute);
  }

  @ParameterizedTest(name = "minimal client: {0}")
  @MethodSource("minimalOverloads")
  void minimalClient_everyExecuteOverload_isExactlyOneSpan(String name, Execute execute)
      throws Exception {
    // The minimal client hands the request to the producer later, on an I/O thread.
    try (MinimalHttpAsyncClient minimal = HttpAsyncClients.createMinimal()) {
      minimal.start();
      assertOneSpanPerCall(minimal, execute);
    }
  }

  private void assertOneSpanPerCall(CloseableHttpAsyncClient asyncClient, Execute execute)
      throws Exception {
    HttpHost host = new HttpHost("http", "127.0.0.1", server.port());
    Span parent = startParent();
    Future<SimpleHttpResponse> future;
    try (Scope ignored = Context.current().with(parent).makeCurrent()) {
      future = execute.call(asyncClient, host, "/success?q=1");
    } finally {
      parent.end();
    }

    assertEquals(200, future.get(10, TimeUnit.SECONDS).getCode());
    SpanData span = onlyClientSpan(parent.spanContext().traceIdHex());
    assertAll(
        () -> assertEquals("GET", span.name()),
        () -> assertEquals("GET", stringAttr(span, "http.request.method")),
        () -> assertEquals(parent.spanContext().spanId(), span.parentSpanContext().spanId()),
        () -> assertEquals(server.uri("/success?q=1").toString(), stringAttr(span, "url.full")),
        () -> assertEquals("127.0.0.1", stringAttr(span, "server.address")),
        () -> assertEquals((long) server.port(), longAttr(span, "server.port")),
        () -> assertEquals(200L, longAttr(span, "http.response.status_code")),
        () -> assertEquals("1.1", stringAttr(span, "network.protocol.version")),
        () -> assertEquals(List.of(traceparentOf(span)), onlyRequest().header("traceparent")));
  }

  @Test
  void requestExecutedTwice_carriesOneTraceparentEachTime_thatOfItsOwnSpan() throws Exception {
    SimpleHttpRequest request = SimpleRequestBuilder.get(server.uri("/success")).build();
    Span parent = startParent();
    try (Scope ignored = Context.current().with(parent).makeCurrent()) {
      assertEquals(200, client.execute(request, null).get(10, TimeUnit.SECONDS).getCode());
      assertEquals(200, client.execute(request, null).get(10, TimeUnit.SECONDS).getCode());
    } finally {
      parent.end();
    }

    ApacheHttpClient4Test.assertOneTraceparentPerRequest_eachFromItsOwnSpan(
        parent, 2, server.received());
  }

  @Test
  void retryOfAnUnavailableServer_isOneSpan_andEveryAttemptCarriesItsContext() throws Exception {
    Span parent = startParent();
    int status;
    try (CloseableHttpAsyncClient retrying =
        HttpAsyncClients.custom()
            .setRetryStrategy(new DefaultHttpRequestRetryStrategy(1, TimeValue.ofMilliseconds(1)))
            .build()) {
      retrying.start();
      try (Scope ignored = Context.current().with(parent).makeCurrent()) {
        status =
            retrying
                .execute(SimpleRequestBuilder.get(server.uri("/status/503")).build(), null)
                .get(10, TimeUnit.SECONDS)
                .getCode();
      }
    } finally {
      parent.end();
    }

    assertEquals(503, status);
    SpanData span = onlyClientSpan(parent.spanContext().traceIdHex());
    List<RecordingHttpServer.Received> requests = server.received();
    assertAll(
        () -> assertEquals(2, requests.size(), "requests: " + requests),
        () -> assertEquals(503L, longAttr(span, "http.response.status_code")),
        () -> assertEquals(List.of(traceparentOf(span)), requests.get(0).header("traceparent")),
        () -> assertEquals(List.of(traceparentOf(span)), requests.get(1).header("traceparent")));
  }

  @Test
  void applicationsCallback_runsInTheContextTheCallWasMadeIn() throws Exception {
    Span parent = startParent();
    CompletableFuture<Context> seen = new CompletableFuture<>();
    try (Scope ignored = Context.current().with(parent).makeCurrent()) {
      client.execute(
          SimpleRequestBuilder.get(server.uri("/success")).build(),
          new FutureCallback<SimpleHttpResponse>() {
            @Override
            public void completed(SimpleHttpResponse response) {
              seen.complete(Context.current());
            }

            @Override
            public void failed(Exception e) {
              seen.completeExceptionally(e);
            }

            @Override
            public void cancelled() {
              seen.cancel(false);
            }
          });
    } finally {
      parent.end();
    }

    Context inCallback = seen.get(10, TimeUnit.SECONDS);
    onlyClientSpan(parent.spanContext().traceIdHex());
    assertEquals(parent.spanContext(), inCallback.span().spanContext());
  }

  @Test
  void failure_reachesTheCallbackAsTheSameException_andIsRecorded() throws Exception {
    URI refused;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      refused = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/success");
    }
    Span parent = startParent();
    CompletableFuture<Integer> result;
    Future<SimpleHttpResponse> future;
    try (Scope ignored = Context.current().with(parent).makeCurrent()) {
      result = new CompletableFuture<>();
      future = client.execute(SimpleRequestBuilder.get(refused).build(), completing(result));
    } finally {
      parent.end();
    }

    ExecutionException fromFuture =
        assertThrows(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
    ExecutionException fromCallback =
        assertThrows(ExecutionException.class, () -> result.get(10, TimeUnit.SECONDS));
    SpanData span = onlyClientSpan(parent.spanContext().traceIdHex());
    assertAll(
        () -> assertSame(fromFuture.getCause(), fromCallback.getCause()),
        () -> assertEquals(StatusCode.ERROR, span.statusCode()),
        () -> assertEquals(fromFuture.getCause().getClass().getName(), stringAttr(span, "error.type")),
        () -> assertEquals(1, exceptionEvents(span).size()));
  }

  @Test
  void callOnAStoppedClient_throwsAsWithoutTheAgent_andEndsTheSpan() throws Exception {
    CloseableHttpAsyncClient stopped = HttpAsyncClients.createDefault();
    stopped.start();
    stopped.close(CloseMode.IMMEDIATE);
    Span parent = startParent();
    Exception thrown;
    try (Scope ignored = Context.current().with(parent).makeCurrent()) {
      thrown =
          assertThrows(
              Exception.class,
              () ->
                  stopped
                      .execute(SimpleRequestBuilder.get(server.uri("/success")).build(), null)
                      .get(10, TimeUnit.SECONDS));
    } finally {
      parent.end();
    }

    SpanData span = onlyClientSpan(parent.spanContext().traceIdHex());
    assertAll(
        () -> assertNotNull(thrown),
        () -> assertEquals(StatusCode.ERROR, span.statusCode()),
        () -> assertEquals(0, server.received().size()));
  }

  @Test
  void cancelledCall_endsItsSpan() throws Exception {
    Span parent = startParent();
    Future<SimpleHttpResponse> future;
    try (Scope ignored = Context.current().with(parent).makeCurrent()) {
      future = client.execute(SimpleRequestBuilder.get(server.uri("/slow?ms=2000")).build(), null);
    } finally {
      parent.end();
    }
    future.cancel(true);

    assertThrows(CancellationException.class, () -> future.get(10, TimeUnit.SECONDS));
    SpanData span = onlyClientSpan(parent.spanContext().traceIdHex());
    assertEquals(null, longAttr(span, "http.response.status_code"));
  }
}
