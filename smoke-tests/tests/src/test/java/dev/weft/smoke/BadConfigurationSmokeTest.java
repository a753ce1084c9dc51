package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Wrong configuration values are never fatal: each gets one warning naming the setting, the
 * default is used, and the application is traced as usual.
 */
class BadConfigurationSmokeTest {

  private static final Duration SPAN_TIMEOUT = Duration.ofSeconds(30);

  private Path agentJar;

  @RegisterExtension final AppLogsOnFailure logs = new AppLogsOnFailure();

  @BeforeEach
  void requireAgent() {
    agentJar = AgentJar.require();
  }

  @Test
  void badValues_warnOnceEach_andTracingWorksWithDefaults() throws IOException {
    try (TestCollector collector = TestCollector.start();
        AppProcess app =
            logs.register(
                AppProcess.builder(SmokeApp.TOMCAT10)
                    .agent(agentJar)
                    .collector(collector)
                    .property("otel.bsp.max.queue.size", "lots")
                    .property("otel.traces.sampler", "sometimes")
                    .property("otel.traces.sampler.arg", "2")
                    .property("otel.propagators", "tracecontext,carrier-pigeon")
                    .property("otel.exporter.otlp.timeout", "soon")
                    .property("otel.traces.exporter", "otlp,telegraph")
                    .logName(getClass().getSimpleName())
                    .start())) {
      SmokeHttp.Response hello = new SmokeHttp(app.port()).get("/hello");

      ReceivedSpan span =
          collector.awaitSpans(s -> "/hello".equals(s.attr("url.path")), 1, SPAN_TIMEOUT).get(0);
      List<String> weftLines =
          Files.readAllLines(app.log()).stream()
              .filter(line -> line.startsWith("[weft]"))
              .collect(Collectors.toList());
      String log = String.join("\n", weftLines);

      assertAll(
          () -> assertEquals(200, hello.status()),
          () -> assertEquals("GET /hello", span.name()),
          () -> assertWarned(weftLines, "otel.bsp.max.queue.size", log),
          () -> assertWarned(weftLines, "otel.traces.sampler", log),
          () -> assertWarned(weftLines, "carrier-pigeon", log),
          () -> assertWarned(weftLines, "otel.exporter.otlp.timeout", log),
          () -> assertWarned(weftLines, "telegraph", log),
          () ->
              assertEquals(
                  1,
                  weftLines.stream().filter(l -> l.startsWith("[weft] INFO Weft ")).count(),
                  "one startup line\n" + log));
    }
  }

  private static void assertWarned(List<String> lines, String setting, String log) {
    long warnings =
        lines.stream().filter(l -> l.startsWith("[weft] WARN") && l.contains(setting)).count();
    assertTrue(warnings >= 1, "no warning naming " + setting + "\n" + log);
  }
}
