package dev.weft.core.export.honeycomb;

import static dev.weft.core.export.JsonTree.array;
import static dev.weft.core.export.JsonTree.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.api.Span;
import dev.weft.api.SpanKind;
import dev.weft.api.StatusCode;
import dev.weft.core.config.ConfigProperties;
import dev.weft.core.export.ExportResult;
import dev.weft.core.export.ExporterContext;
import dev.weft.core.export.HttpPoster;
import dev.weft.core.export.JsonTree;
import dev.weft.core.export.LogCapture;
import dev.weft.core.export.RetryPolicy;
import dev.weft.core.export.SpanExporter;
import dev.weft.core.export.SpanExporters;
import dev.weft.core.export.TestHttpServer;
import dev.weft.core.export.otlp.RecordingTracer;
import dev.weft.core.log.AgentLog;
import dev.weft.core.resource.Resource;
import dev.weft.core.sampler.ParentBasedSampler;
import dev.weft.core.sampler.Sampler;
import dev.weft.core.sampler.Samplers;
import dev.weft.core.sampler.TraceIdRatioSampler;
import dev.weft.core.trace.SpanData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Honeycomb exporter against a local server standing in for Honeycomb's batch API: the
 * request and every field of every event as Honeycomb would read them, its per-event answers,
 * its size and field limits, and the API key's secrecy.
 */
class HoneycombSpanExporterTest {

  private static final String KEY = "hcaik_01hsecretsecretsecretsecret";
  private static final Map<String, String> EXTRA = new HashMap<>();

  static {
    EXTRA.put("deployment.environment.name", "prod");
  }

  private static final Resource RESOURCE = Resource.of("checkout", EXTRA);
  private static final RetryPolicy QUICK = RetryPolicy.of(3, 5, 5, 1.0);

  @AfterEach
  void debugOff() {
    AgentLog.setDebug(false);
  }

  @Test
  void postsGzippedEventsWithEveryField() throws Exception {
    RecordingTracer tracer = new RecordingTracer();
    Span root = tracer.startRoot("servlet", "GET /orders/{id}", SpanKind.SERVER);
    root.setAttribute("http.response.status_code", 500L);
    root.setAttribute("http.route", "/orders/{id}");
    root.setAttribute("ratio", 0.5);
    root.setAttribute("cached", false);
    root.setAttribute("tags", new String[] {"a", "b"});
    root.setAttribute("name", "an attribute may not replace the span name");
    Span child = tracer.startChild("jdbc", "SELECT orders", SpanKind.CLIENT, root);
    child.recordException(new IllegalStateException("deadlock"));
    child.setStatus(StatusCode.ERROR, "deadlock");
    child.end();
    root.setStatus(StatusCode.ERROR);
    root.end();
    List<SpanData> spans = tracer.ended();
    SpanData jdbc = spans.get(0);
    SpanData server = spans.get(1);

    try (TestHttpServer honeycomb = new TestHttpServer()) {
      honeycomb.enqueue(accepted(3));
      SpanExporter exporter =
          create(honeycomb, "my dataset", TraceIdRatioSampler.create(0.1), Collections.emptyMap());
      assertEquals(ExportResult.SUCCESS, exporter.export(spans));
      exporter.shutdown();

      TestHttpServer.Request request = honeycomb.requests.get(0);
      assertEquals("POST", request.method);
      assertEquals("/1/batch/my dataset", request.path);
      assertEquals(KEY, request.header("X-Honeycomb-Team"));
      assertEquals("gzip", request.header("Content-Encoding"));
      assertEquals("application/json", request.header("Content-Type"));
      assertEquals("weft-agent/9.9.9", request.header("User-Agent"));

      List<Object> events = array(JsonTree.parse(request.bodyText()));
      assertEquals(3, events.size(), "two spans and the exception event");

      Map<String, Object> dbEvent = object(events.get(0));
      assertEquals(10L, dbEvent.get("samplerate"), "traceidratio 0.1 stands for 10 requests");
      assertEquals(Instant.ofEpochSecond(0, jdbc.startEpochNanos()),
          Instant.parse((String) dbEvent.get("time")));
      Map<String, Object> db = object(dbEvent.get("data"));
      assertEquals(jdbc.spanContext().traceIdHex(), db.get("trace.trace_id"));
      assertEquals(jdbc.spanContext().spanIdHex(), db.get("trace.span_id"));
      assertEquals(server.spanContext().spanIdHex(), db.get("trace.parent_id"));
      assertEquals("SELECT orders", db.get("name"));
      assertEquals("checkout", db.get("service.name"));
      assertEquals("checkout", db.get("service_name"));
      assertEquals((jdbc.endEpochNanos() - jdbc.startEpochNanos()) / 1e6, db.get("duration_ms"));
      assertEquals("client", db.get("span.kind"));
      assertEquals(2L, db.get("status_code"));
      assertEquals("deadlock", db.get("status_message"));
      assertEquals(Boolean.TRUE, db.get("error"));
      assertEquals(1L, db.get("span.num_events"));
      assertEquals("jdbc", db.get("library.name"));
      assertEquals("9.9.9", db.get("library.version"));
      assertEquals("prod", db.get("deployment.environment.name"), "resource attributes");

      Map<String, Object> exception = object(object(events.get(1)).get("data"));
      assertEquals("span_event", exception.get("meta.annotation_type"));
      assertEquals("exception", exception.get("name"));
      assertEquals(jdbc.spanContext().spanIdHex(), exception.get("trace.parent_id"));
      assertEquals(jdbc.spanContext().traceIdHex(), exception.get("trace.trace_id"));
      assertEquals("SELECT orders", exception.get("parent_name"));
      assertEquals("checkout", exception.get("service.name"));
      assertEquals("java.lang.IllegalStateException", exception.get("exception.type"));
      assertFalse(exception.containsKey("trace.span_id"));
      assertEquals(Instant.ofEpochSecond(0, jdbc.events().get(0).epochNanos()),
          Instant.parse((String) object(events.get(1)).get("time")));

      Map<String, Object> root1 = object(object(events.get(2)).get("data"));
      assertFalse(root1.containsKey("trace.parent_id"), "a root has no parent");
      assertEquals("server", root1.get("span.kind"));
      assertEquals("GET /orders/{id}", root1.get("name"), "the span's name wins");
      assertEquals(500L, root1.get("http.response.status_code"));
      assertEquals(0.5, root1.get("ratio"));
      assertEquals(Boolean.FALSE, root1.get("cached"));
      assertEquals("[\"a\",\"b\"]", root1.get("tags"));
      assertEquals(2L, root1.get("status_code"));
      assertFalse(root1.containsKey("status_message"));
    }
  }

  @Test
  void resendsOnlyTheEventsHoneycombAsksFor() throws Exception {
    List<SpanData> spans = spans("a", "b", "c", "d");
    try (TestHttpServer honeycomb = new TestHttpServer();
        LogCapture log = new LogCapture()) {
      honeycomb.enqueue(
          TestHttpServer.Response.of(200,
              "[{\"status\":202},{\"status\":400,\"error\":\"bad event\"},"
                  + "{\"status\":429,\"error\":\"rate limited\"},{\"status\":503}]"),
          TestHttpServer.Response.of(200, "[{\"status\":202},{\"status\":202}]"));
      SpanExporter exporter = direct(honeycomb, HoneycombSpanExporter.MAX_BATCH_BYTES);
      assertEquals(ExportResult.SUCCESS, exporter.export(spans));
      exporter.shutdown();

      assertEquals(2, honeycomb.requests.size());
      assertEquals(java.util.Arrays.asList("c", "d"), names(honeycomb.requests.get(1)), "only the retryable ones");
      List<String> warnings = log.linesContaining("Honeycomb rejected");
      assertEquals(1, warnings.size(), log.lines().toString());
      assertTrue(warnings.get(0).contains("1 of 4 events"), warnings.get(0));
      assertTrue(warnings.get(0).contains("1 x 400 'bad event'"), warnings.get(0));
    }
  }

  @Test
  void eventsStillRefusedWhenAttemptsRunOutAreCounted() throws Exception {
    try (TestHttpServer honeycomb = new TestHttpServer();
        LogCapture log = new LogCapture()) {
      honeycomb.enqueue(
          TestHttpServer.Response.of(200, "[{\"status\":202},{\"status\":500}]"),
          TestHttpServer.Response.of(200, "[{\"status\":500}]"),
          TestHttpServer.Response.of(200, "[{\"status\":500}]"));
      SpanExporter exporter = direct(honeycomb, HoneycombSpanExporter.MAX_BATCH_BYTES);
      exporter.export(spans("ok", "stuck"));
      exporter.shutdown();

      assertEquals(3, honeycomb.requests.size(), "three attempts in all");
      assertEquals(java.util.Arrays.asList("stuck"), names(honeycomb.requests.get(2)));
      List<String> warnings = log.linesContaining("Honeycomb rejected 1 of 2 events");
      assertEquals(1, warnings.size(), log.lines().toString());
    }
  }

  @Test
  void aLargeBatchIsSplitIntoRequestsUnderTheLimit() throws Exception {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      names.add("span-" + i);
    }
    List<SpanData> spans = spans(names.toArray(new String[0]));
    int limit = 4000;
    try (TestHttpServer honeycomb = new TestHttpServer()) {
      SpanExporter exporter = direct(honeycomb, limit);
      // Every answer is read as "no per-event status", which counts as accepted.
      assertEquals(ExportResult.SUCCESS, exporter.export(spans));
      exporter.shutdown();

      assertTrue(honeycomb.requests.size() > 1, "split: " + honeycomb.requests.size());
      List<String> received = new ArrayList<>();
      for (TestHttpServer.Request request : honeycomb.requests) {
        assertTrue(request.bodyText().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
            <= limit, "each body within the limit");
        received.addAll(names(request));
      }
      assertEquals(names, received, "every event once, in order");
    }
  }

  @Test
  void anOversizedEventIsTruncatedNotLost() {
    RecordingTracer tracer = new RecordingTracer();
    Span span = tracer.startRoot("servlet", "POST /upload", SpanKind.SERVER);
    StringBuilder huge = new StringBuilder();
    for (int i = 0; i < 50_000; i++) {
      huge.append((char) ('a' + i % 26));
    }
    span.setAttribute("request.body", huge.toString());
    for (int i = 0; i < 100; i++) {
      span.setAttribute("attr." + i, (long) i);
    }
    span.end();

    HoneycombEventEncoder encoder = new HoneycombEventEncoder(RESOURCE, "1", 1, 10_000, 60);
    byte[] event = encoder.encode(tracer.ended()).get(0);
    assertTrue(event.length <= 10_000, "within the event limit: " + event.length);
    Map<String, Object> data = object(object(JsonTree.parse(event)).get("data"));
    assertEquals(Boolean.TRUE, data.get("meta.weft.truncated"));
    assertTrue(((String) data.get("request.body")).startsWith("abcdefghij"));
    assertEquals("POST /upload", data.get("name"), "the fixed fields are kept");
    assertTrue(data.size() <= 60, "at most the field limit: " + data.size());
    long dropped = (Long) data.get("meta.weft.dropped_fields");
    assertTrue(dropped > 0);
    // 12 fixed fields, the resource's attributes but service.name, the span's 101 attributes.
    long fields = 12 + (RESOURCE.attributes().size() - 1) + 101;
    assertEquals(fields, data.size() - 2 + dropped, "each field written or counted: " + data);
  }

  @Test
  void theKeyIsInNoLogLineEvenWhenTheServerEchoesIt() throws Exception {
    AgentLog.setDebug(true);
    try (TestHttpServer honeycomb = new TestHttpServer();
        LogCapture log = new LogCapture()) {
      honeycomb.enqueue(TestHttpServer.Response.of(401, "{\"error\":\"unknown API key " + KEY + "\"}"));
      SpanExporter exporter =
          create(honeycomb, "ds", Samplers.defaultSampler(), Collections.emptyMap());
      assertEquals(ExportResult.FAILURE, exporter.export(spans("a")));
      assertFalse(exporter.toString().contains(KEY), exporter.toString());
      exporter.shutdown();

      assertEquals(1, honeycomb.requests.size(), "401 is not retried");
      List<String> warnings = log.linesContaining("HTTP 401");
      assertEquals(1, warnings.size(), log.lines().toString());
      assertTrue(warnings.get(0).contains("/1/batch/ds"), warnings.get(0));
      for (String line : log.lines()) {
        assertFalse(line.contains(KEY), "the key leaked: " + line);
      }
    }
  }

  @Test
  void settingsFromTheEnvironmentAndDefaults() throws Exception {
    try (TestHttpServer honeycomb = new TestHttpServer();
        LogCapture log = new LogCapture()) {
      Map<String, String> env = new HashMap<>();
      env.put("HONEYCOMB_API_KEY", KEY);
      env.put("HONEYCOMB_DATASET", "from-env");
      env.put("HONEYCOMB_API_ENDPOINT", honeycomb.baseUrl());
      honeycomb.enqueue(accepted(1));
      SpanExporter exporter =
          new HoneycombExporterFactory()
              .create(context(ConfigProperties.of(Collections.emptyMap(), env),
                  Samplers.defaultSampler()));
      exporter.export(spans("a"));
      exporter.shutdown();
      assertEquals("/1/batch/from-env", honeycomb.requests.get(0).path);
      assertEquals(KEY, honeycomb.requests.get(0).header("X-Honeycomb-Team"));
      assertEquals(Collections.<String>emptyList(), log.lines());

      HoneycombSpanExporter defaults =
          (HoneycombSpanExporter)
              new HoneycombExporterFactory()
                  .create(context(ConfigProperties.of(Collections.emptyMap(),
                      Collections.emptyMap()), Samplers.defaultSampler()));
      defaults.shutdown();
      assertEquals("https://api.honeycomb.io/1/batch/checkout", defaults.endpoint().toString());
      assertEquals(1, log.linesContaining("No Honeycomb API key").size(), log.lines().toString());
    }
    assertEquals(
        Collections.singletonList("honeycomb"),
        SpanExporters.names(ConfigProperties.of(
            Collections.singletonMap("otel.traces.exporter", "honeycomb"))));
  }

  @Test
  void sampleRateFollowsTheSampler() {
    assertEquals(10, HoneycombExporterFactory.sampleRate(TraceIdRatioSampler.create(0.1)));
    assertEquals(4, HoneycombExporterFactory.sampleRate(
        ParentBasedSampler.create(TraceIdRatioSampler.create(0.25))));
    assertEquals(3, HoneycombExporterFactory.sampleRate(TraceIdRatioSampler.create(1 / 3.0)));
    assertEquals(1, HoneycombExporterFactory.sampleRate(TraceIdRatioSampler.create(1.0)));
    assertEquals(1, HoneycombExporterFactory.sampleRate(Samplers.defaultSampler()));
  }

  @Test
  void rfc3339() {
    for (long nanos : new long[] {0L, 1L, 1_700_000_000_123_456_789L, 951_782_400_000_000_000L,
        -1L, 4_102_444_800_000_000_000L}) {
      assertEquals(Instant.ofEpochSecond(0, nanos), Instant.parse(Rfc3339.format(nanos)),
          "at " + nanos);
    }
    assertEquals("2023-11-14T22:13:20.123456789Z", Rfc3339.format(1_700_000_000_123_456_789L));
  }

  private static TestHttpServer.Response accepted(int events) {
    StringBuilder body = new StringBuilder("[");
    for (int i = 0; i < events; i++) {
      body.append(i == 0 ? "" : ",").append("{\"status\":202}");
    }
    return TestHttpServer.Response.of(200, body.append(']').toString());
  }

  private static SpanExporter create(
      TestHttpServer honeycomb, String dataset, Sampler sampler, Map<String, String> more) {
    Map<String, String> settings = new HashMap<>(more);
    settings.put("honeycomb.api.key", KEY);
    settings.put("honeycomb.dataset", dataset);
    settings.put("honeycomb.api.endpoint", honeycomb.baseUrl());
    return new HoneycombExporterFactory()
        .create(context(ConfigProperties.of(settings, Collections.emptyMap()), sampler));
  }

  private static ExporterContext context(ConfigProperties config, Sampler sampler) {
    return new ExporterContext(config, RESOURCE, sampler, 5_000, "9.9.9");
  }

  /** The exporter with a quick retry policy and a chosen batch limit. */
  private static SpanExporter direct(TestHttpServer honeycomb, int maxBatchBytes) {
    HttpPoster poster = HttpPoster.create("honeycomb", HoneycombExporterFactory.batchUrl(
            honeycomb.url(""), "ds"), Collections.singletonMap("X-Honeycomb-Team", KEY),
        "application/json", true, 5_000, QUICK, "weft-agent/test");
    return new HoneycombSpanExporter(new HoneycombEventEncoder(RESOURCE, "1", 1), poster, "ds",
        5_000, QUICK, maxBatchBytes);
  }

  private static List<SpanData> spans(String... names) {
    RecordingTracer tracer = new RecordingTracer();
    for (String name : names) {
      tracer.startRoot("servlet", name, SpanKind.INTERNAL).end();
    }
    return tracer.ended();
  }

  private static List<String> names(TestHttpServer.Request request) {
    List<String> names = new ArrayList<>();
    for (Object event : array(JsonTree.parse(request.bodyText()))) {
      names.add((String) object(object(event).get("data")).get("name"));
    }
    return names;
  }
}
