package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeing a trace without a backend, in two real services (the frontend app calling the Tomcat 10
 * app): the console exporter draws each service's part of the trace as a tree, and {@code java
 * -jar weft-agent.jar view} merges the span files of both services into one trace, printed and
 * as an HTML page that headless Chromium draws with a bar per span in its service's colour.
 *
 * <p>The trees are compared with what the services really sent (the collector, or the files).
 */
class TraceViewSmokeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String FRONTEND = "view-frontend";
  private static final String BACKEND = "view-backend";
  /** The first two of the page's service colours, in the order services first appear. */
  private static final int FIRST_SERVICE_COLOUR = 0x3b82f6;
  private static final int SECOND_SERVICE_COLOUR = 0xf59e0b;

  @RegisterExtension final AppLogsOnFailure logs = new AppLogsOnFailure();

  @TempDir Path dir;

  @Test
  void consoleExporter_drawsEachServicesPartOfTheTraceAsATree() throws IOException {
    Path agentJar = AgentJar.require();
    try (TestCollector collector = TestCollector.start()) {
      AppProcess backend = logs.register(AppProcess.builder(SmokeApp.TOMCAT10)
          .agent(agentJar).collector(collector).serviceName(BACKEND)
          .property("otel.traces.exporter", "otlp,console")
          .logName(getClass().getSimpleName() + "-console-backend").start());
      AppProcess frontend = logs.register(AppProcess.builder(SmokeApp.FRONTEND)
          .agent(agentJar).collector(collector).serviceName(FRONTEND)
          .property("otel.traces.exporter", "otlp,console")
          .property("weft.console.attributes", "true")
          .logName(getClass().getSimpleName() + "-console-frontend").start());
      String traceId = Ids.randomTraceId();
      String callerSpanId = Ids.randomSpanId();

      call(frontend, backend, "/users/console-1", traceId, callerSpanId);

      List<ReceivedSpan> sent =
          collector.awaitSpans(span -> span.traceId().equals(traceId), 3, TIMEOUT);
      ReceivedSpan server = only(sent, FRONTEND, Span.SpanKind.SPAN_KIND_SERVER);
      ReceivedSpan client = only(sent, FRONTEND, Span.SpanKind.SPAN_KIND_CLIENT);
      ReceivedSpan backendServer = only(sent, BACKEND, Span.SpanKind.SPAN_KIND_SERVER);
      WaterfallText.Trace frontendTree = awaitPrinted(frontend.log(), traceId, 2);
      WaterfallText.Trace backendTree = awaitPrinted(backend.log(), traceId, 1);

      assertTrue(frontendTree.header().contains(": 2 spans, 1 service, "), frontendTree.header());
      assertEquals(
          List.of(
              new WaterfallText.Row(0, server.name(), FRONTEND, "server", false, callerSpanId),
              new WaterfallText.Row(1, client.name(), FRONTEND, "client", false, "")),
          frontendTree.rows(),
          "the frontend's SERVER span continues the caller, its CLIENT span sits under it");
      assertEquals(
          List.of(new WaterfallText.Row(0, backendServer.name(), BACKEND, "server", false, client.spanId())),
          backendTree.rows(),
          "the backend's span says which span of the frontend it continues");
      String frontendLog = Files.readString(frontend.log(), StandardCharsets.UTF_8);
      assertAll(
          () -> assertTrue(frontendLog.contains("span " + client.spanId() + " parent " + server.spanId()),
              "attributes mode names each span and its parent"),
          () -> assertTrue(frontendLog.contains("url.full = http://127.0.0.1:" + backend.port() + "/users/console-1"),
              "attributes mode lists the CLIENT span's attributes"));
    }
  }

  @Test
  void viewer_mergesTheFilesOfTwoServicesIntoOneTrace_andChromiumDrawsItsBars() throws Exception {
    Path agentJar = AgentJar.require();
    Path frontendFile = dir.resolve("frontend.jsonl");
    Path backendFile = dir.resolve("backend.jsonl");
    AppProcess backend = logs.register(startWritingTo(SmokeApp.TOMCAT10, BACKEND, backendFile, agentJar));
    AppProcess frontend = logs.register(startWritingTo(SmokeApp.FRONTEND, FRONTEND, frontendFile, agentJar));
    String traceId = Ids.randomTraceId();
    String callerSpanId = Ids.randomSpanId();
    call(frontend, backend, "/users/file-1", traceId, callerSpanId);
    frontend.stop();
    backend.stop(); // each agent writes its last spans at shutdown

    List<ReceivedSpan> written = new ArrayList<>(spansOfTrace(frontendFile, traceId));
    written.addAll(spansOfTrace(backendFile, traceId));
    ReceivedSpan server = only(written, FRONTEND, Span.SpanKind.SPAN_KIND_SERVER);
    ReceivedSpan client = only(written, FRONTEND, Span.SpanKind.SPAN_KIND_CLIENT);
    ReceivedSpan backendServer = only(written, BACKEND, Span.SpanKind.SPAN_KIND_SERVER);
    Path page = dir.resolve("traces.html");

    String printed = view("--html", page.toString(), frontendFile.toString(), backendFile.toString());

    List<WaterfallText.Trace> trees = WaterfallText.traces(printed, traceId);
    assertEquals(1, trees.size(), printed);
    assertTrue(trees.get(0).header().contains(": 3 spans, 2 services, "), trees.get(0).header());
    assertEquals(
        List.of(
            new WaterfallText.Row(0, server.name(), FRONTEND, "server", false, callerSpanId),
            new WaterfallText.Row(1, client.name(), FRONTEND, "client", false, ""),
            new WaterfallText.Row(2, backendServer.name(), BACKEND, "server", false, "")),
        trees.get(0).rows(),
        "one tree across both services: the backend's span under the frontend's call\n" + printed);
    assertTrue(printed.contains("HTML: " + page.toAbsolutePath()), printed);

    String html = Files.readString(page, StandardCharsets.UTF_8);
    assertEquals(
        List.of(
            server.spanId() + "<" + callerSpanId + " " + FRONTEND + " 0",
            client.spanId() + "<" + server.spanId() + " " + FRONTEND + " 1",
            backendServer.spanId() + "<" + client.spanId() + " " + BACKEND + " 2"),
        htmlRows(html),
        "the page's rows: span < parent, service, depth");

    HeadlessChromium chromium = HeadlessChromium.findOrNull(dir);
    Assumptions.assumeTrue(chromium != null,
        "Chromium is not installed (Debian package chromium; .ci/run installs it): the page was"
            + " checked as HTML only, not as drawn");
    BufferedImage shot = ImageIO.read(chromium.screenshot(page.toUri().toString(), 1200, 500).toFile());
    List<int[]> frontendBars = bars(shot, FIRST_SERVICE_COLOUR);
    List<int[]> backendBars = bars(shot, SECOND_SERVICE_COLOUR);
    assertEquals(2, frontendBars.size(), "two bars in the frontend's colour: " + describe(frontendBars));
    assertEquals(1, backendBars.size(), "one bar in the backend's colour: " + describe(backendBars));
    int[] serverBar = frontendBars.get(0);
    int[] clientBar = frontendBars.get(1);
    int[] backendBar = backendBars.get(0);
    assertAll(
        () -> assertTrue(serverBar[2] - serverBar[0] > 300, "the root's bar spans the time line: " + describe(frontendBars)),
        () -> assertTrue(clientBar[0] >= serverBar[0] && clientBar[2] <= serverBar[2],
            "the call's bar lies within the request's: " + describe(frontendBars)),
        () -> assertTrue(backendBar[0] >= clientBar[0] - 1 && backendBar[2] <= clientBar[2] + 1,
            "the backend's bar lies within the call's: " + describe(backendBars) + " " + describe(frontendBars)),
        () -> assertTrue(serverBar[1] < clientBar[1] && clientBar[1] < backendBar[1], "rows in tree order"));

    // A link to one span opens its details, by the page's own script in a real browser.
    String key = keyOf(html, backendServer.spanId());
    String dom = chromium.dumpDom(page.toUri() + "#span-" + backendServer.spanId());
    assertTrue(dom.contains("class=\"details open\" id=\"d-" + key + "\""), dom);
    assertEquals(1, count(dom, "class=\"details open\""), "only the linked span's details are open");
  }

  private AppProcess startWritingTo(SmokeApp app, String service, Path file, Path agentJar) {
    return AppProcess.builder(app)
        .agent(agentJar)
        .serviceName(service)
        .property("otel.traces.exporter", "file")
        .property("weft.exporter.file.path", file.toString())
        .logName(getClass().getSimpleName() + "-file-" + app.id())
        .start();
  }

  private static void call(AppProcess frontend, AppProcess backend, String path, String traceId, String parent) {
    SmokeHttp.Response response = new SmokeHttp(frontend.port()).get(
        "/call/" + FrontendClient.URL_CONNECTION.id() + "?target=http://127.0.0.1:" + backend.port()
            + "&path=" + path,
        "traceparent", Ids.traceparent(traceId, parent));
    assertEquals(200, response.status(), response.body());
  }

  private static ReceivedSpan only(List<ReceivedSpan> spans, String service, Span.SpanKind kind) {
    List<ReceivedSpan> found = spans.stream()
        .filter(span -> service.equals(span.resource().get("service.name")) && span.kind() == kind)
        .toList();
    assertEquals(1, found.size(), service + " " + kind + " in " + spans);
    return found.get(0);
  }

  /** The first printing of the trace in {@code log} once it has {@code rows} rows. */
  private static WaterfallText.Trace awaitPrinted(Path log, String traceId, int rows) throws IOException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      List<WaterfallText.Trace> printed =
          WaterfallText.traces(Files.readString(log, StandardCharsets.UTF_8), traceId);
      if (!printed.isEmpty() && printed.get(0).rows().size() >= rows) {
        assertEquals(1, printed.size(), "the trace is printed once: " + printed);
        return printed.get(0);
      }
      assertTrue(System.nanoTime() - deadline < 0, "trace " + traceId + " not printed in " + log
          + " within " + TIMEOUT + ": " + printed);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }

  private static List<ReceivedSpan> spansOfTrace(Path file, String traceId) throws IOException {
    List<ReceivedSpan> spans = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      ExportTraceServiceRequest request = TestCollector.parseOtlpJson(line);
      for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
        for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
          for (Span span : scopeSpans.getSpansList()) {
            ReceivedSpan received = new ReceivedSpan(span,
                ReceivedSpan.toMap(resourceSpans.getResource().getAttributesList()),
                scopeSpans.getScope().getName(), "application/json");
            if (received.traceId().equals(traceId)) {
              spans.add(received);
            }
          }
        }
      }
    }
    return spans;
  }

  private static String view(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        SmokeJdk.java().toString(), "-jar", AgentJar.require().toString(), "view"));
    command.addAll(List.of(arguments));
    Path output = Files.createTempFile(Path.of(System.getProperty("java.io.tmpdir")), "view", ".out");
    Process view = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(output.toFile()).start();
    assertTrue(view.waitFor(60, TimeUnit.SECONDS), "view did not finish within 60 s");
    String printed = Files.readString(output, StandardCharsets.UTF_8);
    assertEquals(0, view.exitValue(), printed);
    return printed;
  }

  private static List<String> htmlRows(String html) {
    Matcher row = Pattern.compile("data-span-id=\"([0-9a-f]*)\" data-parent-id=\"([0-9a-f]*)\""
        + " data-service=\"([^\"]*)\" data-depth=\"(\\d+)\"").matcher(html);
    List<String> rows = new ArrayList<>();
    while (row.find()) {
      rows.add(row.group(1) + "<" + row.group(2) + " " + row.group(3) + " " + row.group(4));
    }
    return rows;
  }

  private static String keyOf(String html, String spanId) {
    Matcher key = Pattern.compile("data-key=\"([^\"]+)\" data-span-id=\"" + spanId + "\"").matcher(html);
    assertTrue(key.find(), "no row for span " + spanId);
    return key.group(1);
  }

  /**
   * The bars of one colour, top to bottom, as {x0, y0, x1, y1}: runs of rows holding that colour
   * at least 8 pixels tall (legend swatches are 10 pixels, but sit left of every time line, in the name column).
   */
  private static List<int[]> bars(BufferedImage image, int colour) {
    List<int[]> bars = new ArrayList<>();
    int[] current = null;
    for (int y = 0; y < image.getHeight(); y++) {
      int x0 = Integer.MAX_VALUE;
      int x1 = -1;
      for (int x = image.getWidth() / 3; x < image.getWidth(); x++) {
        if (near(image.getRGB(x, y) & 0xffffff, colour)) {
          x0 = Math.min(x0, x);
          x1 = Math.max(x1, x);
        }
      }
      if (x1 >= 0) {
        if (current == null) {
          current = new int[] {x0, y, x1, y};
        } else {
          current[0] = Math.min(current[0], x0);
          current[2] = Math.max(current[2], x1);
          current[3] = y;
        }
      } else if (current != null) {
        if (current[3] - current[1] >= 7) {
          bars.add(current);
        }
        current = null;
      }
    }
    if (current != null && current[3] - current[1] >= 7) {
      bars.add(current);
    }
    return bars;
  }

  private static boolean near(int rgb, int colour) {
    for (int shift = 0; shift <= 16; shift += 8) {
      if (Math.abs(((rgb >> shift) & 0xff) - ((colour >> shift) & 0xff)) > 3) {
        return false;
      }
    }
    return true;
  }

  private static String describe(List<int[]> bars) {
    StringBuilder text = new StringBuilder();
    for (int[] bar : bars) {
      text.append(String.format("[x %d-%d, y %d-%d] ", bar[0], bar[2], bar[1], bar[3]));
    }
    return text.toString().trim();
  }

  private static int count(String text, String part) {
    int count = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      count++;
    }
    return count;
  }
}
