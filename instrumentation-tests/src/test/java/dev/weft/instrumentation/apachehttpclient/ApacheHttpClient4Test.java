package dev.weft.instrumentation.apachehttpclient;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.weft.api.Context;
import dev.weft.api.Scope;
import dev.weft.api.Span;
import dev.weft.api.SpanKind;
import dev.weft.core.trace.SpanData;
import dev.weft.testing.AgentSpans;
import dev.weft.testing.HttpClientTestSuite;
import dev.weft.testing.RecordingHttpServer;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequestInterceptor;
import org.apache.http.HttpResponse;
import org.apache.http.client.HttpClient;
import org.apache.http.client.ResponseHandler;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.client.methods.HttpUriRequest;
import org.apache.http.client.methods.RequestBuilder;
import org.apache.http.impl.client.AutoRetryHttpClient;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.DecompressingHttpClient;
import org.apache.http.impl.client.DefaultServiceUnavailableRetryStrategy;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.protocol.BasicHttpContext;
import org.apache.http.util.EntityUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Apache HttpClient 4.x ({@code CloseableHttpClient} and its deprecated decorators). */
@SuppressWarnings("deprecation")
class ApacheHttpClient4Test extends HttpClientTestSuite {

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
    RequestBuilder builder = RequestBuilder.create(method).setUri(uri);
    headers.forEach(builder::addHeader);
    try (CloseableHttpResponse response = client.execute(builder.build())) {
      EntityUtils.consume(response.getEntity());
      return response.getStatusLine().getStatusCode();
    }
  }

  @Override
  protected int sendWithReadTimeout(URI uri, Duration readTimeout) throws Exception {
    HttpGet get = new HttpGet(uri);
    get.setConfig(RequestConfig.custom().setSocketTimeout((int) readTimeout.toMillis()).build());
    try (CloseableHttpResponse response = client.execute(get)) {
      EntityUtils.consume(response.getEntity());
      return response.getStatusLine().getStatusCode();
    }
  }

  @Override
  protected String scopeName() {
    return "dev.weft.apache-httpclient";
  }

  /** One public {@code execute} overload, called the way an application would. */
  @FunctionalInterface
  interface Execute {
    int call(CloseableHttpClient client, HttpHost host, String path) throws Exception;
  }

  private static final ResponseHandler<Integer> STATUS =
      response -> {
        EntityUtils.consume(response.getEntity());
        return response.getStatusLine().getStatusCode();
      };

  private static int statusOf(HttpResponse response) throws IOException {
    EntityUtils.consume(response.getEntity());
    return response.getStatusLine().getStatusCode();
  }

  private static HttpUriRequest get(HttpHost host, String path) {
    return new HttpGet(host.toURI() + path);
  }

  static Stream<Arguments> overloads() {
    return Stream.of(
        overload("execute(HttpUriRequest)", (c, h, p) -> statusOf(c.execute(get(h, p)))),
        overload(
            "execute(HttpUriRequest, HttpContext)",
            (c, h, p) -> statusOf(c.execute(get(h, p), new BasicHttpContext()))),
        overload("execute(HttpHost, HttpRequest)", (c, h, p) -> statusOf(c.execute(h, new HttpGet(p)))),
        overload(
            "execute(HttpHost, HttpRequest, HttpContext)",
            (c, h, p) -> statusOf(c.execute(h, new HttpGet(p), new BasicHttpContext()))),
        overload(
            "HttpClient.execute(HttpUriRequest)",
            (c, h, p) -> statusOf(((HttpClient) c).execute(get(h, p)))),
        overload(
            "HttpClient.execute(HttpUriRequest, HttpContext)",
            (c, h, p) -> statusOf(((HttpClient) c).execute(get(h, p), new BasicHttpContext()))),
        overload(
            "HttpClient.execute(HttpHost, HttpRequest)",
            (c, h, p) -> statusOf(((HttpClient) c).execute(h, new HttpGet(p)))),
        overload(
            "HttpClient.execute(HttpHost, HttpRequest, HttpContext)",
            (c, h, p) ->
                statusOf(((HttpClient) c).execute(h, new HttpGet(p), new BasicHttpContext()))),
        overload(
            "execute(HttpUriRequest, ResponseHandler)", (c, h, p) -> c.execute(get(h, p), STATUS)),
        overload(
            "execute(HttpUriRequest, ResponseHandler, HttpContext)",
            (c, h, p) -> c.execute(get(h, p), STATUS, new BasicHttpContext())),
        overload(
            "execute(HttpHost, HttpRequest, ResponseHandler)",
            (c, h, p) -> c.execute(h, new HttpGet(p), STATUS)),
        overload(
            "execute(HttpHost, HttpRequest, ResponseHandler, HttpContext)",
            (c, h, p) -> c.execute(h, new HttpGet(p), STATUS, new BasicHttpContext())));
  }

  private static Arguments overload(String name, Execute execute) {
    return Arguments.of(name, execute);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overloads")
  void everyExecuteOverload_isExactlyOneSpan_andTheServerReceivesItsContext(
      String name, Execute execute) throws Exception {
    HttpHost host = new HttpHost("127.0.0.1", server.port(), "http");
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
        () -> assertEquals(List.of(traceparentOf(span)), onlyRequest().header("traceparent")));
  }

  @Test
  void requestExecutedTwice_carriesOneTraceparentEachTime_thatOfItsOwnSpan() throws Exception {
    HttpGet get = new HttpGet(server.uri("/success"));
    Span parent = startParent();
    try (Scope ignored = Context.current().with(parent).makeCurrent()) {
      assertEquals(200, statusOf(client.execute(get)));
      assertEquals(200, statusOf(client.execute(get)));
    } finally {
      parent.end();
    }

    assertOneTraceparentPerRequest_eachFromItsOwnSpan(parent, 2);
  }

  @Test
  void applicationsTraceparentOnTwoLines_isReplacedByOneLine() throws Exception {
    HttpGet get = new HttpGet(server.uri("/success"));
    get.addHeader("traceparent", "00-11111111111111111111111111111111-2222222222222222-01");
    get.addHeader("traceparent", "00-33333333333333333333333333333333-4444444444444444-01");
    Span parent = startParent();
    try (Scope ignored = Context.current().with(parent).makeCurrent()) {
      assertEquals(200, statusOf(client.execute(get)));
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
                .addInterceptorLast(
                    (HttpRequestInterceptor)
                        (request, context) -> currentInInterceptor[0] = Context.current())
                .build();
        Scope ignored = Context.current().with(parent).makeCurrent()) {
      assertEquals(200, statusOf(intercepted.execute(new HttpGet(server.uri("/success")))));
    } finally {
      parent.end();
    }

    SpanData span = onlyClientSpan(parent.spanContext().traceIdHex());
    assertEquals(span.spanContext().spanId(), currentInInterceptor[0].span().spanContext().spanId());
  }

  @Test
  void serviceUnavailableRetry_isOneSpan_andEveryAttemptCarriesItsContext() throws Exception {
    try (CloseableHttpClient retrying =
        HttpClients.custom()
            .setServiceUnavailableRetryStrategy(new DefaultServiceUnavailableRetryStrategy(1, 1))
            .build()) {
      assertRetriedOnce(() -> statusOf(retrying.execute(new HttpGet(server.uri("/status/503")))));
    }
  }

  @Test
  void autoRetryDecorator_isOneSpan_andEveryAttemptCarriesItsContext() throws Exception {
    HttpClient retrying =
        new AutoRetryHttpClient(client, new DefaultServiceUnavailableRetryStrategy(1, 1));
    assertRetriedOnce(() -> statusOf(retrying.execute(new HttpGet(server.uri("/status/503")))));
  }

  @Test
  void decompressingDecorator_isOneSpan() throws Exception {
    HttpClient decompressing = new DecompressingHttpClient(client);
    Span parent = startParent();
    try (Scope ignored = Context.current().with(parent).makeCurrent()) {
      assertEquals(200, statusOf(decompressing.execute(new HttpGet(server.uri("/success")))));
    } finally {
      parent.end();
    }

    SpanData span = onlyClientSpan(parent.spanContext().traceIdHex());
    assertEquals(List.of(traceparentOf(span)), onlyRequest().header("traceparent"));
  }

  @FunctionalInterface
  private interface Call {
    int run() throws Exception;
  }

  private void assertRetriedOnce(Call call) throws Exception {
    Span parent = startParent();
    int status;
    try (Scope ignored = Context.current().with(parent).makeCurrent()) {
      status = call.run();
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

  /** Shared with the other flavours' reuse tests. */
  static void assertOneTraceparentPerRequest_eachFromItsOwnSpan(
      Span parent, int calls, List<RecordingHttpServer.Received> requests) {
    List<SpanData> spans =
        AgentSpans.exactly(
            s ->
                s.kind() == SpanKind.CLIENT
                    && s.spanContext().traceIdHex().equals(parent.spanContext().traceIdHex()),
            calls);
    Set<String> expected = spans.stream().map(HttpClientTestSuite::traceparentOf).collect(Collectors.toSet());
    assertEquals(calls, requests.size(), "requests: " + requests);
    assertEquals(calls, expected.size(), "the spans must differ: " + spans);
    for (RecordingHttpServer.Received request : requests) {
      assertEquals(1, request.header("traceparent").size(), "headers: " + request.headers());
    }
    Set<String> received =
        requests.stream().map(r -> r.header("traceparent").get(0)).collect(Collectors.toSet());
    assertEquals(expected, received);
    assertNotEquals(requests.get(0).header("traceparent"), requests.get(1).header("traceparent"));
  }

  private void assertOneTraceparentPerRequest_eachFromItsOwnSpan(Span parent, int calls) {
    assertOneTraceparentPerRequest_eachFromItsOwnSpan(parent, calls, server.received());
  }
}
