package dev.weft.benchmarks;

import com.sun.net.httpserver.HttpServer;
import dev.weft.api.Context;
import dev.weft.api.Scope;
import dev.weft.api.Span;
import dev.weft.api.SpanKind;
import dev.weft.api.Tracing;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One GET to a local server with the JDK's two HTTP clients, {@link HttpURLConnection} and {@link
 * HttpClient} ({@code send}), measured in a JVM without the agent ({@link
 * HttpClientNoAgentBenchmark}) and in one with it ({@link HttpClientAgentBenchmark}): the
 * difference is what the agent adds to an outgoing call, i.e. the CLIENT span (start, attributes,
 * end, the hand-over to the export queue) and the injected {@code traceparent} header, which the
 * server also has to read.
 *
 * <p>As in a traced service, a sampled span is current while the call runs, so the CLIENT span is
 * its child and recorded. With the agent it is a real SERVER span of the agent's tracer; without
 * it the API is a no-op and so is the span. The agent runs with {@code otel.traces.exporter=none}:
 * spans are still queued and taken off the queue, but never encoded or sent, so export cost (which
 * happens on the agent's thread, not the caller's) stays out of the figures.
 *
 * <p>The server is the JDK's {@code com.sun.net.httpserver} on 127.0.0.1 in the same JVM, answering
 * {@code 200 hello} with a Content-Length; both clients keep the connection alive, so an operation
 * is one request and response on an open connection, as in a service calling another repeatedly.
 * The server's work is in every figure, the same with and without the agent (the agent does not
 * trace this server).
 *
 * <p>One instance per fork and thread. Setup reports, on the fork's output, whether the server
 * received a {@code traceparent}: without one the agent run measures an uninstrumented call (the
 * client instrumentations are not in that agent jar).
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
public abstract class HttpClientCallBenchmark {

  static final byte[] BODY = "hello".getBytes(StandardCharsets.US_ASCII);
  /** Set in the with-agent fork, so that an agent that failed to start fails the run. */
  static final String EXPECT_AGENT = "weft.benchmark.expectAgent";

  static {
    // The JDK server writes a response's headers and body in two packets; with Nagle's algorithm
    // the second waits for the client's delayed ACK, and every call takes about 40 ms of idle
    // time. Read once, when the first server is created, so set before that.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private HttpServer server;
  private volatile String lastTraceparent;
  private URL url;
  private HttpClient httpClient;
  private HttpRequest request;
  private Span parent;
  private Scope scope;

  @Setup
  public void setUp() throws IOException, InterruptedException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/hello", exchange -> {
      try (InputStream in = exchange.getRequestBody()) {
        in.transferTo(OutputStream.nullOutputStream());
      }
      lastTraceparent = exchange.getRequestHeaders().getFirst("traceparent");
      exchange.sendResponseHeaders(200, BODY.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(BODY);
      }
    });
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    url = URI.create(base + "/hello").toURL();
    httpClient =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    request =
        HttpRequest.newBuilder(URI.create(base + "/hello")).timeout(Duration.ofSeconds(10)).build();

    parent =
        Tracing.tracer("dev.weft.benchmarks").start("GET /bench", SpanKind.SERVER, Context.root());
    scope = Context.root().with(parent).makeCurrent();

    report("HttpURLConnection", urlConnection());
    report("java.net.http.HttpClient", javaHttpClient());
  }

  private void report(String client, int status) {
    if (status != 200) {
      throw new IllegalStateException(client + " GET answered " + status);
    }
    String traceparent = lastTraceparent;
    lastTraceparent = null;
    if (!Tracing.isInstalled()) {
      if (Boolean.getBoolean(EXPECT_AGENT)) {
        throw new IllegalStateException(
            "the agent did not start in this fork (see its output above): measuring nothing");
      }
      System.out.println("[weft benchmark] no agent: " + client + " makes a plain call");
    } else if (traceparent == null) {
      System.out.println("[weft benchmark] agent installed, but " + client
          + " sent no traceparent: its instrumentation is not in this agent jar, so this fork"
          + " measures an uninstrumented call");
    } else {
      System.out.println("[weft benchmark] agent installed, current span recording: "
          + parent.isRecording() + "; " + client + " sent traceparent " + traceparent);
    }
  }

  @TearDown
  public void tearDown() {
    if (scope != null) {
      scope.close();
    }
    if (parent != null) {
      parent.end();
    }
    if (server != null) {
      server.stop(0);
    }
  }

  /** One GET with {@link HttpURLConnection}: status, then the body read to the end. */
  @Benchmark
  public int urlConnection() throws IOException {
    HttpURLConnection connection = (HttpURLConnection) url.openConnection();
    int status = connection.getResponseCode();
    try (InputStream in = connection.getInputStream()) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return status;
  }

  /** One GET with {@link HttpClient#send}, the body as a byte array. */
  @Benchmark
  public int javaHttpClient() throws IOException, InterruptedException {
    HttpResponse<byte[]> response =
        httpClient.send(request, HttpResponse.BodyHandlers.ofByteArray());
    return response.statusCode();
  }
}
