package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A request no handler mapping of Spring MVC matches at all (static resources switched off with
 * {@code spring.web.resources.add-mappings=false}, so Spring Boot has no catch-all {@code /**}):
 * Spring has no route, and the span keeps the servlet-level name, the bare method.
 */
class SpringWebMvcNoHandlerSmokeTest {

  @RegisterExtension final AppLogsOnFailure logs = new AppLogsOnFailure();

  private Path agentJar;

  @BeforeEach
  void requireAgent() {
    agentJar = AgentJar.require();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = SmokeApp.class, names = {"SPRING_BOOT27", "SPRING_BOOT3"})
  void unmatchedPath_answers404_andKeepsTheBareMethodAsName(SmokeApp smokeApp) {
    try (TestCollector collector = TestCollector.start();
        AppProcess app = logs.register(
            AppProcess.builder(smokeApp)
                .agent(agentJar)
                .collector(collector)
                .property("spring.web.resources.add-mappings", "false")
                .logName(getClass().getSimpleName() + "-" + smokeApp)
                .start())) {
      SmokeHttp http = new SmokeHttp(app.port());

      SpringWebMvcRouteSmokeTest.Traced unmatched =
          SpringWebMvcRouteSmokeTest.traced(collector, http, "GET", "/no/such/path/12345");
      SpringWebMvcRouteSmokeTest.Traced owner =
          SpringWebMvcRouteSmokeTest.traced(collector, http, "GET", "/owners/42");

      assertEquals(404, unmatched.response().status());
      assertAll(
          "span " + unmatched.span(),
          () -> assertEquals("GET", unmatched.span().name(), "span name"),
          () -> assertNull(unmatched.span().attr("http.route"), "http.route"),
          () -> assertEquals(404L, unmatched.span().attr("http.response.status_code")));
      // The controllers are still named: only the catch-all is gone.
      SpringWebMvcRouteSmokeTest.assertRoute(owner, "GET", "/owners/{ownerId}");
    }
  }
}
