package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The agent's promise under backend faults, each in a real application JVM: the application's
 * answers never change, the agent's output stays a bounded number of lines without stack traces,
 * the JVM exits promptly on SIGTERM, and every span that could be kept arrives, the rest counted
 * by cause in the agent's summary line at shutdown ({@code Weft stopped: ...}).
 */
class FaultMatrixSmokeTest {

  private static final Duration SPAN_TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern SUMMARY =
      Pattern.compile(
          "\\[weft\\] INFO Weft stopped: (\\d+) spans started, (\\d+) ended \\((\\d+) still open\\);"
              + " otlp: (\\d+) exported, (\\d+) dropped \\(queue full: (\\d+), export failed:"
              + " (\\d+), unsent at shutdown: (\\d+), ended after shutdown: (\\d+)\\)");

  @RegisterExtension final AppLogsOnFailure logs = new AppLogsOnFailure();

  /** 500 requests, SIGTERM right after the last answer, default schedule delay: all arrive. */
  @Test
  void everySpanOfRequestsAnsweredBeforeSigtermArrives() throws IOException {
    int requests = 500;
    try (TestCollector collector = TestCollector.start();
        AppProcess app =
            logs.register(
                AppProcess.builder(SmokeApp.JETTY9)
                    .agent(AgentJar.require())
                    .collector(collector)
                    .property("otel.bsp.schedule.delay", "5000")
                    .logName(getClass().getSimpleName() + "-sigterm")
                    .start())) {
      SmokeHttp http = new SmokeHttp(app.port());
      for (int i = 0; i < requests; i++) {
        assertEquals("user /sigterm-" + i, http.get("/users/sigterm-" + i).body());
      }
      assertTrue(app.stop(), "the JVM exits on SIGTERM");

      long received =
          collector.spans().stream()
              .filter(s -> String.valueOf(s.attr("url.path")).startsWith("/users/sigterm-"))
              .map(s -> s.attr("url.path"))
              .distinct()
              .count();
      Summary summary = Summary.of(app.log());
      assertAll(
          () -> assertEquals(requests, received, "every server span arrived once"),
          () -> assertEquals(requests, summary.exported, summary.line),
          () -> assertEquals(0, summary.dropped, summary.line));
    }
  }

  /**
   * The backend is down and the queue small (100) while 2,000 requests come fast: every answer
   * is unchanged and about as fast as without the agent, the agent says so in a few lines (not
   * one per batch), and the summary counts every ended span as exported or dropped by cause.
   */
  @Test
  void backendDownAndQueueOverflowing_answersUnchanged_fewLines_dropsCountedByCause()
      throws IOException {
    int requests = 2000;
    long[] withoutAgent;
    try (AppProcess plain =
        logs.register(
            AppProcess.builder(SmokeApp.JETTY9)
                .logName(getClass().getSimpleName() + "-down-without-agent")
                .start())) {
      withoutAgent = latencyMicros(new SmokeHttp(plain.port()), "/users/down-", requests);
    }
    try (AppProcess app =
        logs.register(
            AppProcess.builder(SmokeApp.JETTY9)
                .agent(AgentJar.require())
                .property("otel.exporter.otlp.endpoint", "http://127.0.0.1:" + closedPort())
                .property("otel.bsp.max.queue.size", "100")
                .property("otel.bsp.export.timeout", "1000")
                .logName(getClass().getSimpleName() + "-down")
                .start())) {
      long[] withAgent = latencyMicros(new SmokeHttp(app.port()), "/users/down-", requests);
      assertTrue(app.stop(), "the JVM exits on SIGTERM");
      String latencies = "request latency p50/p99 without agent " + percentile(withoutAgent, 50)
          + "/" + percentile(withoutAgent, 99) + " us, with agent and backend down "
          + percentile(withAgent, 50) + "/" + percentile(withAgent, 99) + " us";
      System.out.println(latencies);

      List<String> agentLines = agentLines(app.log());
      Summary summary = Summary.of(app.log());
      String shown = String.join("\n", agentLines);
      assertAll(
          () -> assertTrue(agentLines.size() <= 8, "a bounded number of lines:\n" + shown),
          // Loose on purpose: two cores shared with the test; an agent that waited for its
          // backend on the request path would add milliseconds to every request.
          () -> assertTrue(percentile(withAgent, 50) <= 3 * percentile(withoutAgent, 50) + 3000,
              latencies),
          () -> assertNoStackTrace(app.log()),
          () -> assertEquals(requests, summary.started, summary.line),
          () -> assertEquals(requests, summary.ended, summary.line),
          () -> assertEquals(0, summary.exported, summary.line),
          () -> assertEquals(requests, summary.dropped, "every ended span accounted for"),
          () -> assertTrue(summary.queueFull > 0, "the full queue dropped some: " + summary.line),
          () -> assertTrue(summary.exportFailed > 0, "failed exports dropped some: " + summary.line),
          () -> assertTrue(
              agentLines.stream().anyMatch(l -> l.startsWith("[weft] WARN Export to ")
                  && l.contains("127.0.0.1")),
              "a warning names the endpoint:\n" + shown));
    }
  }

  /**
   * Queue overflow at scale: a queue of 100, the backend down, 20,000 requests from 8 clients at
   * once. Memory stays bounded (the heap in use after a full GC grows by less than 16 MB from the
   * first thousand requests to the last; the resident set is printed), every answer is right,
   * and every ended span is exported or counted as dropped by cause.
   */
  @Test
  void queueOverflowUnderLoad_memoryBounded_dropsCountedByCause() throws Exception {
    int clients = 8;
    int perClient = 2500;
    try (AppProcess app =
        logs.register(
            AppProcess.builder(SmokeApp.JETTY9)
                .agent(AgentJar.require())
                .property("otel.exporter.otlp.endpoint", "http://127.0.0.1:" + closedPort())
                .property("otel.bsp.max.queue.size", "100")
                .property("otel.bsp.export.timeout", "1000")
                .logName(getClass().getSimpleName() + "-overflow")
                .start())) {
      latencyMicros(new SmokeHttp(app.port()), "/users/warm-", 1000);
      long rssAfterWarmUp = residentKilobytes(app.pid());
      long heapAfterWarmUp = heapUsedAfterGcKilobytes(app.pid());
      ExecutorService pool =
          Executors.newFixedThreadPool(clients);
      List<Future<long[]>> done = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        String prefix = "/users/load" + c + "-";
        done.add(pool.submit(() -> latencyMicros(new SmokeHttp(app.port()), prefix, perClient)));
      }
      for (Future<long[]> future : done) {
        future.get();
      }
      pool.shutdown();
      long rssAfterLoad = residentKilobytes(app.pid());
      long heapAfterLoad = heapUsedAfterGcKilobytes(app.pid());
      assertTrue(app.stop(), "the JVM exits on SIGTERM");

      Summary summary = Summary.of(app.log());
      long total = 1000 + (long) clients * perClient;
      String memory = "after warm-up: heap after GC " + heapAfterWarmUp / 1024 + " MB, resident "
          + rssAfterWarmUp / 1024 + " MB; after " + clients * perClient + " more requests: heap "
          + heapAfterLoad / 1024 + " MB, resident " + rssAfterLoad / 1024 + " MB";
      System.out.println(memory + "; " + summary.line);
      assertAll(
          () -> assertTrue(heapAfterLoad - heapAfterWarmUp < 16 * 1024, memory),
          // At least one server span per request sent; one more where the JDK client retried
          // a request on a pooled connection the server had closed (the server saw it twice).
          () -> assertTrue(summary.ended >= total && summary.ended <= total + clients, summary.line),
          () -> assertEquals(summary.started, summary.ended, summary.line),
          () -> assertEquals(summary.ended, summary.exported + summary.dropped, summary.line),
          () -> assertTrue(summary.queueFull > 0, summary.line),
          () -> assertNoStackTrace(app.log()));
    }
  }

  /** The heap in use right after a full GC ({@code jcmd GC.run}, then {@code GC.heap_info}). */
  private static long heapUsedAfterGcKilobytes(long pid) throws Exception {
    jcmd(pid, "GC.run");
    Matcher used = Pattern.compile("used (\\d+)K").matcher(jcmd(pid, "GC.heap_info"));
    assertTrue(used.find(), "no heap figure from jcmd GC.heap_info");
    return Long.parseLong(used.group(1));
  }

  private static String jcmd(long pid, String command) throws Exception {
    Path jcmd = SmokeJdk.home().resolve("bin").resolve("jcmd");
    Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
        .redirectErrorStream(true)
        .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0,
        "jcmd " + command + " failed: " + output);
    return output;
  }

  /** VmRSS of a Linux process, in kB. */
  private static long residentKilobytes(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new AssertionError("no VmRSS for process " + pid);
  }

  /**
   * A backend that accepts connections and never answers: the application is unaffected, and
   * the JVM exits within the export timeout and a small bound after SIGTERM.
   */
  @Test
  void backendThatNeverAnswers_appUnaffected_exitWithinTheExportTimeout() throws IOException {
    long exportTimeoutMillis = 3000;
    try (BlackHole blackHole = new BlackHole();
        AppProcess app =
            logs.register(
                AppProcess.builder(SmokeApp.JETTY9)
                    .agent(AgentJar.require())
                    .property("otel.exporter.otlp.endpoint", "http://127.0.0.1:" + blackHole.port())
                    .property("otel.bsp.export.timeout", Long.toString(exportTimeoutMillis))
                    .logName(getClass().getSimpleName() + "-silent")
                    .start())) {
      SmokeHttp http = new SmokeHttp(app.port());
      for (int i = 0; i < 50; i++) {
        SmokeHttp.Response response = http.get("/users/silent-" + i);
        assertEquals("user /silent-" + i, response.body());
        assertTrue(response.elapsed().toMillis() < 2000, "answered at once: " + response.elapsed());
      }
      long start = System.nanoTime();
      boolean exited = app.stop();
      long exitMillis = (System.nanoTime() - start) / 1_000_000;
      System.out.println("exit after SIGTERM with a silent backend: " + exitMillis + " ms");

      Summary summary = Summary.of(app.log());
      assertAll(
          () -> assertTrue(exited, "the JVM exits on SIGTERM"),
          () -> assertTrue(exitMillis < exportTimeoutMillis + 3000,
              "exited " + exitMillis + " ms after SIGTERM; export timeout " + exportTimeoutMillis),
          () -> assertTrue(blackHole.accepted() > 0, "the agent did try the backend"),
          () -> assertEquals(50, summary.ended, summary.line),
          () -> assertEquals(50, summary.dropped, summary.line),
          () -> assertNoStackTrace(app.log()));
    }
  }

  /**
   * The backend answers 503 for 20 s, then 200: the spans of requests answered during the outage
   * arrive once it is over, each once, within the default export timeout (30 s).
   */
  @Test
  void backendAnswering503For20s_spansEndedMeanwhileArriveAfterRecovery() throws Exception {
    int requests = 20;
    try (TestCollector collector = TestCollector.start()) {
      collector.answerWith(503);
      long outageStart = System.nanoTime();
      try (AppProcess app =
          logs.register(
              AppProcess.builder(SmokeApp.JETTY9)
                  .agent(AgentJar.require())
                  .collector(collector)
                  .logName(getClass().getSimpleName() + "-503")
                  .start())) {
        SmokeHttp http = new SmokeHttp(app.port());
        for (int i = 0; i < requests; i++) {
          assertEquals("user /outage-" + i, http.get("/users/outage-" + i).body());
        }
        collector.awaitRequests(
            r -> r.answeredStatus() == 503
                && r.spans().stream().anyMatch(sp -> isPath(sp, "/users/outage-")),
            1,
            SPAN_TIMEOUT);
        // The scenario is an outage of a given length: it ends 20 s after it began.
        long remainingNanos = outageStart + TimeUnit.SECONDS.toNanos(20) - System.nanoTime();
        if (remainingNanos > 0) {
          TimeUnit.NANOSECONDS.sleep(remainingNanos);
        }
        collector.answerWith(200);

        List<ReceivedSpan> delivered =
            collector.awaitSpans(sp -> isPath(sp, "/users/outage-"), requests, SPAN_TIMEOUT);
        assertTrue(app.stop(), "the JVM exits on SIGTERM");
        Summary summary = Summary.of(app.log());
        assertAll(
            () -> assertEquals(requests, collector.spans().stream()
                .filter(sp -> isPath(sp, "/users/outage-")).count(), "each span once"),
            () -> assertEquals(requests, delivered.stream().map(sp -> sp.attr("url.path"))
                .distinct().count()),
            () -> assertEquals(requests, summary.exported, summary.line),
            () -> assertEquals(0, summary.dropped, summary.line));
      }
    }
  }

  /** A 429 with {@code Retry-After: 2}: the agent waits those 2 s, then everything arrives. */
  @Test
  void backendAnswering429WithRetryAfter_waitsAsToldAndDeliversEverything() throws Exception {
    int requests = 5;
    try (TestCollector collector = TestCollector.start()) {
      collector.answerWith(429, "2");
      try (AppProcess app =
          logs.register(
              AppProcess.builder(SmokeApp.JETTY9)
                  .agent(AgentJar.require())
                  .collector(collector)
                  .logName(getClass().getSimpleName() + "-429")
                  .start())) {
        SmokeHttp http = new SmokeHttp(app.port());
        for (int i = 0; i < requests; i++) {
          assertEquals("user /throttled-" + i, http.get("/users/throttled-" + i).body());
        }
        TestCollector.ExportRequest throttled =
            collector.awaitRequests(
                r -> r.answeredStatus() == 429
                    && r.spans().stream().anyMatch(sp -> isPath(sp, "/users/throttled-")),
                1,
                SPAN_TIMEOUT).get(0);
        collector.answerWith(200);
        collector.awaitSpans(sp -> isPath(sp, "/users/throttled-"), requests, SPAN_TIMEOUT);
        TestCollector.ExportRequest accepted =
            collector.requests().stream()
                .filter(r -> r.answeredStatus() == 200
                    && r.spans().stream().anyMatch(sp -> isPath(sp, "/users/throttled-")))
                .findFirst().orElseThrow();
        long waitedMillis =
            TimeUnit.NANOSECONDS.toMillis(accepted.receivedAtNanos() - throttled.receivedAtNanos());
        assertTrue(app.stop(), "the JVM exits on SIGTERM");
        Summary summary = Summary.of(app.log());
        assertAll(
            () -> assertTrue(waitedMillis >= 1900, "retried after " + waitedMillis + " ms"),
            () -> assertEquals(requests, collector.spans().stream()
                .filter(sp -> isPath(sp, "/users/throttled-")).count(), "each span once"),
            () -> assertEquals(requests, summary.exported, summary.line),
            () -> assertEquals(0, summary.dropped, summary.line));
      }
    }
  }

  private static boolean isPath(ReceivedSpan span, String prefix) {
    return String.valueOf(span.attr("url.path")).startsWith(prefix);
  }

  /** Sends {@code count} requests for {@code prefix<i>}; their latencies, sorted. */
  private static long[] latencyMicros(SmokeHttp http, String prefix, int count) {
    long[] micros = new long[count];
    for (int i = 0; i < count; i++) {
      SmokeHttp.Response response = http.get(prefix + i);
      assertEquals(200, response.status());
      assertEquals("user " + prefix.substring("/users".length()) + i, response.body());
      micros[i] = TimeUnit.NANOSECONDS.toMicros(response.elapsed().toNanos());
    }
    Arrays.sort(micros);
    return micros;
  }

  private static long percentile(long[] sorted, int percent) {
    return sorted[Math.min(sorted.length - 1, sorted.length * percent / 100)];
  }

  private static List<String> agentLines(Path log) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      if (line.startsWith("[weft]")) {
        lines.add(line);
      }
    }
    return lines;
  }

  private static void assertNoStackTrace(Path log) throws IOException {
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      assertTrue(!line.startsWith("\tat ") && !line.startsWith("Caused by:"),
          "a stack trace in the app's output: " + line);
    }
  }

  /** A port nothing listens on: bound once, then closed. */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** The numbers of the {@code Weft stopped:} line. */
  private record Summary(String line, long started, long ended, long exported, long dropped,
      long queueFull, long exportFailed) {

    static Summary of(Path log) throws IOException {
      for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
        Matcher m = SUMMARY.matcher(line);
        if (m.matches()) {
          return new Summary(line, Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
              Long.parseLong(m.group(4)), Long.parseLong(m.group(5)), Long.parseLong(m.group(6)),
              Long.parseLong(m.group(7)));
        }
      }
      throw new AssertionError("no summary line at shutdown in " + log + ":\n"
          + String.join("\n", agentLines(log)));
    }
  }

  /** A loopback server that accepts connections and never reads or answers. */
  private static final class BlackHole implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> held = new ArrayList<>();
    private final Thread acceptor;

    BlackHole() throws IOException {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      acceptor = new Thread(this::acceptForever, "black-hole");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return server.getLocalPort();
    }

    synchronized int accepted() {
      return held.size();
    }

    private void acceptForever() {
      while (!server.isClosed()) {
        try {
          Socket socket = server.accept();
          synchronized (this) {
            held.add(socket);
          }
        } catch (IOException e) {
          return;
        }
      }
    }

    @Override
    public void close() {
      try {
        server.close();
        synchronized (this) {
          for (Socket socket : held) {
            socket.close();
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
