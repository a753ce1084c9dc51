package dev.weft.core.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.core.export.TestHttpServer.Response;
import dev.weft.core.resource.Resource;
import dev.weft.core.trace.SpanData;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(30)
class HttpSpanExporterTest {

  private static final Resource RESOURCE =
      Resource.of("checkout", Collections.<String, String>emptyMap());
  private static final RetryPolicy FAST = RetryPolicy.of(5, 10, 50, 1.5);

  private TestHttpServer server;
  private LogCapture log;
  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final List<HttpSpanExporter> exporters = new ArrayList<HttpSpanExporter>();

  @BeforeEach
  void start() throws IOException {
    server = new TestHttpServer();
    log = new LogCapture();
  }

  @AfterEach
  void stop() {
    for (HttpSpanExporter exporter : exporters) {
      exporter.shutdown();
    }
    log.close();
    server.close();
  }

  private HttpSpanExporter.Builder builder(URL url) {
    return HttpSpanExporter.builder("test", url, new TestEncoder(), RESOURCE)
        .retryPolicy(FAST)
        .requestTimeoutMillis(5000)
        .exportTimeoutMillis(10_000)
        .sleeper(sleeper);
  }

  private HttpSpanExporter build(HttpSpanExporter.Builder builder) {
    HttpSpanExporter exporter = builder.build();
    exporters.add(exporter);
    return exporter;
  }

  private HttpSpanExporter exporter() {
    return build(builder(server.url("/v1/traces")));
  }

  private static List<SpanData> spans(String... names) {
    List<SpanData> spans = new ArrayList<SpanData>();
    for (String name : names) {
      spans.add(new TestSpan(name));
    }
    return spans;
  }

  @Test
  void export_success_postsTheEncodedBatchWithItsHeaders() {
    Map<String, String> headers = new LinkedHashMap<String, String>();
    headers.put("x-api-key", "secret");
    HttpSpanExporter exporter =
        build(builder(server.url("/v1/traces")).headers(headers).userAgent("weft-agent/1.2.3"));

    assertEquals(ExportResult.SUCCESS, exporter.export(spans("a", "b")));

    assertEquals(1, server.requests.size());
    TestHttpServer.Request request = server.requests.get(0);
    assertEquals("POST", request.method);
    assertEquals("/v1/traces", request.path);
    assertEquals("text/plain; charset=utf-8", request.header("Content-Type"));
    assertEquals("weft-agent/1.2.3", request.header("User-Agent"));
    assertEquals("secret", request.header("x-api-key"));
    assertNull(request.header("Content-Encoding"));
    assertEquals(TestEncoder.expected("checkout", "a", "b"), request.bodyText());
    assertTrue(log.lines().isEmpty(), log.lines().toString());
  }

  @Test
  void export_withGzip_sendsACompressedBodyThatDecodesToTheEncodersOutput() {
    HttpSpanExporter exporter = build(builder(server.url("/v1/traces")).gzip(true));

    assertEquals(ExportResult.SUCCESS, exporter.export(spans("a", "b", "c")));

    TestHttpServer.Request request = server.requests.get(0);
    assertEquals("gzip", request.header("Content-Encoding"));
    assertEquals(TestEncoder.expected("checkout", "a", "b", "c"), request.bodyText());
    assertFalse(Arrays.equals(request.rawBody, request.body), "what travels is not the plain body");
  }

  @Test
  void export_emptyBatch_sendsNothing() {
    assertEquals(ExportResult.SUCCESS, exporter().export(Collections.<SpanData>emptyList()));
    assertTrue(server.requests.isEmpty());
  }

  @Test
  void export_200WithAnHtmlPage_failsAtOnceWithAWarningNamingTheEndpoint() {
    server.enqueue(
        Response.of(200, "<html><body>Jaeger UI</body></html>", "Content-Type", "text/html"));

    assertEquals(ExportResult.FAILURE, exporter().export(spans("a")));

    assertEquals(1, server.requests.size(), "not retried");
    List<String> warnings = log.linesContaining("HTML page");
    assertEquals(1, warnings.size(), String.valueOf(log.lines()));
    assertTrue(warnings.get(0).contains(server.url("/v1/traces").toString()), warnings.get(0));
  }

  @Test
  void export_503Then200_isRetriedAndArrivesOnce() {
    server.enqueue(Response.of(503, "busy"));

    assertEquals(ExportResult.SUCCESS, exporter().export(spans("a")));

    assertEquals(2, server.requests.size());
    assertArrayEquals(server.requests.get(0).body, server.requests.get(1).body);
    assertEquals(1, sleeper.delays.size());
    long delay = sleeper.delays.get(0);
    assertTrue(delay >= 5 && delay <= 10, "a jittered first backoff of 10 ms: " + delay);
    assertTrue(log.lines().isEmpty(), "a retry that succeeds is no news: " + log.lines());
  }

  @ParameterizedTest
  @ValueSource(ints = {429, 502, 503, 504})
  void export_retryableStatus_isRetried(int status) {
    server.enqueue(Response.of(status, ""), Response.of(status, ""));

    assertEquals(ExportResult.SUCCESS, exporter().export(spans("a")));

    assertEquals(3, server.requests.size());
  }

  @Test
  void export_429WithRetryAfterSeconds_waitsAsTheServerAsks() {
    server.enqueue(Response.of(429, "slow down", "Retry-After", "1"));

    assertEquals(ExportResult.SUCCESS, exporter().export(spans("a")));

    assertEquals(Collections.singletonList(1000L), sleeper.delays);
    assertEquals(2, server.requests.size());
  }

  @Test
  void export_503WithRetryAfterBeyondTheExportTimeout_givesUpAtOnce() {
    server.enqueue(Response.of(503, "", "Retry-After", "120"));
    HttpSpanExporter exporter = build(builder(server.url("/v1/traces")).exportTimeoutMillis(2000));

    assertEquals(ExportResult.FAILURE, exporter.export(spans("a")));

    assertTrue(sleeper.delays.isEmpty());
    assertEquals(1, server.requests.size());
    assertEquals(1, log.linesContaining("retry after 120000 ms").size(), log.lines().toString());
  }

  @Test
  void warnings_neverShowCredentialsFromTheUrl() throws Exception {
    server.enqueue(Response.of(401, "who are you"));
    URL url = new URL("http://user:s3cret@127.0.0.1:" + server.url("/").getPort() + "/v1/traces");

    assertEquals(ExportResult.FAILURE, build(builder(url)).export(spans("a")));

    List<String> warnings = log.linesContaining("HTTP 401");
    assertEquals(1, warnings.size(), log.lines().toString());
    assertFalse(warnings.get(0).contains("s3cret"), warnings.get(0));
  }

  @Test
  void export_400_isNotRetriedAndWarnsOnceWithTheStatusAndBody() {
    server.enqueue(Response.of(400, "invalid span\nid"), Response.of(400, "invalid span id"));
    HttpSpanExporter exporter = exporter();

    assertEquals(ExportResult.FAILURE, exporter.export(spans("a", "b")));
    assertEquals(ExportResult.FAILURE, exporter.export(spans("c")));

    assertEquals(2, server.requests.size(), "one request per batch, no retries");
    assertTrue(sleeper.delays.isEmpty());
    List<String> warnings = log.linesContaining("HTTP 400");
    assertEquals(1, warnings.size(), "one warning per status per minute: " + log.lines());
    assertTrue(warnings.get(0).contains("2 spans dropped, not retried"), warnings.get(0));
    assertTrue(warnings.get(0).contains("Response: invalid span id"), warnings.get(0));
    assertTrue(warnings.get(0).contains(server.url("/v1/traces").toString()), warnings.get(0));
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 413, 500, 501, 301})
  void export_nonRetryableStatus_failsAtOnce(int status) {
    server.enqueue(Response.of(status, "no", "Location", "http://elsewhere/"));

    assertEquals(ExportResult.FAILURE, exporter().export(spans("a")));

    assertEquals(1, server.requests.size());
    assertEquals(1, log.linesContaining("HTTP " + status).size(), log.lines().toString());
  }

  @Test
  void export_distinctStatuses_eachGetTheirWarning() {
    server.enqueue(Response.of(401, ""), Response.of(404, ""), Response.of(401, ""));
    HttpSpanExporter exporter = exporter();

    exporter.export(spans("a"));
    exporter.export(spans("b"));
    exporter.export(spans("c"));

    assertEquals(1, log.linesContaining("HTTP 401").size(), log.lines().toString());
    assertEquals(1, log.linesContaining("HTTP 404").size(), log.lines().toString());
  }

  @Test
  void export_connectionRefused_isRetriedThenGivenUp() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    HttpSpanExporter exporter =
        build(builder(new URL("http://127.0.0.1:" + closedPort + "/v1/traces")));

    assertEquals(ExportResult.FAILURE, exporter.export(spans("a", "b", "c")));

    assertEquals(FAST.maxAttempts() - 1, sleeper.delays.size(), "waits between the attempts");
    List<String> warnings = log.linesContaining("failed after 5 attempts");
    assertEquals(1, warnings.size(), log.lines().toString());
    assertTrue(warnings.get(0).contains("ConnectException"), warnings.get(0));
    assertTrue(warnings.get(0).contains("3 spans dropped"), warnings.get(0));
  }

  @Test
  void export_connectionRefused_withRealWaits_endsWithinTheExportTimeout() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    // Backoffs of 100 ms: the 400 ms export timeout leaves room for a few attempts, not five.
    HttpSpanExporter exporter =
        build(
            HttpSpanExporter.builder(
                    "test",
                    new URL("http://127.0.0.1:" + closedPort + "/v1/traces"),
                    new TestEncoder(),
                    RESOURCE)
                .retryPolicy(RetryPolicy.of(5, 200, 200, 1.0))
                .exportTimeoutMillis(400));

    assertEquals(ExportResult.FAILURE, exporter.export(spans("a")));

    List<String> warnings = log.linesContaining("failed after");
    assertEquals(1, warnings.size(), log.lines().toString());
    assertFalse(warnings.get(0).contains("after 5 attempts"), warnings.get(0));
  }

  @Test
  void export_serverThatNeverAnswers_isCutOffByTheRequestTimeout() {
    server.enqueue(Response.hang(), Response.hang());
    HttpSpanExporter exporter =
        build(
            builder(server.url("/v1/traces"))
                .requestTimeoutMillis(200)
                .retryPolicy(RetryPolicy.of(2, 1, 1, 1.0)));

    assertEquals(ExportResult.FAILURE, exporter.export(spans("a")));

    assertEquals(2, server.requests.size(), "a timeout is retried");
    assertEquals(1, log.linesContaining("failed after 2 attempts").size(), log.lines().toString());
  }

  @Test
  void export_serverThatNeverAnswers_isCutOffByTheExportTimeout() {
    server.enqueue(Response.hang());
    HttpSpanExporter exporter =
        build(
            builder(server.url("/v1/traces"))
                .requestTimeoutMillis(60_000)
                .exportTimeoutMillis(300));

    assertEquals(ExportResult.FAILURE, exporter.export(spans("a")));

    assertEquals(1, server.requests.size());
  }

  @Test
  void export_serverThatStopsReadingTheBody_isCutOffByTheWatchdog() throws Exception {
    try (ServerSocket silent = new ServerSocket(0)) {
      final List<Socket> accepted = new CopyOnWriteArrayList<Socket>();
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    accepted.add(silent.accept());
                  }
                } catch (IOException closed) {
                  // test over
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      // Far more than socket buffers take: the write blocks, and no read timeout covers it.
      final byte[] huge = new byte[64 * 1024 * 1024];
      SpanBatchEncoder hugeEncoder =
          new SpanBatchEncoder() {
            @Override
            public byte[] encode(Resource resource, List<SpanData> spans) {
              return huge;
            }

            @Override
            public String contentType() {
              return "application/octet-stream";
            }
          };
      HttpSpanExporter exporter =
          build(
              HttpSpanExporter.builder(
                      "test",
                      new URL("http://127.0.0.1:" + silent.getLocalPort() + "/v1/traces"),
                      hugeEncoder,
                      RESOURCE)
                  .retryPolicy(RetryPolicy.NONE)
                  .requestTimeoutMillis(300));

      assertEquals(ExportResult.FAILURE, exporter.export(spans("a")));

      assertEquals(1, log.linesContaining("timed out after 300 ms").size(), log.lines().toString());
      for (Socket socket : accepted) {
        socket.close();
      }
    }
  }

  @Test
  void export_afterShutdown_failsWithoutARequest() {
    HttpSpanExporter exporter = exporter();
    exporter.shutdown();
    exporter.shutdown();

    assertEquals(ExportResult.FAILURE, exporter.export(spans("a")));

    assertTrue(server.requests.isEmpty());
  }

  @Test
  void shutdown_duringARetryWait_endsTheExport() throws Exception {
    for (int i = 0; i < 5; i++) {
      server.enqueue(Response.of(503, ""));
    }
    HttpSpanExporter exporter =
        build(
            HttpSpanExporter.builder("test", server.url("/v1/traces"), new TestEncoder(), RESOURCE)
                .retryPolicy(RetryPolicy.of(5, 60_000, 60_000, 1.0))
                .exportTimeoutMillis(600_000));
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      Future<ExportResult> result = executor.submit(() -> exporter.export(spans("a")));
      Poll.until("the first attempt is answered", () -> server.requests.size() == 1);

      exporter.shutdown();

      assertEquals(ExportResult.FAILURE, result.get(10, TimeUnit.SECONDS));
      assertEquals(1, server.requests.size());
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void export_invalidHeaderValue_failsWithoutThrowing() {
    Map<String, String> headers = new LinkedHashMap<String, String>();
    headers.put("x-bad", "line\nbreak");
    HttpSpanExporter exporter = build(builder(server.url("/v1/traces")).headers(headers));

    assertEquals(ExportResult.FAILURE, exporter.export(spans("a")));

    assertTrue(sleeper.delays.isEmpty(), "not retried");
    assertEquals(1, log.linesContaining("IllegalArgumentException").size(), log.lines().toString());
  }

  @Test
  void export_encoderThatThrows_failsWithoutThrowing() throws Exception {
    SpanBatchEncoder broken =
        new SpanBatchEncoder() {
          @Override
          public byte[] encode(Resource resource, List<SpanData> spans) {
            throw new IllegalStateException("encoder bug");
          }

          @Override
          public String contentType() {
            return "x/y";
          }
        };
    HttpSpanExporter exporter =
        build(HttpSpanExporter.builder("test", server.url("/v1/traces"), broken, RESOURCE));

    assertEquals(ExportResult.FAILURE, exporter.export(spans("a")));

    assertTrue(server.requests.isEmpty());
    assertEquals(1, log.linesContaining("encoder bug").size(), log.lines().toString());
  }

  @Test
  void responses_areReadSoTheConnectionIsReused() {
    server.enqueue(Response.of(200, "{\"partialSuccess\":{}}"), Response.of(400, "bad"));
    HttpSpanExporter exporter = exporter();

    exporter.export(spans("a"));
    exporter.export(spans("b"));
    exporter.export(spans("c"));

    assertEquals(3, server.requests.size());
    int port = server.requests.get(0).remotePort;
    assertEquals(port, server.requests.get(1).remotePort);
    assertEquals(port, server.requests.get(2).remotePort);
  }

  @Test
  void parseRetryAfter_readsDeltaSecondsAndHttpDates() {
    long now = 1_445_412_480_000L; // Wed, 21 Oct 2015 07:28:00 GMT
    assertEquals(120_000, HttpPoster.parseRetryAfterMillis("120", now));
    assertEquals(0, HttpPoster.parseRetryAfterMillis("0", now));
    assertEquals(
        30_000, HttpPoster.parseRetryAfterMillis("Wed, 21 Oct 2015 07:28:30 GMT", now));
    assertEquals(
        0,
        HttpPoster.parseRetryAfterMillis("Wed, 21 Oct 2015 07:27:00 GMT", now),
        "a date in the past means now");
    assertTrue(HttpPoster.parseRetryAfterMillis("99999999999999999999", now) > 0);
    assertEquals(-1, HttpPoster.parseRetryAfterMillis(null, now));
    assertEquals(-1, HttpPoster.parseRetryAfterMillis("", now));
    assertEquals(-1, HttpPoster.parseRetryAfterMillis("-5", now));
    assertEquals(-1, HttpPoster.parseRetryAfterMillis("soon", now));
  }

  @Test
  void retryPolicy_backoffGrowsByTheMultiplierUpToTheMaximum() {
    RetryPolicy policy = RetryPolicy.DEFAULT;
    assertEquals(1000, policy.backoffMillis(1));
    assertEquals(1500, policy.backoffMillis(2));
    assertEquals(2250, policy.backoffMillis(3));
    assertEquals(3375, policy.backoffMillis(4));
    assertEquals(5000, policy.backoffMillis(5));
    assertEquals(5000, policy.backoffMillis(50));
    for (int i = 0; i < 100; i++) {
      long delay = policy.delayMillis(2);
      assertTrue(delay >= 750 && delay <= 1500, "jitter within the upper half: " + delay);
    }
  }

  /** Records the waits without spending them. */
  private static final class RecordingSleeper implements HttpPoster.Sleeper {
    final List<Long> delays = new CopyOnWriteArrayList<Long>();

    @Override
    public boolean sleep(long millis) {
      delays.add(millis);
      return true;
    }
  }
}
