package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.opentelemetry.proto.trace.v1.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Server spans of a JAX-RS application named after the resource template the implementation
 * matched, end to end: the shop app of {@code smoke-tests/apps/*jersey*-app} and {@code
 * resteasy-app} (context path {@code /shop}, the application mapped at {@code /api/*}) with the
 * agent jar, and what the test collector receives. One subclass per implementation; every one must
 * name the same requests the same way.
 *
 * <p>One app JVM with the agent per class, shared by its tests. The collector is reset before each
 * test; a test proves there are no more spans of its own on the way with a marker request (spans
 * are exported in the order they end).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JaxrsSmokeTest {

  static final Duration SPAN_TIMEOUT = Duration.ofSeconds(30);
  /** The servlet-level route: the JAX-RS servlet's mapping {@code /api/*} in context {@code /shop}. */
  static final String SERVLET_ROUTE = "/shop/api/*";


  @RegisterExtension final AppLogsOnFailure logs = new AppLogsOnFailure();

  TestCollector collector;
  AppProcess app;
  SmokeHttp http;
  /** False while requests were sent whose spans may still be on their way to the collector. */
  private boolean settled = true;

  abstract SmokeApp smokeApp();

  String serviceName() {
    return "smoke-" + smokeApp().id() + "-service";
  }

  @BeforeAll
  void startAppWithAgent() {
    Path agentJar = AgentJar.availableOrNull();
    if (agentJar == null) {
      return; // each test then fails or skips in requireAgentAndResetCollector(), saying why
    }
    collector = TestCollector.start();
    app = logs.register(
        AppProcess.builder(smokeApp())
            .agent(agentJar)
            .collector(collector)
            .serviceName(serviceName())
            .logName(getClass().getSimpleName())
            .start());
    http = new SmokeHttp(app.port(), () -> settled = false);
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
  void requireAgentAndResetCollector() {
    AgentJar.require();
    if (!settled) {
      // The previous test failed before it waited for its spans: let them arrive first.
      try {
        awaitMarker(http, collector);
      } catch (AssertionError previousTestsProblem) {
        // reported by the previous test already
      }
    }
    collector.reset();
  }

  @ParameterizedTest(name = "{0} {1} is named {0} {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "GET    | /shop/api/users/42           | 200 | /shop/api/users/{id}",
        "GET    | /shop/api/users              | 200 | /shop/api/users",
        "POST   | /shop/api/users              | 201 | /shop/api/users",
        "GET    | /shop/api/users/42/orders/7  | 200 | /shop/api/users/{id}/orders/{orderId}",
        "GET    | /shop/api/items/ABC-123      | 200 | /shop/api/items/{sku: [A-Z]{3}-[0-9]+}",
        "GET    | /shop/api/accounts/9/balance | 200 | /shop/api/accounts/{accountId}/balance"
      })
  void matchedResourceMethod_namesTheSpanAfterItsFullTemplate(
      String method, String path, int status, String route) {
    SmokeHttp.Response response = http.send(method, path);

    assertEquals(status, response.status(), response.body());
    ReceivedSpan span = ServerSpanSmokeTest.onlyServerSpan(awaitRequestSpans(1));
    assertAll(
        "span " + span,
        () -> assertEquals(method + " " + route, span.name(), "span name"),
        () -> assertEquals(route, span.attr("http.route"), "http.route"),
        () -> assertEquals(path, span.attr("url.path"), "url.path"),
        () -> assertEquals(method, span.attr("http.request.method"), "http.request.method"),
        () -> assertEquals((long) status, span.attr("http.response.status_code"), "status code"),
        () -> assertEquals("", span.parentSpanId(), "one root SERVER span per request"),
        () -> assertEquals(serviceName(), span.resourceAttr("service.name"), "service.name"));
  }

  /** The route is set before the method runs, so the mapped exception's response keeps it. */
  @Test
  void exceptionMappedToA503_keepsTheRoute_andIsAServerError() {
    SmokeHttp.Response response = http.get("/shop/api/failures/disk");

    assertAll(
        () -> assertEquals(503, response.status()),
        () -> assertEquals("mapped: failed disk", response.body()));
    ReceivedSpan span = ServerSpanSmokeTest.onlyServerSpan(awaitRequestSpans(1));
    assertAll(
        "span " + span,
        () -> assertEquals("GET /shop/api/failures/{kind}", span.name(), "span name"),
        () -> assertEquals("/shop/api/failures/{kind}", span.attr("http.route"), "http.route"),
        () -> assertEquals(503L, span.attr("http.response.status_code"), "status code"),
        () -> assertEquals(Status.StatusCode.STATUS_CODE_ERROR, span.statusCode(), "status"));
  }

  /**
   * Requests the implementation matched no resource method for keep the name the servlet mapping
   * gave them: a path no resource has, a parameter its regular expression rejects, a locator whose
   * sub-resource has no such path (its own template alone is not the route), a method the
   * resource does not have.
   */
  @ParameterizedTest(name = "{0} {1} keeps the servlet-level name")
  @CsvSource(
      delimiter = '|',
      value = {
        "GET    | /shop/api/no-such/%s          | 404",
        "GET    | /shop/api/items/not-a-sku-%s  | 404",
        "GET    | /shop/api/accounts/%s/no-such | 404",
        "DELETE | /shop/api/users/%s            | 405"
      })
  void unmatchedRequest_keepsTheServletLevelName_neverTheRawPath(
      String method, String pathFormat, int status) {
    String token = randomToken();
    String path = String.format(pathFormat, token);

    SmokeHttp.Response response = http.send(method, path);

    assertEquals(status, response.status(), response.body());
    ReceivedSpan span = ServerSpanSmokeTest.onlyServerSpan(awaitRequestSpans(1));
    assertAll(
        "span " + span,
        () -> assertEquals(method + " " + SERVLET_ROUTE, span.name(), "span name"),
        () -> assertEquals(SERVLET_ROUTE, span.attr("http.route"), "http.route"),
        () -> assertEquals(path, span.attr("url.path"), "url.path"),
        () -> assertEquals((long) status, span.attr("http.response.status_code"), "status code"),
        () -> assertEquals(Status.StatusCode.STATUS_CODE_UNSET, span.statusCode(), "a 4xx"));
  }

  /** Whatever the request, ids and unknown segments never make it into a name or route. */
  @Test
  void randomPathSegments_neverAppearInSpanNamesOrRoutes() {
    List<String> tokens = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    for (String format :
        List.of(
            "/shop/api/users/%s",
            "/shop/api/users/%s/orders/%s",
            "/shop/api/accounts/%s/balance",
            "/shop/api/items/XYZ-%s",
            "/shop/api/failures/%s",
            "/shop/api/%s",
            "/shop/api/users/%s/%s",
            "/shop/%s")) {
      String first = randomToken();
      String second = randomToken();
      tokens.add(first);
      tokens.add(second);
      paths.add(String.format(format, first, second));
    }
    for (String path : paths) {
      http.get(path);
    }

    List<ReceivedSpan> spans = ServerSpanSmokeTest.serverSpans(awaitRequestSpans(paths.size()));

    assertEquals(paths.size(), spans.size(), "one SERVER span per request: " + spans);
    List<Executable> checks = new ArrayList<>();
    for (ReceivedSpan span : spans) {
      for (String token : tokens) {
        checks.add(() -> assertFalse(span.name().contains(token), "name of " + span));
        checks.add(() -> assertFalse(
            String.valueOf(span.attr("http.route")).contains(token), "http.route of " + span));
      }
    }
    assertAll(checks);
  }

  /**
   * A plain servlet forwards to {@code /api/users/7}: the implementation routes the FORWARD
   * dispatch, but the request is still the one to {@code /shop/forward-to-api}, and so is its name.
   */
  @Test
  void forwardIntoTheApplication_keepsTheForwardingServletsName() {
    SmokeHttp.Response response = http.get("/shop/forward-to-api");

    assertEquals("user 7", response.body());
    ReceivedSpan span = ServerSpanSmokeTest.onlyServerSpan(awaitRequestSpans(1));
    assertAll(
        "span " + span,
        () -> assertEquals("GET /shop/forward-to-api", span.name(), "span name"),
        () -> assertEquals("/shop/forward-to-api", span.attr("http.route"), "http.route"));
  }

  @Test
  void responses_areByteIdenticalWithAndWithoutTheAgent() {
    List<String> paths = List.of(
        "/shop/api/users/42", "/shop/api/users", "/shop/api/users/42/orders/7",
        "/shop/api/items/ABC-123", "/shop/api/items/nope", "/shop/api/accounts/9/balance",
        "/shop/api/accounts/9/nothing", "/shop/api/failures/disk", "/shop/api/no-such/1",
        "/shop/forward-to-api", "/shop/no-such-page");

    try (AppProcess plain = logs.register(
        AppProcess.builder(smokeApp())
            .collector(collector)
            .serviceName(serviceName())
            .logName(getClass().getSimpleName() + "-no-agent")
            .start())) {
      List<Executable> checks = new ArrayList<>();
      for (String path : paths) {
        RawHttp.Response without = RawHttp.get(plain.port(), path);
        RawHttp.Response with = RawHttp.get(app.port(), path);
        checks.add(() -> assertEquals(without.statusLine(), with.statusLine(), path + ": status"));
        checks.add(() -> assertEquals(
            without.stableHeaderLines(), with.stableHeaderLines(), path + ": headers"));
        checks.add(() -> assertEquals(without.bodyText(), with.bodyText(), path + ": body"));
      }
      assertAll(checks);
    }
    // Also keeps this test's spans from arriving in the next test.
    List<ReceivedSpan> spans = ServerSpanSmokeTest.serverSpans(awaitRequestSpans(paths.size()));
    assertEquals(paths.size(), spans.size(), "one server span per request: " + spans);
  }

  /**
   * Waits until at least {@code expected} spans of this test arrived, then proves nothing else is
   * coming with a marker request; returns every span of the test, the marker's excluded.
   */
  List<ReceivedSpan> awaitRequestSpans(int expected) {
    collector.awaitSpans(span -> true, expected, SPAN_TIMEOUT);
    Predicate<ReceivedSpan> isMarker = awaitMarker(http, collector);
    settled = true;
    List<ReceivedSpan> spans = new ArrayList<>();
    for (ReceivedSpan span : collector.spans()) {
      if (!isMarker.test(span)) {
        spans.add(span);
      }
    }
    return spans;
  }

  /** Sends a marker request in a trace of its own, waits for its span, says how to know it. */
  static Predicate<ReceivedSpan> awaitMarker(SmokeHttp http, TestCollector collector) {
    return MarkerRequests.await(http, collector, "/shop/api/", SPAN_TIMEOUT);
  }

  /** A path segment no route can contain: random, and long enough never to collide. */
  static String randomToken() {
    return "r" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
  }
}
