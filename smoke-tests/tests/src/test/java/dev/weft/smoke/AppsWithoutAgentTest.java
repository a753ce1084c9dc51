package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The smoke apps themselves, without the agent: they serve what the agent tests rely on, and
 * stop on SIGTERM. Needs no agent, so it always runs; when an agent test fails, this says whether
 * the app or the agent is at fault.
 */
class AppsWithoutAgentTest {

  @RegisterExtension final AppLogsOnFailure logs = new AppLogsOnFailure();

  @ParameterizedTest(name = "{0}")
  @EnumSource(SmokeApp.class)
  void app_servesEveryEndpoint_andStopsOnSigterm(SmokeApp smokeApp) {
    AppProcess app =
        logs.register(
            AppProcess.builder(smokeApp).logName(getClass().getSimpleName() + "-" + smokeApp).start());
    try {
      SmokeHttp http = new SmokeHttp(app.port());
      SmokeHttp.Response hello = http.get("/hello");
      SmokeHttp.Response helloWithQuery = http.get("/hello?name=x");
      SmokeHttp.Response user = http.get("/users/42");
      SmokeHttp.Response notFound = http.get("/status/404");
      SmokeHttp.Response unavailable = http.get("/status/503");
      SmokeHttp.Response boom = http.get("/boom");
      SmokeHttp.Response async = http.get("/async?delayMs=300");

      assertAll(
          () -> assertEquals(200, hello.status()),
          () -> assertEquals("hello", hello.body()),
          () -> assertTrue(hello.contentType().startsWith("text/plain"), hello.contentType()),
          () -> assertEquals("hello", helloWithQuery.body()),
          () -> assertEquals(200, user.status()),
          () -> assertEquals("user /42", user.body()),
          () -> assertEquals(404, notFound.status()),
          () -> assertEquals("status 404", notFound.body()),
          () -> assertEquals(503, unavailable.status()),
          () -> assertEquals("status 503", unavailable.body()),
          () -> assertEquals(500, boom.status()),
          () -> assertEquals(200, async.status()),
          () -> assertEquals("async done", async.body()),
          // The app's own contract, which the agent test on span duration builds on.
          () -> assertTrue(
              async.elapsed().compareTo(Duration.ofMillis(300)) >= 0,
              "async answered after " + async.elapsed().toMillis() + " ms, before its delay"));
      if (smokeApp.hasForward()) {
        SmokeHttp.Response forward = http.get("/forward");
        assertEquals(200, forward.status());
        assertEquals("hello", forward.body());
      }
    } finally {
      assertTrue(app.stop(), "app did not exit on SIGTERM\n" + app.logTail(50));
    }
  }
}
