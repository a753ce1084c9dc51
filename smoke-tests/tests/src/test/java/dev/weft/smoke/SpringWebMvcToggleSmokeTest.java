package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * With {@code otel.instrumentation.spring-webmvc.enabled=false}, a Spring app's server spans are
 * named as the servlet instrumentation names them: after the servlet mapping ({@code GET
 * /app/api/*} for a DispatcherServlet mapped by prefix), or the bare method for one mapped at
 * {@code /}, whose raw path must not become a name.
 */
class SpringWebMvcToggleSmokeTest {

  @RegisterExtension final AppLogsOnFailure logs = new AppLogsOnFailure();

  private Path agentJar;

  @BeforeEach
  void requireAgent() {
    agentJar = AgentJar.require();
  }

  /** App, context path, DispatcherServlet servlet path. */
  static List<Arguments> apps() {
    return List.of(
        Arguments.of(SmokeApp.SPRING_BOOT27, "", ""),
        Arguments.of(SmokeApp.SPRING_BOOT3, "/app", "/api"),
        Arguments.of(SmokeApp.SPRING_BOOT4, "", ""));
  }

  @ParameterizedTest(name = "{0} at context path \"{1}\", servlet path \"{2}\"")
  @MethodSource("apps")
  void springWebMvcSwitchedOff_spansKeepTheServletLevelNames(
      SmokeApp smokeApp, String contextPath, String servletPath) {
    try (TestCollector collector = TestCollector.start()) {
      AppProcess.Builder builder =
          AppProcess.builder(smokeApp)
              .agent(agentJar)
              .collector(collector)
              .property("otel.instrumentation.spring-webmvc.enabled", "false")
              .logName(getClass().getSimpleName() + "-" + smokeApp);
      if (!contextPath.isEmpty()) {
        builder.property("server.servlet.context-path", contextPath);
      }
      if (!servletPath.isEmpty()) {
        builder.property("spring.mvc.servlet.path", servletPath);
      }
      try (AppProcess app = logs.register(builder.start())) {
        SmokeHttp http = new SmokeHttp(app.port());
        String mvc = contextPath + servletPath;
        // The DispatcherServlet's own servlet mapping: none for "/", "/app/api/*" for "/api/*".
        String mvcRoute = servletPath.isEmpty() ? null : mvc + "/*";

        SpringWebMvcRouteSmokeTest.Traced owner =
            SpringWebMvcRouteSmokeTest.traced(collector, http, "GET", mvc + "/owners/42");
        SpringWebMvcRouteSmokeTest.Traced created =
            SpringWebMvcRouteSmokeTest.traced(collector, http, "POST", mvc + "/owners");
        SpringWebMvcRouteSmokeTest.Traced legacy =
            SpringWebMvcRouteSmokeTest.traced(
                collector, http, "GET", contextPath + "/legacy/items/7");

        assertAll(
            () -> assertEquals("owner 42", owner.response().body()),
            () -> assertEquals(201, created.response().status()),
            () -> assertEquals("legacy item", legacy.response().body()));
        if (mvcRoute == null) {
          assertAll(
              () -> assertEquals("GET", owner.span().name(), "name " + owner.span()),
              () -> assertNull(owner.span().attr("http.route"), "http.route " + owner.span()),
              () -> assertEquals("POST", created.span().name(), "name " + created.span()));
        } else {
          SpringWebMvcRouteSmokeTest.assertRoute(owner, "GET", mvcRoute);
          SpringWebMvcRouteSmokeTest.assertRoute(created, "POST", mvcRoute);
        }
        SpringWebMvcRouteSmokeTest.assertRoute(legacy, "GET", contextPath + "/legacy/*");
      }
    }
  }
}
