package dev.weft.instrumentation.apachehttpclient;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.api.Context;
import dev.weft.api.Scope;
import dev.weft.api.Span;
import dev.weft.core.trace.SpanData;
import dev.weft.testing.HttpClientTestSuite;
import dev.weft.testing.RecordingHttpServer;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hc.client5.http.classic.HttpClient;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.compat.ClassicToAsyncAdaptor;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequestInterceptor;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.io.HttpClientResponseHandler;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Apache HttpClient 5.x, classic (blocking) API. */
class ApacheHttpClient5ClassicTest extends HttpClientTestSuite {

  private CloseableHttpClient client;

  @BeforeAll
  void createClient() {
    client = HttpClients.createDefault();
  }

  @AfterAll
  void closeClient() throws IOException {
    client.close();
  }

  @Override
  protected int send(String method, URI uri, Map<String, String> headers) throws Exception {
    ClassicRequestBuilder builder = ClassicRequestBuilder.create(method).setUri(uri);
    headers.forEach(builder::addHeader);
    return client.execute(builder.build(), STATUS);
  }

  @Override
  protected int sendWithReadTimeout(URI uri, Duration readTimeout) throws Exception {
    HttpGet get = new HttpGet(uri);
    get.setConfig(
        RequestConfig.custom()
            .setResponseTimeout(Timeout.ofMilliseconds(readTimeout.toMillis()))
            .build());
    return client.execute(get, STATUS);
  }

  @Override
  protected String scopeName() {
    return "dev.weft.apache-httpclient";
  }

  private static final HttpClientResponseHandler<Integer> STATUS =
      response -> {
        EntityUtils.consume(response.getEntity());
        return response.getCode();
      };

  private static int statusOf(HttpResponse response) throws IOException {
    try (ClassicHttpResponse classic = (ClassicHttpResponse) response) {
      EntityUtils.consume(classic.getEntity());
      return classic.getCode();
    }
  }

  /** One public {@code execute} overload, called the way an application would. */
  @FunctionalInterface
  interface Execute {
    int call(CloseableHttpClient client, HttpHost host, String path) throws Exception;
  }

  private static HttpGet get(HttpHost host, String path) {
    return new HttpGet(host.toURI() + path);
  }

  @SuppressWarnings("deprecation")
  static Stream<Arguments> overloads() {
    return Stream.of(
        overload("execute(ClassicHttpRequest)", (c, h, p) -> statusOf(c.execute(get(h, p)))),
        overload(
            "execute(ClassicHttpRequest, HttpContext)",
            (c, h, p) -> statusOf(c.execute(get(h, p), HttpClientContext.create()))),
        overload(
            "execute(HttpHost, ClassicHttpRequest)",
            (c, h, p) -> statusOf(c.execute(h, new HttpGet(p)))),
        overload(
            "execute(HttpHost, ClassicHttpRequest, HttpContext)",
            (c, h, p) -> statusOf(c.execute(h, new HttpGet(p), HttpClientContext.create()))),
        overload(
            "HttpClient.execute(ClassicHttpRequest)",
            (c, h, p) -> statusOf(((HttpClient) c).execute(get(h, p)))),
        overload(
            "HttpClient.execute(ClassicHttpRequest, HttpContext)",
            (c, h, p) -> statusOf(((HttpClient) c).execute(get(h, p), HttpClientContext.create()))),
        overload(
            "HttpClient.execute(HttpHost, ClassicHttpRequest)",
            (c, h, p) -> statusOf(((HttpClient) c).execute(h, new HttpGet(p)))),
        overload(
            "HttpClient.execute(HttpHost, ClassicHttpRequest, HttpContext)",
            (c, h, p) ->
                statusOf(((HttpClient) c).execute(h, new HttpGet(p), HttpClientContext.create()))),
        overload(
            "executeOpen(HttpHost, ClassicHttpRequest, HttpContext)",
            (c, h, p) -> statusOf(c.executeOpen(h, new HttpGet(p), HttpClientContext.create()))),
        overload(
            "execute(ClassicHttpRequest, HttpClientResponseHandler)",
            (c, h, p) -> c.execute(get(h, p), STATUS)),
        overload(
            "execute(ClassicHttpRequest, HttpContext, HttpClientResponseHandler)",
            (c, h, p) -> c.execute(get(h, p), HttpClientContext.create(), STATUS)),
        overload(
            "execute(HttpHost, ClassicHttpRequest, HttpClientResponseHandler)",
            (c, h, p) -> c.execute(h, new HttpGet(p), STATUS)),
        overload(
            "execute(HttpHost, ClassicHttpRequest, HttpContext, HttpClientResponseHandler)",
            (c, h, p) -> c.execute(h, new HttpGet(p), HttpClientContext.create(), STATUS)));
  }

  private static Arguments overload(String name, Execute execute) {
    return Arguments.of(name, execute);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overloads")
  void everyExecuteOverload_isExactlyOneSpan_andTheServerReceivesItsContext(
      String name, Execute execute) throws Exception {
    HttpHost host = new HttpHost("http", "127.0.0.1", server.port());
    Span parent = startParent();
    int status;
    try (Scope ignored = Context.current().with(parent).makeCurrent()) {
      status = execute.call(client, host, "/success?q=1");
    } finally {
      parent.end();
    }

    assertEquals(200, status);
    SpanData span = onlyClientSpan(parent.spanContext().traceIdHex());
    assertAll(
        () -> assertEquals("GET", span.name()),
        () -> assertEquals(parent.spanContext().spanId(), span.parentSpanContext().spanId()),
        () -> assertEquals(server.uri("/success?q=1").toString(), stringAttr(span, "url.full")),
        () -> assertEquals((long) server.port(), longAttr(span, "server.port")),
        () -> assertEquals(200L, longAttr(span, "http.response.status_code")),
        () -> assertEquals("1.1", stringAttr(span, "network.protocol.version")),
        () -> assertEquals(List.of(traceparentOf(span)), onlyRequest().header("traceparent")));
  }

  @Test
  void requestExecutedTwice_carriesOneTraceparentEachTime_thatOfItsOwnSpan() throws Exception {
    HttpGet get = new HttpGet(server.uri("/success"));
    Span parent = startParent();
    try (Scope ignored = Context.current().with(parent).makeCurrent()) {
      assertEquals(200, client.execute(get, STATUS));
      assertEquals(200, client.execute(get, STATUS));
    } finally {
      parent.end();
    }

    ApacheHttpClient4Test.assertOneTraceparentPerRequest_eachFromItsOwnSpan(
        parent, 2, server.received());
  }

  @Test
  void applicationsTraceparentOnTwoLines_isReplacedByOneLine() throws Exception {
    HttpGet get = new HttpGet(server.uri("/success"));
    get.addHeader("traceparent", "00-11111111111111111111111111111111-2222222222222222-01");
    get.addHeader("traceparent", "00-33333333333333333333333333333333-4444444444444444-01");
    Span parent = startParent();
    try (Scope ignored = Context.current().with(parent).makeCurrent()) {
      assertEquals(200, client.execute(get, STATUS));
    } finally {
      parent.end();
    }

    SpanData span = onlyClientSpan(parent.spanContext().traceIdHex());
    assertEquals(List.of(traceparentOf(span)), onlyRequest().header("traceparent"));
  }

  @Test
  void responseHandler_runsAfterTheSpanEnded_inTheCallersContext() throws Exception {
    Span parent = startParent();
    Span[] currentInHandler = new Span[1];
    try (Scope ignored = Context.current().with(parent).makeCurrent()) {
      client.execute(
          new HttpGet(server.uri("/success")),
          response -> {
            currentInHandler[0] = Context.current().span();
            return STATUS.handleResponse(response);
          });
    } finally {
      parent.end();
    }

    onlyClientSpan(parent.spanContext().traceIdHex());
    assertEquals(parent.spanContext(), currentInHandler[0].spanContext());
  }

  @Test
  void spanIsCurrentWhileTheClientRuns() throws Exception {
    Span parent = startParent();
    Context[] currentInInterceptor = new Context[1];
    try (CloseableHttpClient intercepted =
            HttpClients.custom()
                .addRequestInterceptorLast(
                    (HttpRequestInterceptor)
                        (request, entity, context) -> currentInInterceptor[0] = Context.current())
                .build();
        Scope ignored = Context.current().with(parent).makeCurrent()) {
      assertEquals(200, intercepted.execute(new HttpGet(server.uri("/success")), STATUS));
    } finally {
      parent.end();
    }

    SpanData span = onlyClientSpan(parent.spanContext().traceIdHex());
    assertEquals(span.spanContext().spanId(), currentInInterceptor[0].span().spanContext().spanId());
  }

  @Test
  void retryOfAnUnavailableServer_isOneSpan_andEveryAttemptCarriesItsContext() throws Exception {
    Span parent = startParent();
    int status;
    try (CloseableHttpClient retrying =
            HttpClients.custom()
                .setRetryStrategy(
                    new DefaultHttpRequestRetryStrategy(1, TimeValue.ofMilliseconds(1)))
                .build();
        Scope ignored = Context.current().with(parent).makeCurrent()) {
      status = retrying.execute(new HttpGet(server.uri("/status/503")), STATUS);
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
  void classicClientBuiltOnTheAsyncClient_isOneSpan() throws Exception {
    Span parent = startParent();
    int status;
    try (CloseableHttpAsyncClient async = HttpAsyncClients.createDefault()) {
      async.start();
      try (CloseableHttpClient adaptor = new ClassicToAsyncAdaptor(async, Timeout.ofSeconds(10));
          Scope ignored = Context.current().with(parent).makeCurrent()) {
        status = adaptor.execute(new HttpGet(server.uri("/success")), STATUS);
      }
    } finally {
      parent.end();
    }

    assertEquals(200, status);
    SpanData span = onlyClientSpan(parent.spanContext().traceIdHex());
    assertAll(
        () -> assertEquals(200L, longAttr(span, "http.response.status_code")),
        () -> assertEquals(List.of(traceparentOf(span)), onlyRequest().header("traceparent")));
  }
}
