package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The server-span tests that need a plain servlet app: a {@code RequestDispatcher} forward, and
 * work handed to the container with {@code AsyncContext.start} (then completed, or dispatched),
 * which the Spring app does not serve.
 */
abstract class ServletContainerSmokeTest extends ServerSpanSmokeTest {

  /** What {@code /async-start} answers: the body of its call to {@code /users/async-start}. */
  static final String ASYNC_START_BODY = "started: user /async-start";

  /** What {@code /async-dispatch} answers: the bodies of its two calls, before and after dispatch. */
  static final String ASYNC_DISPATCH_BODY =
      "dispatched: user /async-dispatch-1, user /async-dispatch-2";

  @Test
  void forward_yieldsOneServerSpanNamedAfterTheRequestedServlet() {
    SmokeHttp.Response response = http.get("/forward");

    assertEquals(200, response.status());
    assertEquals("hello", response.body());
    ReceivedSpan span = onlyServerSpan(awaitRequestSpans(1));
    assertAll(
        "span " + span,
        () -> assertEquals("GET /forward", span.name(), "span name"),
        () -> assertEquals("/forward", span.attr("http.route"), "http.route"),
        () -> assertEquals("/forward", span.attr("url.path"), "url.path"),
        () -> assertEquals(200L, span.attr("http.response.status_code"), "http.response.status_code"),
        () -> assertEquals("", span.parentSpanId(), "parent span id"));
  }

  @Test
  void asyncStart_callFromTheStartedWork_isAChildOfTheRequestsServerSpan() {
    SmokeHttp.Response response = http.get("/async-start");

    assertEquals(200, response.status(), response.body());
    assertEquals(ASYNC_START_BODY, response.body());
    List<ReceivedSpan> spans = awaitRequestSpans(3);
    ReceivedSpan server = onlySpan(spans, Span.SpanKind.SPAN_KIND_SERVER, "/async-start");
    ReceivedSpan client = onlySpan(spans, Span.SpanKind.SPAN_KIND_CLIENT, "/users/async-start");
    ReceivedSpan called = onlySpan(spans, Span.SpanKind.SPAN_KIND_SERVER, "/users/async-start");
    assertAll(
        "spans " + spans,
        () -> assertEquals(3, spans.size(), "the request's SERVER span, the call's CLIENT span and"
            + " the called endpoint's SERVER span, nothing else"),
        () -> assertOneTrace(server, spans),
        () -> assertEquals("", server.parentSpanId(), "the request is the root"),
        () -> assertEquals(smokeApp().spanName("/async-start"), server.name(), "span name"),
        () -> assertEquals(200L, server.attr("http.response.status_code"), "status code"),
        () -> assertEquals(server.spanId(), client.parentSpanId(),
            "the call made in the started work is a child of the request's server span"),
        () -> assertEquals(client.spanId(), called.parentSpanId(),
            "the called endpoint continues the call's span"),
        () -> assertEndsAfter(server, client));
  }

  @Test
  void asyncDispatch_fromStartedWork_keepsOneServerSpanOverBothCalls() {
    SmokeHttp.Response response = http.get("/async-dispatch");

    assertEquals(200, response.status(), response.body());
    assertEquals(ASYNC_DISPATCH_BODY, response.body());
    List<ReceivedSpan> spans = awaitRequestSpans(5);
    List<ReceivedSpan> servers = serverSpans(spans);
    ReceivedSpan server = onlySpan(spans, Span.SpanKind.SPAN_KIND_SERVER, "/async-dispatch");
    ReceivedSpan first = onlySpan(spans, Span.SpanKind.SPAN_KIND_CLIENT, "/users/async-dispatch-1");
    ReceivedSpan second =
        onlySpan(spans, Span.SpanKind.SPAN_KIND_CLIENT, "/users/async-dispatch-2");
    ReceivedSpan firstCalled =
        onlySpan(spans, Span.SpanKind.SPAN_KIND_SERVER, "/users/async-dispatch-1");
    ReceivedSpan secondCalled =
        onlySpan(spans, Span.SpanKind.SPAN_KIND_SERVER, "/users/async-dispatch-2");
    assertAll(
        "spans " + spans,
        () -> assertEquals(3, servers.size(), "one SERVER span for the request (the dispatch"
            + " adds none) and one for each called endpoint: " + servers),
        () -> assertEquals(5, spans.size(), "three SERVER and two CLIENT spans, nothing else"),
        () -> assertOneTrace(server, spans),
        () -> assertEquals("", server.parentSpanId(), "the request is the root"),
        () -> assertEquals(smokeApp().spanName("/async-dispatch"), server.name(), "span name"),
        () -> assertEquals(200L, server.attr("http.response.status_code"), "status code"),
        () -> assertEquals(server.spanId(), first.parentSpanId(),
            "the call made in the started work is a child of the request's server span"),
        () -> assertEquals(server.spanId(), second.parentSpanId(),
            "the call made after the dispatch is a child of the request's server span"),
        () -> assertEquals(first.spanId(), firstCalled.parentSpanId(), "first called endpoint"),
        () -> assertEquals(second.spanId(), secondCalled.parentSpanId(), "second called endpoint"),
        () -> assertEndsAfter(server, second));
  }

  @Test
  void plainRequestsAfterAsyncStartAndDispatch_areRoots_containerThreadsKeepNoContext() {
    // The started work and the dispatches ran on the container's pool threads with a request's
    // context current; the plain requests after them reuse those threads.
    int rounds = 3;
    for (int i = 0; i < rounds; i++) {
      assertEquals(ASYNC_START_BODY, http.get("/async-start").body());
      assertEquals(ASYNC_DISPATCH_BODY, http.get("/async-dispatch").body());
    }
    int plainRequests = 30;
    for (int i = 0; i < plainRequests; i++) {
      assertEquals("hello", http.get("/hello?plain=" + i).body());
    }

    List<ReceivedSpan> spans = awaitRequestSpans(rounds * (3 + 5) + plainRequests);

    Set<String> asyncTraces = new HashSet<>();
    List<ReceivedSpan> plain = new ArrayList<>();
    for (ReceivedSpan span : serverSpans(spans)) {
      Object path = span.attr("url.path");
      if ("/async-start".equals(path) || "/async-dispatch".equals(path)) {
        asyncTraces.add(span.traceId());
      } else if ("/hello".equals(path)) {
        plain.add(span);
      }
    }
    assertEquals(2 * rounds, asyncTraces.size(), "one trace per async request: " + spans);
    assertEquals(plainRequests, plain.size(), "one SERVER span per plain request: " + spans);
    Set<String> plainTraces = new HashSet<>();
    for (ReceivedSpan span : plain) {
      assertAll(
          "span " + span,
          () -> assertEquals("", span.parentSpanId(), "a request without traceparent is a root"),
          () -> assertFalse(asyncTraces.contains(span.traceId()),
              "a plain request joined an async request's trace"));
      plainTraces.add(span.traceId());
    }
    assertEquals(plainRequests, plainTraces.size(), "every plain request its own trace: " + plain);
  }

  /**
   * The one span of {@code kind} for {@code path}: a SERVER span whose {@code url.path} it is, or
   * a CLIENT span whose {@code url.full} is that path on this app.
   */
  private ReceivedSpan onlySpan(List<ReceivedSpan> spans, Span.SpanKind kind, String path) {
    String url = "http://127.0.0.1:" + app.port() + path;
    List<ReceivedSpan> found = new ArrayList<>();
    for (ReceivedSpan span : spans) {
      boolean matches =
          kind == Span.SpanKind.SPAN_KIND_CLIENT
              ? url.equals(span.attr("url.full"))
              : path.equals(span.attr("url.path"));
      if (span.kind() == kind && matches) {
        found.add(span);
      }
    }
    assertEquals(1, found.size(), "exactly one " + kind + " span for " + path + ", got: " + spans);
    return found.get(0);
  }

  private static void assertOneTrace(ReceivedSpan root, List<ReceivedSpan> spans) {
    for (ReceivedSpan span : spans) {
      assertEquals(root.traceId(), span.traceId(), "not in the request's trace: " + span);
    }
  }

  /** The request's server span ends when the async request completes, after the work's calls. */
  private static void assertEndsAfter(ReceivedSpan server, ReceivedSpan client) {
    long serverEnd = server.span().getEndTimeUnixNano();
    long clientEnd = client.span().getEndTimeUnixNano();
    assertTrue(
        serverEnd >= clientEnd,
        "the request's server span ended " + (clientEnd - serverEnd) / 1_000 + " µs before the"
            + " client span " + client + " of its async work");
  }
}
