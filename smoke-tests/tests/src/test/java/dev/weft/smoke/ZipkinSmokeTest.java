package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

/**
 * The Zipkin exporter against a real Zipkin server: a two-service trace (frontend SERVER →
 * frontend CLIENT → backend SERVER, each JVM with the agent and {@code
 * otel.traces.exporter=otlp,zipkin}) read back through Zipkin's query API, the one its UI draws
 * from. Every span Zipkin holds is compared with the same span as the OTLP collector received it:
 * ids and parent links (the tree), names (Zipkin lowercases them), kinds, start and duration in
 * microseconds, service names, every attribute as a string tag, the status tags, and the
 * exception of a failed request as an annotation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZipkinSmokeTest {

  private static final Duration TRACE_TIMEOUT = Duration.ofSeconds(30);
  private static final String FRONTEND_SERVICE = "zipkin-frontend";
  private static final String BACKEND_SERVICE = "zipkin-backend";

  @RegisterExtension final AppLogsOnFailure logs = new AppLogsOnFailure();

  private ZipkinServer zipkin;
  private TestCollector collector;
  private AppProcess frontend;
  private AppProcess backend;

  @BeforeAll
  void start() {
    Path agentJar = AgentJar.require();
    zipkin = ZipkinServer.start(getClass().getSimpleName() + "-" + SmokeJdk.label());
    collector = TestCollector.start();
    backend = logs.register(start(SmokeApp.TOMCAT10, BACKEND_SERVICE, agentJar));
    frontend = logs.register(start(SmokeApp.FRONTEND, FRONTEND_SERVICE, agentJar));
  }

  private AppProcess start(SmokeApp app, String service, Path agentJar) {
    return AppProcess.builder(app)
        .agent(agentJar)
        .collector(collector)
        .serviceName(service)
        .property("otel.traces.exporter", "otlp,zipkin")
        .property("otel.exporter.zipkin.endpoint", zipkin.spansEndpoint())
        .logName(getClass().getSimpleName() + "-" + app.id())
        .start();
  }

  @AfterAll
  void stop() {
    for (AutoCloseable closeable : new AutoCloseable[] {frontend, backend, collector, zipkin}) {
      if (closeable != null) {
        try {
          closeable.close();
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      }
    }
  }

  @Test
  void aTwoServiceTraceReadsBackAsTheCollectorReceivedIt() {
    String traceId = Ids.randomTraceId();
    String callerSpanId = Ids.randomSpanId();
    SmokeHttp.Response response = call("/users/zipkin-ok", traceId, callerSpanId);
    assertEquals(200, response.status(), response.body());
    assertEquals("user /zipkin-ok", response.body());

    Map<String, JsonObject> zipkinSpans = zipkinTrace(traceId);
    List<ReceivedSpan> otlpSpans = otlpTrace(traceId);
    assertSameTrace(otlpSpans, zipkinSpans);

    ReceivedSpan frontendServer = only(otlpSpans, FRONTEND_SERVICE, Span.SpanKind.SPAN_KIND_SERVER);
    ReceivedSpan client = only(otlpSpans, FRONTEND_SERVICE, Span.SpanKind.SPAN_KIND_CLIENT);
    ReceivedSpan backendServer = only(otlpSpans, BACKEND_SERVICE, Span.SpanKind.SPAN_KIND_SERVER);
    assertAll(
        "the tree",
        () -> assertEquals(callerSpanId, zipkinSpans.get(frontendServer.spanId())
            .get("parentId").getAsString(), "the frontend continues the caller"),
        () -> assertEquals(frontendServer.spanId(), zipkinSpans.get(client.spanId())
            .get("parentId").getAsString()),
        () -> assertEquals(client.spanId(), zipkinSpans.get(backendServer.spanId())
            .get("parentId").getAsString(), "the backend continues the frontend's call"));
    JsonObject remote = zipkinSpans.get(client.spanId()).getAsJsonObject("remoteEndpoint");
    assertNotNull(remote, "the CLIENT span names the server it called");
    assertEquals("127.0.0.1", remote.get("ipv4").getAsString());
    assertEquals(backend.port(), remote.get("port").getAsInt());

    List<String> services = zipkin.services();
    assertTrue(services.contains(FRONTEND_SERVICE) && services.contains(BACKEND_SERVICE),
        "Zipkin's service list: " + services);
  }

  @Test
  void aFailedRequestIsMarkedAsAnErrorWithItsException() {
    String traceId = Ids.randomTraceId();
    SmokeHttp.Response response = call("/boom", traceId, Ids.randomSpanId());
    assertEquals(500, response.status());

    Map<String, JsonObject> zipkinSpans = zipkinTrace(traceId);
    List<ReceivedSpan> otlpSpans = otlpTrace(traceId);
    assertSameTrace(otlpSpans, zipkinSpans);

    ReceivedSpan backendServer = only(otlpSpans, BACKEND_SERVICE, Span.SpanKind.SPAN_KIND_SERVER);
    assertEquals(Status.StatusCode.STATUS_CODE_ERROR, backendServer.statusCode());
    JsonObject failed = zipkinSpans.get(backendServer.spanId());
    JsonObject tags = failed.getAsJsonObject("tags");
    assertEquals("ERROR", tags.get("otel.status_code").getAsString());
    assertTrue(tags.has("error"), "Zipkin's UI marks a span failed by its error tag: " + tags);
    JsonArray annotations = failed.getAsJsonArray("annotations");
    assertNotNull(annotations, "the exception event as an annotation: " + failed);
    String exception = annotations.get(0).getAsJsonObject().get("value").getAsString();
    assertTrue(exception.startsWith("\"exception\":{") && exception.contains("exception.type"),
        exception);
  }

  private SmokeHttp.Response call(String backendPath, String traceId, String parentSpanId) {
    String query = "target=http://127.0.0.1:" + backend.port() + "&path=" + backendPath;
    return new SmokeHttp(frontend.port())
        .get("/call/" + FrontendClient.URL_CONNECTION.id() + "?" + query,
            "traceparent", Ids.traceparent(traceId, parentSpanId));
  }

  /** The trace's three spans as Zipkin's API returns them, by span id. */
  private Map<String, JsonObject> zipkinTrace(String traceId) {
    JsonArray spans = zipkin.awaitTrace(traceId, 3, TRACE_TIMEOUT);
    Map<String, JsonObject> byId = new HashMap<>();
    for (JsonElement span : spans) {
      JsonObject object = span.getAsJsonObject();
      assertEquals(traceId, object.get("traceId").getAsString());
      byId.put(object.get("id").getAsString(), object);
    }
    assertEquals(3, spans.size(), "Zipkin holds each span once: " + spans);
    return byId;
  }

  private List<ReceivedSpan> otlpTrace(String traceId) {
    List<ReceivedSpan> spans =
        collector.awaitSpans(span -> span.traceId().equals(traceId), 3, TRACE_TIMEOUT);
    assertEquals(3, spans.size(), "the collector got each span once: " + spans);
    return spans;
  }

  /** Every span the collector received is in Zipkin, with the same content, field by field. */
  private static void assertSameTrace(List<ReceivedSpan> otlp, Map<String, JsonObject> zipkin) {
    List<Executable> checks = new ArrayList<>();
    for (ReceivedSpan expected : otlp) {
      JsonObject actual = zipkin.get(expected.spanId());
      String which = expected.name() + " of " + expected.resourceAttr("service.name");
      checks.add(() -> assertNotNull(actual, which + " is in Zipkin: " + zipkin.keySet()));
      if (actual == null) {
        continue;
      }
      long startMicros = expected.span().getStartTimeUnixNano() / 1000;
      long endMicros = expected.span().getEndTimeUnixNano() / 1000;
      checks.add(() -> assertEquals(expected.parentSpanId(),
          actual.get("parentId").getAsString(), which + " parent"));
      checks.add(() -> assertEquals(expected.name().toLowerCase(Locale.ROOT),
          actual.get("name").getAsString(), which + " name"));
      checks.add(() -> assertEquals(zipkinKind(expected.kind()),
          actual.get("kind").getAsString(), which + " kind"));
      checks.add(() -> assertEquals(startMicros, actual.get("timestamp").getAsLong(),
          which + " start"));
      checks.add(() -> assertEquals(Math.max(1, endMicros - startMicros),
          actual.get("duration").getAsLong(), which + " duration"));
      checks.add(() -> assertEquals(
          String.valueOf(expected.resourceAttr("service.name")).toLowerCase(Locale.ROOT),
          actual.getAsJsonObject("localEndpoint").get("serviceName").getAsString(),
          which + " service"));
      checks.add(() -> assertFalse(actual.has("shared"), which + " has its own id"));
      JsonObject tags = actual.getAsJsonObject("tags");
      for (Map.Entry<String, Object> attribute :
          ReceivedSpan.toMap(expected.span().getAttributesList()).entrySet()) {
        checks.add(() -> assertEquals(tagValue(attribute.getValue()),
            tags.has(attribute.getKey()) ? tags.get(attribute.getKey()).getAsString() : null,
            which + " tag " + attribute.getKey()));
      }
      checks.add(() -> assertEquals(expected.scopeName(),
          tags.get("otel.scope.name").getAsString(), which + " scope"));
    }
    assertAll("Zipkin's copy of the trace", checks);
  }

  /** An attribute as the Zipkin mapping writes its tag: arrays as JSON, the rest as text. */
  private static String tagValue(Object value) {
    return value instanceof List<?> list ? new Gson().toJson(list) : String.valueOf(value);
  }

  private static String zipkinKind(Span.SpanKind kind) {
    return kind.name().substring("SPAN_KIND_".length());
  }

  private static ReceivedSpan only(List<ReceivedSpan> spans, String service, Span.SpanKind kind) {
    List<ReceivedSpan> matching = spans.stream()
        .filter(span -> service.equals(span.resourceAttr("service.name")) && span.kind() == kind)
        .toList();
    assertEquals(1, matching.size(), service + " " + kind + " in " + spans);
    return matching.get(0);
  }
}
