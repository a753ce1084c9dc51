package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The switches that turn tracing off: with each, on each app, the app serves requests as usual
 * and the collector receives nothing.
 */
class AgentTogglesSmokeTest {

  /**
   * How long "nothing" is watched for: ten export intervals of the 200 ms schedule delay. Proving
   * absence needs a bounded wait; this one is kept short.
   */
  private static final Duration ABSENCE_WINDOW = Duration.ofSeconds(2);

  private Path agentJar;

  @RegisterExtension final AppLogsOnFailure logs = new AppLogsOnFailure();

  @BeforeEach
  void requireAgent() {
    agentJar = AgentJar.require();
  }

  static List<Arguments> appsAndSwitches() {
    List<Arguments> cases = new ArrayList<>();
    for (SmokeApp app : SmokeApp.values()) {
      if (!app.servesCommonEndpoints()) {
        continue; // the frontend is Jetty 9 with clients: its switches are the Jetty app's
      }
      cases.add(Arguments.of(app, "otel.javaagent.enabled", "false"));
      cases.add(Arguments.of(app, "otel.instrumentation.servlet.enabled", "false"));
      cases.add(Arguments.of(app, "otel.traces.sampler", "always_off"));
    }
    return cases;
  }

  @ParameterizedTest(name = "{0} with -D{1}={2}")
  @MethodSource("appsAndSwitches")
  void tracingSwitchedOff_appServesRequests_andNothingIsExported(
      SmokeApp smokeApp, String key, String value) {
    try (TestCollector collector = TestCollector.start();
        AppProcess app = logs.register(
            AppProcess.builder(smokeApp)
                .agent(agentJar)
                .collector(collector)
                .property(key, value)
                .logName(getClass().getSimpleName() + "-" + smokeApp + "-" + key + "=" + value)
                .start())) {
      SmokeHttp http = new SmokeHttp(app.port());

      SmokeHttp.Response hello = http.get("/hello");
      SmokeHttp.Response user = http.get("/users/1");
      SmokeHttp.Response boom = http.get("/boom");

      assertAll(
          () -> assertEquals(200, hello.status()),
          () -> assertEquals("hello", hello.body()),
          () -> assertEquals("user /1", user.body()),
          () -> assertEquals(500, boom.status()));
      collector.assertNothingReceivedWithin(ABSENCE_WINDOW);
    }
  }
}
