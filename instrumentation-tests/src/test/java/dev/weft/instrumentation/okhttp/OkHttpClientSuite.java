package dev.weft.instrumentation.okhttp;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.weft.api.Context;
import dev.weft.api.Scope;
import dev.weft.api.Span;
import dev.weft.api.SpanContext;
import dev.weft.api.SpanKind;
import dev.weft.core.trace.EventData;
import dev.weft.core.trace.SpanData;
import dev.weft.testing.AgentSpans;
import dev.weft.testing.HttpClientTestSuite;
import dev.weft.testing.RecordingHttpServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Dispatcher;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shared HTTP client suite and OkHttp's own cases, for whichever OkHttp major version the
 * test JVM has. Written against API whose JVM signatures OkHttp 3 and 4 share, since the same
 * compiled class runs against both.
 */
public abstract class OkHttpClientSuite extends HttpClientTestSuite {

  private static final String TRACING_INTERCEPTOR =
      "dev.weft.instrumentation.okhttp.TracingInterceptor";
  private static final String FOREIGN_TRACEPARENT =
      "00-11111111111111111111111111111111-2222222222222222-01";

  /** Built with the no-argument constructor, the way many applications do. */
  private OkHttpClient client;

  private ExecutorService otherContextExecutor;

  /** The OkHttp major version this class tests. */
  protected abstract int majorVersion();

  @BeforeAll
  void requireVersionAndBuildClient() {
    OkHttpVersions.require(majorVersion());
    client = new OkHttpClient();
  }

  @AfterAll
  void stopExecutors() {
    if (otherContextExecutor != null) {
      otherContextExecutor.shutdownNow();
    }
  }

  @Override
  protected int send(String method, URI uri, Map<String, String> headers) throws Exception {
    return execute(client, request(method, uri, headers));
  }

  @Override
  protected int sendWithReadTimeout(URI uri, Duration readTimeout) throws Exception {
    OkHttpClient withTimeout =
        client.newBuilder().readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS).build();
    return execute(withTimeout, request("GET", uri, Map.of()));
  }

  @Override
  protected CompletableFuture<Integer> sendAsync(String method, URI uri) {
    CompletableFuture<Integer> future = new CompletableFuture<>();
    client.newCall(request(method, uri, Map.of())).enqueue(new FutureCallback(future));
    return future;
  }

  @Override
  protected String scopeName() {
    return "dev.weft.okhttp";
  }

  @Test
  void clonedCall_executedAgain_sendsOneTraceparentEachTime_fromItsOwnSpan() throws Exception {
    Span parent = startParent();
    try (Scope ignored = Context.current().with(parent).makeCurrent()) {
      Call call = client.newCall(request("GET", server.uri("/success"), Map.of()));
      try (Response first = call.execute()) {
        assertEquals(200, first.code());
      }
      try (Response second = call.clone().execute()) {
        assertEquals(200, second.code());
      }
    } finally {
      parent.end();
    }

    List<SpanData> spans = clientSpans(parent, 2);
    List<RecordingHttpServer.Received> requests = server.received();
    assertAll(
        () -> assertEquals(2, requests.size(), "requests: " + requests),
        () -> assertEquals(List.of(traceparentOf(spans.get(0))), requests.get(0).header("traceparent")),
        () -> assertEquals(List.of(traceparentOf(spans.get(1))), requests.get(1).header("traceparent")),
        () -> assertNotEquals(spans.get(0).spanContext().spanId(), spans.get(1).spanContext().spanId()));
  }

  @Test
  void applicationInterceptorsOwnTraceparent_isReplacedByOurs_andItSawTheRequestUntouched()
      throws Exception {
    AtomicReference<String> seenByApplication = new AtomicReference<>("not called");
    OkHttpClient withInterceptor =
        new OkHttpClient.Builder()
            .addInterceptor(
                chain -> {
                  seenByApplication.set(chain.request().header("traceparent"));
                  // addHeader, not header: a second value if ours were not replacing it.
                  return chain.proceed(
                      chain.request().newBuilder().addHeader("traceparent", FOREIGN_TRACEPARENT).build());
                })
            .build();

    Span parent = startParent();
    try (Scope ignored = Context.current().with(parent).makeCurrent()) {
      assertEquals(200, execute(withInterceptor, request("GET", server.uri("/success"), Map.of())));
    } finally {
      parent.end();
    }

    SpanData span = onlyClientSpan(parent.spanContext().traceIdHex());
    assertAll(
        () -> assertEquals(List.of(traceparentOf(span)), onlyRequest().header("traceparent")),
        () -> assertNull(seenByApplication.get(), "our header reached the application's interceptor"));
  }

  @Test
  void clientsBuiltWithNewBuilder_haveOneTracingInterceptor_lastOfAll_andMakeOneSpan()
      throws Exception {
    Interceptor added = chain -> chain.proceed(chain.request());
    OkHttpClient derived = client.newBuilder().addInterceptor(added).build();
    OkHttpClient derivedTwice = derived.newBuilder().build();

    assertAll(
        () -> assertTracingInterceptorOnceAndLast(client.interceptors()),
        () -> assertTracingInterceptorOnceAndLast(derived.interceptors()),
        () -> assertTracingInterceptorOnceAndLast(derivedTwice.interceptors()),
        () -> assertSame(added, derived.interceptors().get(0)));

    Span parent = startParent();
    try (Scope ignored = Context.current().with(parent).makeCurrent()) {
      assertEquals(200, execute(derivedTwice, request("GET", server.uri("/success"), Map.of())));
    } finally {
      parent.end();
    }
    SpanData span = onlyClientSpan(parent.spanContext().traceIdHex());
    assertEquals(List.of(traceparentOf(span)), onlyRequest().header("traceparent"));
  }

  @Test
  void buildingAClient_leavesTheApplicationsBuilderAsItWas() {
    Interceptor own = chain -> chain.proceed(chain.request());
    OkHttpClient.Builder builder = new OkHttpClient.Builder().addInterceptor(own);

    OkHttpClient built = builder.build();

    assertAll(
        () -> assertEquals(List.of(own), builder.interceptors()),
        () -> assertTracingInterceptorOnceAndLast(built.interceptors()));
  }

  @Test
  void enqueue_isChildOfTheEnqueuingSpan_whateverContextTheDispatcherThreadHas() throws Exception {
    // A dispatcher whose threads run every task inside some other span, as an executor
    // instrumentation would when the call is promoted from the queue by an unrelated thread.
    Span unrelated = startParent();
    unrelated.end();
    otherContextExecutor =
        new ThreadPoolExecutor(1, 4, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>()) {
          @Override
          public void execute(Runnable task) {
            super.execute(
                () -> {
                  try (Scope ignored = Context.root().with(unrelated).makeCurrent()) {
                    task.run();
                  }
                });
          }
        };
    OkHttpClient dispatched =
        client.newBuilder().dispatcher(new Dispatcher(otherContextExecutor)).build();

    Span parent = startParent();
    CompletableFuture<Integer> future = new CompletableFuture<>();
    AtomicReference<SpanContext> currentInCallback = new AtomicReference<>();
    try (Scope ignored = Context.current().with(parent).makeCurrent()) {
      dispatched
          .newCall(request("GET", server.uri("/success"), Map.of()))
          .enqueue(
              new FutureCallback(future) {
                @Override
                public void onResponse(Call call, Response response) {
                  currentInCallback.set(Context.current().span().spanContext());
                  super.onResponse(call, response);
                }
              });
    } finally {
      parent.end();
    }

    assertEquals(200, future.get(10, TimeUnit.SECONDS));
    SpanData span = onlyClientSpan(parent.spanContext().traceIdHex());
    assertAll(
        () -> assertEquals(parent.spanContext().spanId(), span.parentSpanContext().spanId()),
        () -> assertEquals(List.of(traceparentOf(span)), onlyRequest().header("traceparent")),
        () -> assertEquals(
            parent.spanContext(), currentInCallback.get(),
            "the callback runs in the context of the enqueuing code"),
        () -> AgentSpans.exactly(
            s -> s.spanContext().traceIdHex().equals(unrelated.spanContext().traceIdHex())
                && s.kind() == SpanKind.CLIENT,
            0));
  }

  @Test
  void enqueue_failure_callsTheApplicationsCallbackOnce_withTheSameCallAndException()
      throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    URI refused = URI.create("http://127.0.0.1:" + closedPort + "/success");
    AtomicInteger failures = new AtomicInteger();
    AtomicInteger responses = new AtomicInteger();
    AtomicReference<Call> calledWith = new AtomicReference<>();
    CompletableFuture<IOException> failed = new CompletableFuture<>();

    Span parent = startParent();
    Call call;
    try (Scope ignored = Context.current().with(parent).makeCurrent()) {
      call = client.newCall(request("GET", refused, Map.of()));
      call.enqueue(
          new Callback() {
            @Override
            public void onFailure(Call c, IOException e) {
              failures.incrementAndGet();
              calledWith.set(c);
              failed.complete(e);
            }

            @Override
            public void onResponse(Call c, Response response) {
              responses.incrementAndGet();
              response.close();
            }
          });
    } finally {
      parent.end();
    }

    IOException exception = failed.get(10, TimeUnit.SECONDS);
    SpanData span = onlyClientSpan(parent.spanContext().traceIdHex());
    List<EventData> events = exceptionEvents(span);
    assertAll(
        () -> assertEquals(1, failures.get()),
        () -> assertEquals(0, responses.get()),
        () -> assertSame(call, calledWith.get()),
        () -> assertEquals(exception.getClass().getName(), stringAttr(span, "error.type")),
        () -> assertEquals(1, events.size()),
        () -> assertEquals(
            exception.getMessage(), eventAttr(events.get(0), "exception.message")));
  }

  @Test
  void callMadeInsideAnApplicationInterceptor_isASpanOfItsOwn() throws Exception {
    // An interceptor that fetches a token with the same client before the real request: it runs
    // before ours, so the token call is a sibling span, not hidden inside the main call's span.
    URI tokenUri = server.uri("/success?token");
    OkHttpClient[] self = new OkHttpClient[1];
    self[0] =
        client.newBuilder()
            .addInterceptor(
                chain -> {
                  if (!chain.request().url().toString().contains("token")) {
                    try (Response token =
                        self[0].newCall(request("GET", tokenUri, Map.of())).execute()) {
                      assertEquals(200, token.code());
                    }
                  }
                  return chain.proceed(chain.request());
                })
            .build();

    Span parent = startParent();
    try (Scope ignored = Context.current().with(parent).makeCurrent()) {
      assertEquals(404, execute(self[0], request("GET", server.uri("/status/404"), Map.of())));
    } finally {
      parent.end();
    }
    List<SpanData> spans = clientSpans(parent, 2);
    List<RecordingHttpServer.Received> requests = server.received();
    assertAll(
        () -> assertEquals(2, requests.size(), "requests: " + requests),
        () -> assertEquals(200L, longAttr(spans.get(0), "http.response.status_code")),
        () -> assertEquals(404L, longAttr(spans.get(1), "http.response.status_code")),
        () -> assertEquals(parent.spanContext().spanId(), spans.get(0).parentSpanContext().spanId()),
        () -> assertEquals(parent.spanContext().spanId(), spans.get(1).parentSpanContext().spanId()),
        () -> assertEquals(List.of(traceparentOf(spans.get(0))), requests.get(0).header("traceparent")),
        () -> assertEquals(List.of(traceparentOf(spans.get(1))), requests.get(1).header("traceparent")));
  }

  // ---- helpers ----

  private static Request request(String method, URI uri, Map<String, String> headers) {
    Request.Builder builder = new Request.Builder().url(uri.toString()).method(method, null);
    for (Map.Entry<String, String> header : headers.entrySet()) {
      builder.header(header.getKey(), header.getValue());
    }
    return builder.build();
  }

  private static int execute(OkHttpClient client, Request request) throws IOException {
    try (Response response = client.newCall(request).execute()) {
      return response.code();
    }
  }

  /** The CLIENT spans of the parent's trace, in the order they started; exactly {@code count}. */
  private static List<SpanData> clientSpans(Span parent, int count) {
    String traceId = parent.spanContext().traceIdHex();
    List<SpanData> spans =
        new ArrayList<>(
            AgentSpans.exactly(
                s -> s.kind() == SpanKind.CLIENT
                    && s.spanContext().traceIdHex().equals(traceId),
                count));
    spans.sort((a, b) -> Long.compare(a.startEpochNanos(), b.startEpochNanos()));
    return Collections.unmodifiableList(spans);
  }

  private static void assertTracingInterceptorOnceAndLast(List<Interceptor> interceptors) {
    int ours = 0;
    for (Interceptor interceptor : interceptors) {
      if (interceptor.getClass().getName().equals(TRACING_INTERCEPTOR)) {
        ours++;
      }
    }
    assertEquals(1, ours, "tracing interceptors in " + interceptors);
    assertEquals(
        TRACING_INTERCEPTOR,
        interceptors.get(interceptors.size() - 1).getClass().getName(),
        "not last in " + interceptors);
  }

  private static String eventAttr(EventData event, String key) {
    int i = event.attributes().indexOf(key);
    return i < 0 ? null : event.attributes().stringValue(i);
  }

  /** Completes a future with the response's status, or with the call's failure. */
  private static class FutureCallback implements Callback {
    private final CompletableFuture<Integer> future;

    FutureCallback(CompletableFuture<Integer> future) {
      this.future = future;
    }

    @Override
    public void onFailure(Call call, IOException e) {
      future.completeExceptionally(e);
    }

    @Override
    public void onResponse(Call call, Response response) {
      try (response) {
        future.complete(response.code());
      }
    }
  }
}
