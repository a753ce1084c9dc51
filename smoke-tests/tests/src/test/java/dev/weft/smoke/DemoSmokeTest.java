package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo as {@code ./demo.sh} runs it: four services in their own JVMs with the agent, three
 * requests to the edge, and at the end the waterfall of each trace merged from the four span
 * files. What a newcomer reads must be the story: one tree per request across all four services
 * (the pool threads' queries under the tickets request), the intended failure labelled and
 * traced to the query that failed, and nothing else on the screen: no stack trace, no container
 * log line, no build banner.
 */
class DemoSmokeTest {

  @TempDir Path dir;

  @Test
  void demo_showsOneWaterfallPerRequestAcrossTheFourServices() throws Exception {
    Path agentJar = AgentJar.require();
    Path demoJar = Path.of(System.getProperty("smoke.demo.jar", "../../demo/target/weft-demo.jar"));
    assertTrue(Files.isRegularFile(demoJar), "no demo jar at " + demoJar);
    Path out = dir.resolve("demo");
    Path screen = dir.resolve("screen.txt");
    Process demo = new ProcessBuilder(List.of(SmokeJdk.java().toString(), "-jar", demoJar.toString(),
            "--agent", agentJar.toString(), "--out", out.toString()))
        .redirectErrorStream(true)
        .redirectOutput(screen.toFile())
        .start();
    boolean finished = demo.waitFor(3, TimeUnit.MINUTES);
    if (!finished) {
      demo.destroyForcibly();
    }
    String printed = Files.readString(screen, StandardCharsets.UTF_8);
    assertTrue(finished, "the demo did not finish within 3 minutes:\n" + printed);
    assertEquals(0, demo.exitValue(), printed);

    assertAll(
        () -> assertTrue(printed.contains("project=checkout        -> 200 (3 tickets)"), printed),
        () -> assertTrue(printed.contains("project=payments        -> 200 (2 tickets)"), printed),
        () -> assertTrue(Pattern.compile("project=legacy-billing  -> 502 \\(the tickets service failed\\)\n"
            + "\\s+\\^ the intended failure").matcher(printed).find(), printed),
        () -> assertTrue(printed.contains("3 traces, 37 spans from 4 files"), printed),
        () -> assertTrue(printed.contains("HTML: " + out.resolve("weft-traces.html").toAbsolutePath()), printed),
        () -> assertTrue(Files.size(out.resolve("weft-traces.html")) > 1000, "the page was written"));
    assertAll("nothing but the story on the screen",
        () -> assertFalse(printed.contains("\tat "), "no stack trace:\n" + printed),
        () -> assertFalse(printed.contains("Exception in thread"), printed),
        () -> assertFalse(Pattern.compile("(?m)^\\S*(INFO|WARN)").matcher(printed).find(), "no log lines:\n" + printed),
        () -> assertFalse(printed.toLowerCase().contains("proguard"), printed),
        () -> assertFalse(printed.contains("Sharing is only supported"), printed));

    List<WaterfallText.Trace> traces = new ArrayList<>();
    for (String line : printed.split("\n")) {
      if (line.startsWith("[weft] trace ")) {
        String traceId = line.substring("[weft] trace ".length(), line.indexOf(':'));
        traces.addAll(WaterfallText.traces(printed, traceId));
      }
    }
    assertEquals(3, traces.size(), printed);
    for (int i = 0; i < 2; i++) {
      WaterfallText.Trace trace = traces.get(i);
      assertTrue(trace.header().contains(": 13 spans, 4 services, "), trace.header());
      assertFalse(trace.header().contains("error"), trace.header());
      assertEquals(List.of(
              "0 GET /api/v2/tickets/export edge server",
              "1 GET edge client",
              "2 GET /v1/allow rate-limiter server",
              "3 UPDATE quota rate-limiter client",
              "1 GET edge client",
              "2 GET /v1/session auth server",
              "3 SELECT session auth client",
              "1 GET edge client",
              "2 GET /v1/tickets tickets server"),
          describe(trace.rows().subList(0, 9)), printed);
      // The project lookup, then the tickets query and the two pool lookups, which overlap.
      assertEquals("3 SELECT project tickets client", describe(trace.rows().subList(9, 10)).get(0), printed);
      assertEquals(List.of("3 SELECT ticket tickets client", "3 SELECT tickets client", "3 SELECT tickets client"),
          describe(trace.rows().subList(10, 13)).stream().sorted().toList(), printed);
    }
    WaterfallText.Trace failed = traces.get(2);
    assertTrue(failed.header().contains(": 11 spans, 4 services, ") && failed.header().endsWith(", 4 errors"),
        failed.header());
    List<String> failedRows = new ArrayList<>();
    for (WaterfallText.Row row : failed.rows()) {
      if (row.error()) {
        failedRows.add(row.depth() + " " + row.name() + " " + row.service());
      }
    }
    assertEquals(List.of(
            "0 GET /api/v2/tickets/export edge",
            "1 GET edge",
            "2 GET /v1/tickets tickets",
            "3 SELECT ticket_archive tickets"),
        failedRows, "the failure is traced from the edge down to the query that failed\n" + printed);
    assertTrue(printed.contains("SELECT ticket_archive") && printed.contains("Table \"TICKET_ARCHIVE\" not found"),
        printed);
  }

  private static List<String> describe(List<WaterfallText.Row> rows) {
    List<String> described = new ArrayList<>();
    for (WaterfallText.Row row : rows) {
      described.add(row.depth() + " " + row.name() + " " + row.service() + " " + row.kind());
    }
    return described;
  }
}
