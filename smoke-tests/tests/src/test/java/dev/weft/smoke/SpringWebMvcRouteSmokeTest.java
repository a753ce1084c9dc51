package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Server spans of a Spring MVC app named after the route Spring matched (the spring-webmvc
 * instrumentation): {@code GET /owners/{ownerId}}, with the context path and the
 * DispatcherServlet's servlet path in front where the app has them, and never a raw path.
 *
 * <p>One app JVM (with the agent) per class. Each request carries a {@code traceparent} of a trace
 * of its own, so its spans are told apart from every other test's without resetting the collector;
 * the request's SERVER span is the one whose parent is that remote parent, and it ends last of its
 * trace, so once it arrived the whole trace has (spans are exported in the order they end).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SpringWebMvcRouteSmokeTest {

  @RegisterExtension final AppLogsOnFailure logs = new AppLogsOnFailure();

  private TestCollector collector;
  private AppProcess app;
  private SmokeHttp http;

  abstract SmokeApp smokeApp();

  /** The app's {@code server.servlet.context-path}; "" for the root context. */
  String contextPath() {
    return "";
  }

  /** The app's {@code spring.mvc.servlet.path}; "" for a DispatcherServlet mapped at {@code /}. */
  String servletPath() {
    return "";
  }

  /** Where the application's DispatcherServlet serves: context path and servlet path. */
  private String mvc() {
    return contextPath() + servletPath();
  }

  @BeforeAll
  void startAppWithAgent() {
    Path agentJar = AgentJar.availableOrNull();
    if (agentJar == null) {
      return; // each test then fails or skips in requireAgent(), saying why
    }
    collector = TestCollector.start();
    AppProcess.Builder builder =
        AppProcess.builder(smokeApp())
            .agent(agentJar)
            .collector(collector)
            .logName(getClass().getSimpleName());
    if (!contextPath().isEmpty()) {
      builder.property("server.servlet.context-path", contextPath());
    }
    if (!servletPath().isEmpty()) {
      builder.property("spring.mvc.servlet.path", servletPath());
    }
    app = logs.register(builder.start());
    http = new SmokeHttp(app.port());
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
  void requireAgent() {
    AgentJar.require();
  }

  @Test
  void classAndMethodMapping_namesTheSpanAfterTheJoinedTemplate() {
    Traced request = get(mvc() + "/owners/42");

    assertEquals("owner 42", request.response().body());
    assertRoute(request, "GET", mvc() + "/owners/{ownerId}");
    assertEquals(mvc() + "/owners/42", request.span().attr("url.path"), "url.path stays the path");
  }

  @Test
  void twoPathVariables_areBothTemplates() {
    Traced request = get(mvc() + "/owners/42/pets/7");

    assertEquals("owner 42 pet 7", request.response().body());
    assertRoute(request, "GET", mvc() + "/owners/{ownerId}/pets/{petId}");
  }

  @Test
  void postMapping_namesThePostAfterTheClassMapping() {
    Traced request = traced("POST", mvc() + "/owners");

    assertEquals(201, request.response().status());
    assertRoute(request, "POST", mvc() + "/owners");
  }

  @Test
  void exceptionAnsweredByTheControllersExceptionHandler_keepsTheControllersRoute() {
    Traced request = get(mvc() + "/owners/42/visits");

    assertEquals(404, request.response().status());
    assertEquals("no owner 42", request.response().body());
    assertRoute(request, "GET", mvc() + "/owners/{ownerId}/visits");
    assertEquals(Status.StatusCode.STATUS_CODE_UNSET, request.span().statusCode(), "a 4xx");
  }

  @Test
  void exceptionAnsweredByAControllerAdvice_keepsTheRoute_andIsAServerError() {
    Traced request = get(mvc() + "/vets/3/schedule");

    assertEquals(503, request.response().status());
    assertRoute(request, "GET", mvc() + "/vets/{vetId}/schedule");
    assertAll(
        () -> assertEquals(Status.StatusCode.STATUS_CODE_ERROR, request.span().statusCode()),
        () -> assertEquals("503", request.span().attr("error.type"), "error.type"));
  }

  @Test
  void uncaughtException_keepsTheControllersRoute_notTheErrorPages() {
    // The container dispatches to Spring Boot's /error, through the DispatcherServlet again.
    Traced request = get(mvc() + "/boom");

    assertEquals(500, request.response().status());
    assertRoute(request, "GET", mvc() + "/boom");
    assertEquals(
        "java.lang.IllegalStateException", request.span().attr("error.type"), "error.type");
  }

  @Test
  void asyncRequest_keepsTheRouteThroughTheAsyncDispatch() {
    Traced request = get(mvc() + "/async?delayMs=50");

    assertEquals("async done", request.response().body());
    assertRoute(request, "GET", mvc() + "/async");
  }

  @Test
  void functionalEndpoint_isNamedAfterItsPattern() {
    Traced request = get(mvc() + "/fn/greetings/ada");

    assertEquals("hello ada", request.response().body());
    assertRoute(request, "GET", mvc() + "/fn/greetings/{name}");
  }

  /**
   * Decision (see the module README): a static resource is named after the resource handler's
   * pattern, which in Spring Boot is the catch-all {@code /**}: what matched, not the file.
   */
  @Test
  void staticResource_isNamedAfterTheResourceHandlersPattern() {
    Traced request = get(mvc() + "/css/site.css");

    assertEquals(200, request.response().status());
    assertTrue(request.response().body().contains("body {"), request.response().body());
    assertRoute(request, "GET", mvc() + "/**");
  }

  @Test
  void urlHandlerMappingOfASecondDispatcherServlet_isNamedAfterItsPattern() {
    Traced request = get(contextPath() + "/legacy/items/7");

    assertEquals("legacy item", request.response().body());
    assertRoute(request, "GET", contextPath() + "/legacy/items/{id}");
  }

  /**
   * A URL mapping's handler for {@code /*} (its default handler) exposes the raw path as its
   * "pattern": the span keeps the servlet mapping's route instead.
   */
  @Test
  void urlHandlerMappingsFallbackHandler_keepsTheServletMappingsRoute() {
    String token = uniqueToken();
    Traced request = get(contextPath() + "/legacy/" + token);

    assertEquals("legacy fallback", request.response().body());
    assertRoute(request, "GET", contextPath() + "/legacy/*");
    assertFalse(request.span().name().contains(token), request.span().name());
  }

  @Test
  void unknownPaths_answer404_andNeverNameASpan() {
    List<String> tokens = new ArrayList<>();
    List<Traced> requests = new ArrayList<>();
    requests.add(get(mvc() + "/no/such/path/12345"));
    tokens.add("12345");
    for (int i = 0; i < 3; i++) {
      String token = uniqueToken();
      tokens.add(token);
      requests.add(get(mvc() + "/" + token + "/" + i));
    }
    if (!servletPath().isEmpty()) {
      // Outside the DispatcherServlet's mapping: no servlet at all, the container answers.
      String token = uniqueToken();
      tokens.add(token);
      requests.add(get(contextPath() + "/" + token));
    }

    for (Traced request : requests) {
      assertEquals(404, request.response().status(), request.span().toString());
    }
    // Spring Boot serves static resources at /**, so Spring's answer is that handler's 404.
    for (int i = 0; i < 4; i++) {
      assertRoute(requests.get(i), "GET", mvc() + "/**");
    }
    for (ReceivedSpan span : collector.spans()) {
      for (String token : tokens) {
        assertFalse(span.name().contains(token), "raw path in a span name: " + span);
        Object route = span.attr("http.route");
        assertFalse(route != null && route.toString().contains(token), "raw path in " + span);
      }
    }
  }

  private Traced get(String path) {
    return traced("GET", path);
  }

  private Traced traced(String method, String path) {
    return traced(collector, http, method, path);
  }

  /**
   * Sends {@code method path} (without a body) as part of a new remote trace and returns the response
   * with the request's SERVER span, after checking it is the only SERVER span of that trace.
   */
  static Traced traced(TestCollector collector, SmokeHttp http, String method, String path) {
    String traceId = Ids.randomTraceId();
    String parentSpanId = Ids.randomSpanId();
    String traceparent = Ids.traceparent(traceId, parentSpanId);
    SmokeHttp.Response response = http.send(method, path, "traceparent", traceparent);
    collector.awaitSpans(
        span -> span.traceId().equals(traceId) && span.parentSpanId().equals(parentSpanId),
        1,
        ServerSpanSmokeTest.SPAN_TIMEOUT);
    List<ReceivedSpan> server = new ArrayList<>();
    for (ReceivedSpan span : collector.spans()) {
      if (span.traceId().equals(traceId) && span.kind() == Span.SpanKind.SPAN_KIND_SERVER) {
        server.add(span);
      }
    }
    assertEquals(1, server.size(), method + " " + path + ": one SERVER span, got " + server);
    return new Traced(response, server.get(0));
  }

  static void assertRoute(Traced request, String method, String route) {
    ReceivedSpan span = request.span();
    assertAll(
        "span " + span,
        () -> assertEquals(method + " " + route, span.name(), "span name"),
        () -> assertEquals(route, span.attr("http.route"), "http.route"),
        () -> assertEquals(method, span.attr("http.request.method"), "http.request.method"));
  }

  private static String uniqueToken() {
    return "x" + UUID.randomUUID().toString().replace("-", "");
  }

  /** A response and the SERVER span of its request. */
  record Traced(SmokeHttp.Response response, ReceivedSpan span) {}
}
