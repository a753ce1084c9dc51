package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The JAX-RS smoke tests on Jersey 3.1 (jakarta.ws.rs) and Tomcat 10.1, and the instrumentation's
 * switch.
 */
class JerseySmokeTest extends JaxrsSmokeTest {

  @Override
  SmokeApp smokeApp() {
    return SmokeApp.JERSEY;
  }

  /** With {@code otel.instrumentation.jaxrs.enabled=false} the servlet mapping names the span. */
  @Test
  void jaxrsInstrumentationDisabled_keepsTheServletLevelName() {
    try (TestCollector ownCollector = TestCollector.start();
        AppProcess disabled = logs.register(
            AppProcess.builder(smokeApp())
                .agent(AgentJar.require())
                .collector(ownCollector)
                .serviceName(serviceName())
                .property("otel.instrumentation.jaxrs.enabled", "false")
                .logName(getClass().getSimpleName() + "-jaxrs.enabled=false")
                .start())) {
      SmokeHttp ownHttp = new SmokeHttp(disabled.port());

      assertEquals(200, ownHttp.get("/shop/api/users/42").status());
      assertEquals(201, ownHttp.send("POST", "/shop/api/users").status());

      ownCollector.awaitSpans(span -> true, 2, SPAN_TIMEOUT);
      awaitMarker(ownHttp, ownCollector);
      List<ReceivedSpan> spans = ServerSpanSmokeTest.serverSpans(ownCollector.spans());
      ReceivedSpan get = only(spans, "/shop/api/users/42", "GET");
      ReceivedSpan post = only(spans, "/shop/api/users", "POST");
      assertAll(
          () -> assertEquals("GET " + SERVLET_ROUTE, get.name(), "name of " + get),
          () -> assertEquals(SERVLET_ROUTE, get.attr("http.route"), "http.route of " + get),
          () -> assertEquals("POST " + SERVLET_ROUTE, post.name(), "name of " + post));
    }
  }

  private static ReceivedSpan only(List<ReceivedSpan> spans, String path, String method) {
    ReceivedSpan found = null;
    for (ReceivedSpan span : spans) {
      if (path.equals(span.attr("url.path")) && method.equals(span.attr("http.request.method"))) {
        assertEquals(null, found, "one SERVER span for " + method + " " + path + ": " + spans);
        found = span;
      }
    }
    assertEquals(true, found != null, "a SERVER span for " + method + " " + path + ": " + spans);
    return found;
  }
}
