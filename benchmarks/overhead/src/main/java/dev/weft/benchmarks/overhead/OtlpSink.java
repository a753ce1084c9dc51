package dev.weft.benchmarks.overhead;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * A local OTLP/HTTP receiver that answers every export with 200 and keeps nothing but counts:
 * the bytes each signal sent on the wire, the export requests, and the spans in trace exports.
 * Both agents under test export to it, so neither pays for a slow or failing backend, and the
 * bytes and spans per request come from what an agent actually sent.
 *
 * <p>Counters are safe to read from any thread while exports arrive.
 */
final class OtlpSink implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicLong traceBytes = new AtomicLong();
  private final AtomicLong otherBytes = new AtomicLong();
  private final AtomicLong traceRequests = new AtomicLong();
  private final AtomicLong spans = new AtomicLong();

  private OtlpSink(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts a sink on a free loopback port. */
  static OtlpSink start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "otlp-sink");
      t.setDaemon(true);
      return t;
    });
    OtlpSink sink = new OtlpSink(server, executor);
    server.createContext("/", sink::handle);
    server.setExecutor(executor);
    server.start();
    return sink;
  }

  /** The base URL to give an agent as {@code otel.exporter.otlp.endpoint}. */
  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  long traceBytes() {
    return traceBytes.get();
  }

  /** Bytes of metric and log exports (the OpenTelemetry agent sends both by default). */
  long otherBytes() {
    return otherBytes.get();
  }

  long traceRequests() {
    return traceRequests.get();
  }

  long spans() {
    return spans.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (exchange.getRequestURI().getPath().endsWith("/v1/traces")) {
        traceBytes.addAndGet(body.length);
        traceRequests.incrementAndGet();
        spans.addAndGet(countSpans(exchange, body));
      } else {
        otherBytes.addAndGet(body.length);
      }
      exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      // An empty ExportTraceServiceResponse: every span accepted.
      exchange.sendResponseHeaders(200, -1);
    }
  }

  private static long countSpans(HttpExchange exchange, byte[] body) {
    try {
      byte[] plain = body;
      if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
          plain = in.readAllBytes();
        }
      }
      return OtlpSpanCounter.countSpans(plain);
    } catch (IOException | RuntimeException e) {
      // Not protobuf (an agent configured for JSON): the bytes still count, the spans cannot.
      return 0;
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
