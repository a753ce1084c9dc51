package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Requests excluded by {@code weft.http.server.exclude.paths} and {@code
 * weft.http.server.exclude.user-agents}, in two real services: the excluded request gets no
 * server span, nothing under it is recorded, and the call it makes to a second service carries
 * the unsampled decision, so the second service does not start a trace of its own for it. A
 * request that is not excluded, through the same code, is traced whole.
 */
class ExcludedRequestsSmokeTest {

  private static final Duration SPAN_TIMEOUT = Duration.ofSeconds(30);

  @RegisterExtension final AppLogsOnFailure logs = new AppLogsOnFailure();

  @Test
  void excludedRequestsAndEverythingUnderThemStayUntraced() {
    Path agentJar = AgentJar.require();
    try (TestCollector collector = TestCollector.start();
        AppProcess backend =
            logs.register(
                AppProcess.builder(SmokeApp.TOMCAT10)
                    .agent(agentJar)
                    .collector(collector)
                    .serviceName("excluded-backend")
                    .logName(getClass().getSimpleName() + "-backend")
                    .start());
        AppProcess frontend =
            logs.register(
                AppProcess.builder(SmokeApp.FRONTEND)
                    .agent(agentJar)
                    .collector(collector)
                    .serviceName("excluded-frontend")
                    .property("weft.http.server.exclude.paths", "/hello,/users/**")
                    .property("weft.http.server.exclude.user-agents", "kube-probe/*")
                    .logName(getClass().getSimpleName() + "-frontend")
                    .start())) {
      SmokeHttp http = new SmokeHttp(frontend.port());
      String target = "http://127.0.0.1:" + backend.port();

      SmokeHttp.Response probe =
          http.get(
              "/call/java-http?target=" + target + "&path=/users/probe",
              "User-Agent",
              "kube-probe/1.29");
      SmokeHttp.Response hello = http.get("/hello");
      SmokeHttp.Response user = http.get("/users/excluded-by-glob");
      SmokeHttp.Response traced = http.get("/call/java-http?target=" + target + "&path=/users/traced");

      // Each service exports in the order its spans end: once the traced call's spans are in,
      // whatever the excluded requests would have produced is in too.
      List<ReceivedSpan> backendTraced =
          collector.awaitSpans(s -> "/users/traced".equals(s.attr("url.path")), 1, SPAN_TIMEOUT);
      List<ReceivedSpan> frontendTraced =
          collector.awaitSpans(
              s -> "excluded-frontend".equals(s.resourceAttr("service.name"))
                  && String.valueOf(s.attr("url.full")).endsWith("/users/traced"),
              1,
              SPAN_TIMEOUT);
      collector.awaitSpans(
          s -> "excluded-frontend".equals(s.resourceAttr("service.name"))
              && "/call/java-http".equals(s.attr("url.path")),
          1,
          SPAN_TIMEOUT);

      List<ReceivedSpan> all = collector.spans();
      String received = collector.describe();
      assertAll(
          () -> assertEquals("user /probe", probe.body(), "the excluded call is answered as usual"),
          () -> assertEquals(200, hello.status()),
          () -> assertEquals("user /excluded-by-glob", user.body()),
          () -> assertEquals("user /traced", traced.body()),
          () -> assertEquals(3, all.size(), "only the traced call's three spans: " + received),
          () -> assertEquals(1, backendTraced.size()),
          () -> assertEquals(
              frontendTraced.get(0).spanId(), backendTraced.get(0).parentSpanId(),
              "the traced call is one trace across both services"),
          () -> assertTrue(
              all.stream().noneMatch(s -> String.valueOf(s.attr("url.full")).contains("probe")
                  || "/users/probe".equals(s.attr("url.path"))),
              "neither service recorded the probe: " + received));
    }
  }
}
