package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
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
  @EnumSource(
      value = SmokeApp.class,
      names = {"FRONTEND", "SPRING_BOOT3_JDBC", "JERSEY", "JERSEY2", "RESTEASY"},
      mode = EnumSource.Mode.EXCLUDE)
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
        SmokeHttp.Response asyncStart = http.get("/async-start");
        SmokeHttp.Response asyncDispatch = http.get("/async-dispatch");
        assertAll(
            () -> assertEquals(200, forward.status()),
            () -> assertEquals("hello", forward.body()),
            () -> assertEquals(200, asyncStart.status(), asyncStart.body()),
            () -> assertEquals(ServletContainerSmokeTest.ASYNC_START_BODY, asyncStart.body()),
            () -> assertEquals(200, asyncDispatch.status(), asyncDispatch.body()),
            () -> assertEquals(
                ServletContainerSmokeTest.ASYNC_DISPATCH_BODY, asyncDispatch.body()));
      }
    } finally {
      assertTrue(app.stop(), "app did not exit on SIGTERM\n" + app.logTail(50));
    }
  }

  /**
   * The frontend app calls the backend with every client and passes on what it got: the body, an
   * error status, and a 502 when the backend is down. What the cross-service test builds on.
   */
  @Test
  void frontend_callsTheBackendWithEveryClient_andStopsOnSigterm() {
    try (AppProcess backend = logs.register(
        AppProcess.builder(SmokeApp.TOMCAT10)
            .logName(getClass().getSimpleName() + "-frontend-backend")
            .start())) {
      AppProcess frontend = logs.register(
          AppProcess.builder(SmokeApp.FRONTEND)
              .logName(getClass().getSimpleName() + "-frontend")
              .start());
      try {
        SmokeHttp http = new SmokeHttp(frontend.port());
        String up = "?target=http://127.0.0.1:" + backend.port();
        String down = "?target=http://127.0.0.1:" + closedPort();
        List<Executable> checks = new ArrayList<>();
        for (FrontendClient client : FrontendClient.values()) {
          String call = "/call/" + client.id();
          SmokeHttp.Response ok = http.get(call + up + "&path=/users/" + client.id());
          SmokeHttp.Response error = http.get(call + up + "&path=/status/503");
          SmokeHttp.Response refused = http.get(call + down + "&path=/hello");
          checks.add(() -> assertEquals(200, ok.status(), client + ": " + ok.body()));
          checks.add(() -> assertEquals("user /" + client.id(), ok.body(), client.id()));
          checks.add(() -> assertEquals(503, error.status(), client + ": " + error.body()));
          checks.add(() -> assertEquals("status 503", error.body(), client.id()));
          checks.add(() -> assertEquals(502, refused.status(), client + ": " + refused.body()));
        }
        SmokeHttp.Response unknown = http.get("/call/carrier-pigeon" + up + "&path=/hello");
        SmokeHttp.Response user = http.get("/users/marker");
        checks.add(() -> assertEquals(404, unknown.status(), unknown.body()));
        checks.add(() -> assertEquals("user /marker", user.body()));
        assertAll(checks);
      } finally {
        assertTrue(frontend.stop(), "frontend did not exit on SIGTERM\n" + frontend.logTail(50));
      }
    }
  }

  /**
   * The JDBC app answers an order with its open lines from the database, 404 for an unknown order
   * and 500 for the failing statement: what {@link JdbcSmokeTest} builds on.
   */
  @Test
  void jdbcApp_servesOrdersFromTheDatabase_andStopsOnSigterm() {
    AppProcess app = logs.register(
        AppProcess.builder(SmokeApp.SPRING_BOOT3_JDBC)
            .logName(getClass().getSimpleName() + "-" + SmokeApp.SPRING_BOOT3_JDBC)
            .start());
    try {
      SmokeHttp http = new SmokeHttp(app.port());
      SmokeHttp.Response order = http.get("/orders/1");
      SmokeHttp.Response other = http.get("/orders/2");
      SmokeHttp.Response missing = http.get("/orders/99");
      SmokeHttp.Response failing = http.get("/orders/1/fail");

      assertAll(
          () -> assertEquals(200, order.status(), order.body()),
          () -> assertTrue(order.contentType().startsWith("application/json"), order.contentType()),
          () -> assertEquals(
              "{\"id\":1,\"customer\":\"Ada Lovelace\",\"status\":\"OPEN\",\"lines\":["
                  + "{\"product\":\"punched cards\",\"quantity\":200},"
                  + "{\"product\":\"brass gears\",\"quantity\":12}]}",
              order.body(),
              "order 1 with its open lines only"),
          () -> assertEquals(200, other.status(), other.body()),
          () -> assertTrue(other.body().contains("difference engine"), other.body()),
          () -> assertEquals(404, missing.status(), missing.body()),
          () -> assertEquals(500, failing.status(), failing.body()),
          () -> assertTrue(
              failing.body().contains("BadSqlGrammarException"),
              "the driver's SQLException reached Spring: " + failing.body()));
    } finally {
      assertTrue(app.stop(), "app did not exit on SIGTERM\n" + app.logTail(50));
    }
  }

  /** A loopback port nothing listens on: bound, then closed again. */
  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
