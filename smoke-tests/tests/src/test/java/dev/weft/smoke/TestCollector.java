package dev.weft.smoke;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP trace receiver for the smoke tests, on the JDK's own HTTP server at 127.0.0.1.
 *
 * <p>Accepts {@code POST /v1/traces} as {@code application/x-protobuf} or {@code application/json}
 * (OTLP/JSON: hex ids), optionally {@code Content-Encoding: gzip}. Every request is parsed and
 * recorded ({@link #requests()}); when the collector is told to answer an error status
 * ({@link #answerWith}) the request is refused with that status and its spans are <em>not</em>
 * accepted, as a real backend that is down would not keep them. Accepted spans are stored with
 * their resource attributes ({@link #spans()}). A request that cannot be parsed is answered 400
 * and recorded with its error, so a malformed payload shows up in every failure message.
 *
 * <p>Thread-safe: the server threads record, the test thread reads snapshots and polls with a
 * deadline ({@link #awaitSpans}).
 */
final class TestCollector implements AutoCloseable {

  static final String PATH = "/v1/traces";
  static final String PROTOBUF = "application/x-protobuf";
  static final String JSON = "application/json";

  /** OTLP/JSON encodes these as hex; protobuf's JSON mapping expects base64. */
  private static final Set<String> ID_FIELDS =
      Set.of("traceId", "spanId", "parentSpanId", "trace_id", "span_id", "parent_span_id");

  private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

  /**
   * One export request as received.
   *
   * @param contentType the media type without parameters
   * @param contentEncoding the Content-Encoding header, or "" when absent
   * @param answeredStatus the HTTP status the collector answered
   * @param spans the spans the request carried (accepted only when answered 200)
   * @param error why the request was refused as malformed, or null
   */
  record ExportRequest(
      String contentType,
      String contentEncoding,
      int answeredStatus,
      List<ReceivedSpan> spans,
      String error,
      long receivedAtNanos) {

    ExportRequest(String contentType, String contentEncoding, int answeredStatus,
        List<ReceivedSpan> spans, String error) {
      this(contentType, contentEncoding, answeredStatus, spans, error, System.nanoTime());
    }

    @Override
    public String toString() {
      return "POST " + contentType
          + (contentEncoding.isEmpty() ? "" : " (" + contentEncoding + ")")
          + " → " + answeredStatus + ", " + spans.size() + " spans"
          + (error == null ? "" : ", error: " + error);
    }
  }

  private final Object lock = new Object();
  private final List<ReceivedSpan> spans = new ArrayList<>(); // guarded by lock
  private final List<ExportRequest> requests = new ArrayList<>(); // guarded by lock
  private volatile int answerStatus = 200;
  private volatile String answerRetryAfter;
  private final int port;
  private HttpServer server; // guarded by lock; null while stopped
  private ExecutorService executor; // guarded by lock

  private TestCollector(int port) {
    this.port = port;
  }

  /** Starts a collector on a free port of 127.0.0.1. */
  static TestCollector start() {
    HttpServer server = bind(0);
    TestCollector collector = new TestCollector(server.getAddress().getPort());
    collector.serve(server);
    return collector;
  }

  int port() {
    return port;
  }

  /** The base URL to give the agent as {@code otel.exporter.otlp.endpoint}. */
  String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** From now on, answer every export request with {@code status} (200 accepts the spans). */
  void answerWith(int status) {
    answerWith(status, null);
  }

  /** Answers every export with {@code status} and, when not null, this {@code Retry-After}. */
  void answerWith(int status, String retryAfter) {
    answerRetryAfter = retryAfter;
    answerStatus = status;
  }

  /** Closes the listening socket, so exporters meet "connection refused". Idempotent. */
  void stop() {
    synchronized (lock) {
      if (server != null) {
        server.stop(0);
        executor.shutdownNow();
        server = null;
        executor = null;
      }
    }
  }

  /** Listens again on the same port after {@link #stop()}; recorded data is kept. */
  void restart() {
    synchronized (lock) {
      if (server == null) {
        serve(bind(port));
      }
    }
  }

  /** Forgets every recorded request and span. */
  void reset() {
    synchronized (lock) {
      spans.clear();
      requests.clear();
    }
  }

  /** A snapshot of the accepted spans, in arrival order. */
  List<ReceivedSpan> spans() {
    synchronized (lock) {
      return List.copyOf(spans);
    }
  }

  /** A snapshot of every export request received, in arrival order. */
  List<ExportRequest> requests() {
    synchronized (lock) {
      return List.copyOf(requests);
    }
  }

  /** The accepted spans grouped by hex trace id, traces in order of their first span. */
  Map<String, List<ReceivedSpan>> tracesById() {
    Map<String, List<ReceivedSpan>> traces = new LinkedHashMap<>();
    for (ReceivedSpan span : spans()) {
      traces.computeIfAbsent(span.traceId(), id -> new ArrayList<>()).add(span);
    }
    return traces;
  }

  /**
   * Polls until at least {@code count} accepted spans match, and returns all that match then.
   *
   * @throws AssertionError at the deadline, listing everything received
   */
  List<ReceivedSpan> awaitSpans(Predicate<ReceivedSpan> predicate, int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<ReceivedSpan> matching = new ArrayList<>();
      for (ReceivedSpan span : spans()) {
        if (predicate.test(span)) {
          matching.add(span);
        }
      }
      if (matching.size() >= count) {
        return matching;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(
            "expected at least " + count + " matching span(s) within " + timeout.toMillis()
                + " ms but " + matching.size() + " matched; " + describe());
      }
      pause();
    }
  }

  /** Polls until at least {@code count} export requests match; returns all that match then. */
  List<ExportRequest> awaitRequests(
      Predicate<ExportRequest> predicate, int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<ExportRequest> matching = new ArrayList<>();
      for (ExportRequest request : requests()) {
        if (predicate.test(request)) {
          matching.add(request);
        }
      }
      if (matching.size() >= count) {
        return matching;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(
            "expected at least " + count + " matching export request(s) within "
                + timeout.toMillis() + " ms but " + matching.size() + " matched; " + describe());
      }
      pause();
    }
  }

  /**
   * Proves absence: fails as soon as any export request arrives within {@code window}. A bounded
   * wait is the only way to show that nothing is sent; keep the window short.
   */
  void assertNothingReceivedWithin(Duration window) {
    long deadline = System.nanoTime() + window.toNanos();
    do {
      if (!requests().isEmpty()) {
        throw new AssertionError("expected no export requests, but got " + describe());
      }
      pause();
    } while (System.nanoTime() - deadline < 0);
  }

  /** Everything received so far, for failure messages. */
  String describe() {
    List<ExportRequest> requestSnapshot = requests();
    List<ReceivedSpan> spanSnapshot = spans();
    StringBuilder out = new StringBuilder();
    out.append("collector at ").append(endpoint()).append(" received ")
        .append(requestSnapshot.size()).append(" request(s) and accepted ")
        .append(spanSnapshot.size()).append(" span(s)");
    for (ExportRequest request : requestSnapshot) {
      out.append("\n  request: ").append(request);
    }
    for (ReceivedSpan span : spanSnapshot) {
      out.append("\n  span: ").append(span);
    }
    return out.toString();
  }

  @Override
  public void close() {
    stop();
  }

  private static HttpServer bind(int port) {
    try {
      return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("test collector cannot listen on 127.0.0.1:" + port, e);
    }
  }

  private void serve(HttpServer newServer) {
    ExecutorService newExecutor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "test-collector");
              t.setDaemon(true);
              return t;
            });
    newServer.setExecutor(newExecutor);
    newServer.createContext("/", this::handle);
    newServer.start();
    synchronized (lock) {
      server = newServer;
      executor = newExecutor;
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      if (!exchange.getRequestURI().getPath().equals(PATH)) {
        answer(exchange, 404, "text/plain", new byte[0]);
        return;
      }
      if (!exchange.getRequestMethod().equals("POST")) {
        answer(exchange, 405, "text/plain", new byte[0]);
        return;
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      String contentType = mediaType(exchange.getRequestHeaders().getFirst("Content-Type"));
      String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
      encoding = encoding == null ? "" : encoding.trim().toLowerCase(Locale.ROOT);

      List<ReceivedSpan> received;
      try {
        received = parse(contentType, encoding, body);
      } catch (IOException | RuntimeException e) {
        record(new ExportRequest(contentType, encoding, 400, List.of(), e.toString()), false);
        answer(exchange, 400, "text/plain", e.toString().getBytes(StandardCharsets.UTF_8));
        return;
      }
      String retryAfter = answerRetryAfter;
      int status = answerStatus;
      record(new ExportRequest(contentType, encoding, status, received, null), status == 200);
      if (status != 200 && retryAfter != null) {
        exchange.getResponseHeaders().set("Retry-After", retryAfter);
      }
      if (status != 200) {
        answer(exchange, status, "text/plain", new byte[0]);
      } else if (contentType.equals(JSON)) {
        answer(exchange, 200, JSON, "{}".getBytes(StandardCharsets.UTF_8));
      } else {
        answer(exchange, 200, PROTOBUF, ExportTraceServiceResponse.getDefaultInstance().toByteArray());
      }
    } finally {
      exchange.close();
    }
  }

  private void record(ExportRequest request, boolean accept) {
    synchronized (lock) {
      requests.add(request);
      if (accept) {
        spans.addAll(request.spans());
      }
    }
  }

  private static List<ReceivedSpan> parse(String contentType, String encoding, byte[] body)
      throws IOException {
    byte[] payload;
    if (encoding.isEmpty() || encoding.equals("identity")) {
      payload = body;
    } else if (encoding.equals("gzip")) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
        payload = in.readAllBytes();
      }
    } else {
      throw new IOException("unsupported Content-Encoding " + encoding);
    }
    ExportTraceServiceRequest request;
    if (contentType.equals(PROTOBUF)) {
      request = ExportTraceServiceRequest.parseFrom(payload);
    } else if (contentType.equals(JSON)) {
      request = parseOtlpJson(new String(payload, StandardCharsets.UTF_8));
    } else {
      throw new IOException("unsupported Content-Type '" + contentType + "'");
    }
    List<ReceivedSpan> received = new ArrayList<>();
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      Map<String, Object> resource =
          Collections.unmodifiableMap(
              ReceivedSpan.toMap(resourceSpans.getResource().getAttributesList()));
      for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
        for (Span span : scopeSpans.getSpansList()) {
          received.add(new ReceivedSpan(span, resource, scopeSpans.getScope().getName(), contentType));
        }
      }
    }
    return received;
  }

  /** Parses OTLP/JSON: its ids are hex, so they become base64 before protobuf's JSON parser. */
  static ExportTraceServiceRequest parseOtlpJson(String json) throws InvalidProtocolBufferException {
    JsonElement root = JsonParser.parseString(json);
    hexIdsToBase64(root);
    ExportTraceServiceRequest.Builder builder = ExportTraceServiceRequest.newBuilder();
    JsonFormat.parser().ignoringUnknownFields().merge(root.toString(), builder);
    return builder.build();
  }

  private static void hexIdsToBase64(JsonElement element) {
    if (element.isJsonObject()) {
      JsonObject object = element.getAsJsonObject();
      for (Map.Entry<String, JsonElement> member : object.entrySet()) {
        JsonElement value = member.getValue();
        if (ID_FIELDS.contains(member.getKey()) && value.isJsonPrimitive()) {
          byte[] id;
          try {
            id = Ids.parseHex(value.getAsString());
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                "OTLP/JSON " + member.getKey() + " is not hex: '" + value.getAsString() + "'", e);
          }
          member.setValue(new JsonPrimitive(Base64.getEncoder().encodeToString(id)));
        } else {
          hexIdsToBase64(value);
        }
      }
    } else if (element.isJsonArray()) {
      JsonArray array = element.getAsJsonArray();
      for (JsonElement item : array) {
        hexIdsToBase64(item);
      }
    }
  }

  private static String mediaType(String header) {
    if (header == null) {
      return "";
    }
    int semicolon = header.indexOf(';');
    String type = semicolon < 0 ? header : header.substring(0, semicolon);
    return type.trim().toLowerCase(Locale.ROOT);
  }

  private static void answer(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(POLL_INTERVAL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting", e);
    }
  }
}
