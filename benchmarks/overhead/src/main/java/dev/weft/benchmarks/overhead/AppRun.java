package dev.weft.benchmarks.overhead;

import java.io.IOException;
import java.lang.management.MemoryUsage;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of the application under one configuration: start it as a user would ({@code java
 * [-javaagent:…] -jar overhead-app.jar}), wait for its first successful answer, warm it up
 * under load, measure a window of load, then stop it with SIGTERM so that each agent flushes
 * what it holds, and count what reached the sink.
 *
 * <p>Not thread-safe; runs one application at a time.
 */
final class AppRun {

  /** Every figure of one run. Times and sizes in nanoseconds and bytes. */
  record Result(
      AgentSetup setup,
      int round,
      long timeToFirstRequestNanos,
      long cpuToFirstRequestNanos,
      long rssBytes,
      long rssAfterGcBytes,
      long heapCommittedAfterGcBytes,
      long liveHeapBytes,
      long nativeOutsideHeapBytes,
      int threads,
      int windowRequests,
      long windowNanos,
      long cpuPerRequestNanos,
      long p50Nanos,
      long p99Nanos,
      long allocatedPerRequest,
      double traceBytesPerRequest,
      double otherBytesPerRequest,
      double spansPerRequest) {

    /** Resident memory after the full GC beyond the committed heap. */
    long rssOutsideHeapBytes() {
      return rssAfterGcBytes - heapCommittedAfterGcBytes;
    }

    double requestsPerSecond() {
      return windowRequests * 1e9 / windowNanos;
    }

    @Override
    public String toString() {
      return String.format("%s round %d: first answer %.2f s (cpu %.2f s), %.0f req/s, "
              + "cpu/req %d µs, p50 %.2f ms, p99 %.2f ms, alloc/req %d B, "
              + "rss %d MB (%d MB after GC, %d MB outside the heap), live heap %d MB, "
              + "native outside the heap %.1f MB, threads %d, spans/req %.2f, "
              + "trace bytes/req %.0f",
          setup.label(), round, timeToFirstRequestNanos / 1e9, cpuToFirstRequestNanos / 1e9,
          requestsPerSecond(), cpuPerRequestNanos / 1000, p50Nanos / 1e6, p99Nanos / 1e6,
          allocatedPerRequest, rssBytes >> 20, rssAfterGcBytes >> 20, rssOutsideHeapBytes() >> 20,
          liveHeapBytes >> 20, nativeOutsideHeapBytes / 1048576.0, threads, spansPerRequest,
          traceBytesPerRequest);
    }
  }

  private static final Duration START_DEADLINE = Duration.ofSeconds(180);
  private static final Duration STOP_DEADLINE = Duration.ofSeconds(60);
  private static final String READY_PATH = "process-definition/key/order";

  private final Path appJar;
  private final Jdk jdk;
  private final int concurrency;
  private final int warmupRequests;
  private final int windowRequests;
  private final Path work;

  AppRun(Path appJar, Jdk jdk, int concurrency, int warmupRequests, int windowRequests,
      Path work) {
    this.appJar = appJar;
    this.jdk = jdk;
    this.concurrency = concurrency;
    this.warmupRequests = warmupRequests;
    this.windowRequests = windowRequests;
    this.work = work;
  }

  Result run(AgentSetup setup, int round) throws IOException, InterruptedException {
    try (OtlpSink sink = OtlpSink.start()) {
      int port = freePort();
      URI rest = URI.create("http://127.0.0.1:" + port + "/engine-rest/");
      List<String> command = new ArrayList<>();
      command.add(jdk.java().toString());
      // The same for every configuration, so that its own small cost cancels out.
      command.add("-XX:NativeMemoryTracking=summary");
      command.addAll(setup.jvmOptions(sink.endpoint(), "overhead-app"));
      command.addAll(List.of("-jar", appJar.toString(), "--server.port=" + port));
      Path log = work.resolve("app-" + setup.slug() + "-round" + round + ".log");
      long start = System.nanoTime();
      Process app = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
      try {
        int probes = awaitFirstAnswer(app, rest.resolve(READY_PATH), log);
        long timeToFirst = System.nanoTime() - start;
        long cpuToFirst = ProcStat.read(app.pid()).cpuNanos();
        String output = Files.readString(log);
        if (!setup.startedIn(output)) {
          throw new IOException(setup.label() + " did not start in the application; see " + log);
        }

        LoadGenerator load = new LoadGenerator(rest, concurrency);
        LoadGenerator.Result warmup = check(load.run(warmupRequests), "warm-up", log);
        int threads = ProcStat.read(app.pid()).threads();
        LoadGenerator.Result window;
        long cpu;
        long allocated;
        long rss;
        long rssAfterGc;
        long heapCommitted;
        long liveHeap;
        long nativeOutsideHeap;
        try (JvmProbe probe = JvmProbe.attach(app.pid())) {
          long allocatedBefore = probe.allocatedBytes();
          long cpuBefore = ProcStat.read(app.pid()).cpuNanos();
          window = check(load.run(windowRequests), "window", log);
          ProcStat after = ProcStat.read(app.pid());
          allocated = probe.allocatedBytes() - allocatedBefore;
          cpu = after.cpuNanos() - cpuBefore;
          rss = after.rssBytes();
          MemoryUsage heap = probe.heapAfterFullGc();
          liveHeap = heap.getUsed();
          heapCommitted = heap.getCommitted();
          // How far the heap grew under load is the collector's choice and varies from run to
          // run by more than an agent adds; the resident memory outside the committed heap
          // (metaspace, code, thread stacks, native buffers) is shown apart for that reason.
          rssAfterGc = settledRss(app.pid());
          nativeOutsideHeap = probe.nativeMemoryOutsideHeapBytes();
        }

        stop(app, log);
        // Every request the application answered: readiness probes that reached it, warm-up,
        // window. Both agents flushed their queues on SIGTERM, so the sink holds everything.
        double requests = probes + warmup.requests() + window.requests();
        return new Result(setup, round, timeToFirst, cpuToFirst, rss, rssAfterGc, heapCommitted,
            liveHeap, nativeOutsideHeap, threads, window.requests(), window.elapsedNanos(),
            cpu / window.requests(), window.p50Nanos(), window.p99Nanos(),
            allocated / window.requests(),
            sink.traceBytes() / requests, sink.otherBytes() / requests, sink.spans() / requests);
      } finally {
        app.destroyForcibly();
      }
    }
  }

  /**
   * Polls until the engine answers 200 for the deployed process; returns how many probes got an
   * HTTP answer (they are requests the agent may have traced).
   */
  private static int awaitFirstAnswer(Process app, URI ready, Path log)
      throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2))
        .build();
    long deadline = System.nanoTime() + START_DEADLINE.toNanos();
    int answered = 0;
    while (System.nanoTime() < deadline) {
      if (!app.isAlive()) {
        throw new IOException("the application exited with " + app.exitValue()
            + " before answering; its log:\n" + tail(log));
      }
      try {
        HttpResponse<Void> response = client.send(
            HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(10)).GET().build(),
            HttpResponse.BodyHandlers.discarding());
        answered++;
        if (response.statusCode() == 200) {
          return answered;
        }
      } catch (IOException notListeningYet) {
        // The connector is not open yet.
      }
      Thread.sleep(20);
    }
    throw new IOException("no answer from " + ready + " within " + START_DEADLINE
        + "; its log:\n" + tail(log));
  }

  private static LoadGenerator.Result check(LoadGenerator.Result result, String phase, Path log)
      throws IOException {
    if (result.errors() > 0) {
      throw new IOException(result.errors() + " of " + result.requests() + " requests of the "
          + phase + " failed, the first: " + result.firstError() + "; see " + log);
    }
    return result;
  }

  private static void stop(Process app, Path log) throws IOException, InterruptedException {
    app.destroy();
    if (!app.waitFor(STOP_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
      throw new IOException("the application did not exit within " + STOP_DEADLINE
          + " of SIGTERM; see " + log);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  /**
   * The resident size once it stops falling: G1 returns the heap a full collection shrank to the
   * system from a background thread, over some hundreds of milliseconds.
   */
  private static long settledRss(long pid) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    long previous = ProcStat.read(pid).rssBytes();
    while (System.nanoTime() < deadline) {
      Thread.sleep(250);
      long now = ProcStat.read(pid).rssBytes();
      if (previous - now < (1 << 20)) {
        return now;
      }
      previous = now;
    }
    return previous;
  }
}
