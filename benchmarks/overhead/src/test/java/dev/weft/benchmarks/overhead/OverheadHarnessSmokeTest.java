package dev.weft.benchmarks.overhead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Runs the whole harness once on a short load, so that a broken harness fails the build rather
 * than the person who runs it for figures. It measures nothing worth quoting; it checks that
 * every configuration started its agent, answered every request and exported what it should.
 */
class OverheadHarnessSmokeTest {

  @Test
  void startupRowAndApplicationRunEndToEnd() throws Exception {
    Path work = Path.of("target", "overhead-smoke");
    Path out = work.resolve("report.md");
    Report report = OverheadHarness.run(OverheadHarness.Options.parse(
        "all", "--startup-rounds", "1", "--jdk", System.getProperty("java.home"),
        "--rounds", "1", "--concurrency", "2", "--warmup-requests", "100", "--requests", "200",
        "--work", work.toString(), "--out", out.toString()));

    assertEquals(3, report.startup().size(), "one Noop run per configuration");
    assertEquals(3, report.app().size(), "one application run per configuration");
    for (AppRun.Result run : report.app()) {
      assertEquals(200, run.windowRequests(), run.toString());
      if (run.setup().hasAgent()) {
        // Every request is a SERVER span with the engine's SQL statements under it.
        assertTrue(run.spansPerRequest() >= 2, run.toString());
        assertTrue(run.traceBytesPerRequest() > 100, run.toString());
      } else {
        assertEquals(0, run.spansPerRequest(), run.toString());
      }
    }
    String markdown = Files.readString(out);
    assertTrue(markdown.contains("| Weft |"), markdown);
    assertTrue(markdown.contains("Weft / OpenTelemetry"), markdown);
  }
}
