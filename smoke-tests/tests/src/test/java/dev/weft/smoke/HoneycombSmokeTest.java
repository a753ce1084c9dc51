package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

/**
 * The Honeycomb exporter in a real application ({@code otel.traces.exporter=otlp,honeycomb})
 * against a local server that speaks Honeycomb's batch API: every server span the OTLP collector
 * receives arrives as one Honeycomb event with the same ids, name, duration, status and
 * attributes, a failed request's exception as a span event of its own, at {@code
 * /1/batch/<service name>} with the key in {@code X-Honeycomb-Team}. The server refuses the very
 * first event as throttled (429 in the per-event answer, as Honeycomb does): the agent sends that
 * one event again and it arrives once. The key is in none of the application's output, with
 * {@code otel.javaagent.debug=true}.
 */
class HoneycombSmokeTest {

  private static final Duration SPAN_TIMEOUT = Duration.ofSeconds(30);
  private static final String SERVICE = "honeycomb-smoke";
  private static final String API_KEY = "hcaik_01smoke0test0key0never0logged";

  @RegisterExtension final AppLogsOnFailure logs = new AppLogsOnFailure();

  @Test
  void everySpanArrivesAsAnEventWithItsFields_andTheKeyIsNeverLogged() throws IOException {
    try (TestCollector collector = TestCollector.start();
        FakeHoneycomb honeycomb = FakeHoneycomb.start()) {
      AppProcess app =
          logs.register(
              AppProcess.builder(SmokeApp.JETTY9)
                  .agent(AgentJar.require())
                  .collector(collector)
                  .serviceName(SERVICE)
                  .property("otel.traces.exporter", "otlp,honeycomb")
                  .property("honeycomb.api.endpoint", honeycomb.url())
                  .property("honeycomb.api.key", API_KEY)
                  .property("otel.javaagent.debug", "true")
                  .logName(getClass().getSimpleName())
                  .start());
      SmokeHttp http = new SmokeHttp(app.port());
      for (int i = 0; i < 3; i++) {
        assertEquals("user /hc-" + i, http.get("/users/hc-" + i).body());
      }
      assertEquals(500, http.get("/boom").status());

      List<ReceivedSpan> spans =
          collector.awaitSpans(
              span ->
                  span.kind() == Span.SpanKind.SPAN_KIND_SERVER
                      && String.valueOf(span.attr("url.path")).matches("/users/hc-\\d|/boom"),
              4,
              SPAN_TIMEOUT);
      assertEquals(4, spans.size(), "server spans: " + spans);
      for (ReceivedSpan span : spans) {
        JsonObject event =
            honeycomb.awaitEvent(
                data -> span.spanId().equals(string(data, "trace.span_id")), SPAN_TIMEOUT);
        assertEventIsTheSpan(span, event);
      }
      ReceivedSpan boom = find(spans, "/boom");
      JsonObject exception =
          honeycomb.awaitEvent(
              data ->
                  "span_event".equals(string(data, "meta.annotation_type"))
                      && boom.spanId().equals(string(data, "trace.parent_id")),
              SPAN_TIMEOUT);
      Span.Event otlpException = boom.events("exception").get(0);
      JsonObject data = exception.getAsJsonObject("data");
      assertAll(
          () -> assertEquals("exception", string(data, "name")),
          () -> assertEquals(boom.traceId(), string(data, "trace.trace_id")),
          () -> assertEquals(boom.name(), string(data, "parent_name")),
          () -> assertEquals(SERVICE, string(data, "service.name")),
          () ->
              assertEquals(
                  ReceivedSpan.eventAttr(otlpException, "exception.type"),
                  string(data, "exception.type")),
          () ->
              assertEquals(
                  Instant.ofEpochSecond(0, otlpException.getTimeUnixNano()),
                  Instant.parse(exception.get("time").getAsString())));

      assertTrue(honeycomb.throttledOne.get(), "the server throttled one event");
      for (ReceivedSpan span : spans) {
        assertEquals(
            1,
            honeycomb.events(d -> span.spanId().equals(string(d, "trace.span_id"))).size(),
            "the span's event arrived once, the throttled one included: " + span);
      }
      for (FakeHoneycomb.Batch batch : honeycomb.batches) {
        assertEquals("/1/batch/" + SERVICE, batch.path);
        assertEquals(API_KEY, batch.apiKey);
        assertEquals("gzip", batch.contentEncoding);
      }

      app.stop();
      String output = Files.readString(app.log(), StandardCharsets.UTF_8);
      assertTrue(output.contains("Weft "), "the log is the agent's: " + app.log());
      assertFalse(output.contains(API_KEY), "the API key is in the application's output");
    }
  }

  private static void assertEventIsTheSpan(ReceivedSpan span, JsonObject event) {
    JsonObject data = event.getAsJsonObject("data");
    boolean failed = "/boom".equals(span.attr("url.path"));
    List<Executable> checks = new ArrayList<>();
    checks.add(() -> assertEquals(span.traceId(), string(data, "trace.trace_id")));
    checks.add(() -> assertFalse(data.has("trace.parent_id"), "a root has no parent field"));
    checks.add(() -> assertEquals(span.name(), string(data, "name")));
    checks.add(() -> assertEquals(SERVICE, string(data, "service.name")));
    checks.add(() -> assertEquals(SERVICE, string(data, "service_name")));
    checks.add(() -> assertEquals("server", string(data, "span.kind")));
    checks.add(
        () ->
            assertEquals(
                span.durationNanos() / 1e6, data.get("duration_ms").getAsDouble(), 0.001));
    checks.add(
        () ->
            assertEquals(
                Instant.ofEpochSecond(0, span.span().getStartTimeUnixNano()),
                Instant.parse(event.get("time").getAsString())));
    checks.add(() -> assertEquals(1, event.get("samplerate").getAsInt()));
    checks.add(() -> assertEquals(failed ? 2 : 0, data.get("status_code").getAsInt()));
    checks.add(() -> assertEquals(failed, data.has("error") && data.get("error").getAsBoolean()));
    checks.add(() -> assertEquals(span.attr("url.path"), string(data, "url.path")));
    checks.add(
        () -> assertEquals(span.attr("http.request.method"), string(data, "http.request.method")));
    checks.add(
        () ->
            assertEquals(
                span.attr("http.response.status_code"),
                data.get("http.response.status_code").getAsLong()));
    checks.add(() -> assertEquals(span.scopeName(), string(data, "library.name")));
    checks.add(
        () ->
            assertEquals(
                span.span().getEventsCount(), data.get("span.num_events").getAsInt()));
    assertAll("event of " + span, checks);
  }

  private static ReceivedSpan find(List<ReceivedSpan> spans, String path) {
    for (ReceivedSpan span : spans) {
      if (path.equals(span.attr("url.path"))) {
        return span;
      }
    }
    throw new AssertionError("no span for " + path + " in " + spans);
  }

  private static String string(JsonObject data, String field) {
    JsonElement value = data.get(field);
    return value == null || value.isJsonNull() ? null : value.getAsString();
  }

  /**
   * A loopback server answering {@code POST /1/batch/<dataset>} as Honeycomb does: one status per
   * event, 202 for each, except 429 for the first event it ever receives. Records every batch.
   */
  static final class FakeHoneycomb implements AutoCloseable {
    final List<Batch> batches = new CopyOnWriteArrayList<>();
    final AtomicBoolean throttledOne = new AtomicBoolean();
    private final HttpServer server;

    record Batch(String path, String apiKey, String contentEncoding, JsonArray events) {}

    private FakeHoneycomb(HttpServer server) {
      this.server = server;
      server.createContext("/1/batch/", this::handle);
      server.start();
    }

    static FakeHoneycomb start() {
      try {
        return new FakeHoneycomb(
            HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
      byte[] raw = exchange.getRequestBody().readAllBytes();
      String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
      InputStream in = new ByteArrayInputStream(raw);
      if ("gzip".equals(encoding)) {
        in = new GZIPInputStream(in);
      }
      JsonArray events =
          JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8))
              .getAsJsonArray();
      StringBuilder answer = new StringBuilder("[");
      JsonArray accepted = new JsonArray();
      for (int i = 0; i < events.size(); i++) {
        boolean throttle = throttledOne.compareAndSet(false, true);
        answer.append(i == 0 ? "" : ",");
        answer.append(throttle ? "{\"status\":429,\"error\":\"rate limited\"}" : "{\"status\":202}");
        if (!throttle) {
          accepted.add(events.get(i));
        }
      }
      batches.add(
          new Batch(
              exchange.getRequestURI().getPath(),
              exchange.getRequestHeaders().getFirst("X-Honeycomb-Team"),
              encoding,
              accepted));
      byte[] body = answer.append(']').toString().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    }

    /** The accepted events whose {@code data} matches, in arrival order. */
    List<JsonObject> events(Predicate<JsonObject> data) {
      List<JsonObject> matching = new ArrayList<>();
      for (Batch batch : batches) {
        for (JsonElement event : batch.events) {
          if (data.test(event.getAsJsonObject().getAsJsonObject("data"))) {
            matching.add(event.getAsJsonObject());
          }
        }
      }
      return matching;
    }

    JsonObject awaitEvent(Predicate<JsonObject> data, Duration timeout) {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        List<JsonObject> found = events(data);
        if (!found.isEmpty()) {
          return found.get(0);
        }
        if (System.nanoTime() - deadline > 0) {
          throw new AssertionError(
              "no matching event within " + timeout + "; batches: " + batches.size());
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted", e);
        }
      }
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
