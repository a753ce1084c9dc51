package dev.weft.core.export.zipkin;

import static dev.weft.core.export.JsonTree.array;
import static dev.weft.core.export.JsonTree.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.api.Span;
import dev.weft.api.SpanContext;
import dev.weft.api.SpanKind;
import dev.weft.api.StatusCode;
import dev.weft.core.export.JsonTree;
import dev.weft.core.export.otlp.RecordingTracer;
import dev.weft.core.resource.Resource;
import dev.weft.core.trace.SpanData;
import dev.weft.core.trace.SpanLimits;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Zipkin v2 JSON of real spans, read back field by field as Zipkin's collector reads it. */
class ZipkinJsonEncoderTest {

  private static final Resource RESOURCE =
      Resource.of("checkout", Collections.<String, String>emptyMap());

  private static final SpanContext REMOTE_CLIENT =
      SpanContext.createFromRemote(
          0x0af7651916cd43ddL, 0x8448eb211c80319cL, 0xb7ad6b7169203331L, (byte) 1, "");

  private final ZipkinJsonEncoder encoder = new ZipkinJsonEncoder("1.2.3");

  @Test
  void serverSpanContinuingARemoteClient() {
    RecordingTracer tracer = new RecordingTracer();
    Span server =
        tracer.startChild("servlet", "GET /users/{id}", SpanKind.SERVER, Span.wrap(REMOTE_CLIENT));
    server.setAttribute("http.request.method", "GET");
    server.setAttribute("http.response.status_code", 200L);
    server.setAttribute("client.address", "10.1.2.3");
    server.setAttribute("network.peer.port", 53211L);
    server.end();

    Map<String, Object> span = only(encode(tracer.ended()));
    SpanData data = tracer.ended().get(0);

    assertEquals("0af7651916cd43dd8448eb211c80319c", span.get("traceId"));
    assertEquals(data.spanContext().spanIdHex(), span.get("id"));
    assertEquals("b7ad6b7169203331", span.get("parentId"));
    assertEquals("SERVER", span.get("kind"));
    assertEquals("GET /users/{id}", span.get("name"));
    assertEquals(data.startEpochNanos() / 1000, span.get("timestamp"));
    assertEquals(
        Math.max(1, data.endEpochNanos() / 1000 - data.startEpochNanos() / 1000),
        span.get("duration"));
    assertEquals("checkout", object(span.get("localEndpoint")).get("serviceName"));
    Map<String, Object> remote = object(span.get("remoteEndpoint"));
    assertEquals("10.1.2.3", remote.get("ipv4"));
    assertEquals(53211L, remote.get("port"));
    assertNull(remote.get("serviceName"), "a server's caller has no service name to show");
    assertFalse(span.containsKey("shared"), "the server span has an id of its own");
    Map<String, Object> tags = object(span.get("tags"));
    assertEquals("GET", tags.get("http.request.method"));
    assertEquals("200", tags.get("http.response.status_code"), "tags are strings");
    assertEquals("servlet", tags.get("otel.scope.name"));
    assertEquals("1.2.3", tags.get("otel.scope.version"));
    assertFalse(tags.containsKey("otel.status_code"), "unset status is not a tag");
    assertFalse(tags.containsKey("error"));
  }

  @Test
  void clientSpanNamesTheServerItCalled() {
    RecordingTracer tracer = new RecordingTracer();
    Span root = tracer.startRoot("servlet", "GET /", SpanKind.SERVER);
    Span client = tracer.startChild("http-client", "GET", SpanKind.CLIENT, root);
    client.setAttribute("server.address", "inventory.internal");
    client.setAttribute("server.port", 8443L);
    client.setStatus(StatusCode.OK);
    client.end();
    Span db = tracer.startChild("jdbc", "SELECT", SpanKind.CLIENT, root);
    db.setAttribute("peer.service", "users-db");
    db.setAttribute("server.address", "::1");
    db.setAttribute("server.port", 5432L);
    db.end();
    root.end();

    List<Object> spans = encode(tracer.ended());
    assertEquals(3, spans.size());
    Map<String, Object> http = object(spans.get(0));
    assertEquals("CLIENT", http.get("kind"));
    assertEquals(object(spans.get(2)).get("id"), http.get("parentId"));
    Map<String, Object> remote = object(http.get("remoteEndpoint"));
    assertEquals("inventory.internal", remote.get("serviceName"));
    assertNull(remote.get("ipv4"), "a host name is not resolved");
    assertEquals(8443L, remote.get("port"));
    assertEquals("OK", object(http.get("tags")).get("otel.status_code"));

    Map<String, Object> dbRemote = object(object(spans.get(1)).get("remoteEndpoint"));
    assertEquals("users-db", dbRemote.get("serviceName"), "peer.service ranks first");
    assertEquals("::1", dbRemote.get("ipv6"));
    assertEquals(5432L, dbRemote.get("port"));

    Map<String, Object> rootSpan = object(spans.get(2));
    assertFalse(rootSpan.containsKey("parentId"), "a root has no parent");
    assertFalse(rootSpan.containsKey("remoteEndpoint"));
  }

  @Test
  void errorsEventsAndEveryAttributeType() {
    RecordingTracer tracer = new RecordingTracer(new SpanLimits(8, SpanLimits.UNLIMITED, 2, 8));
    Span span = tracer.startRoot("jdbc", "INSERT orders", SpanKind.INTERNAL);
    span.setAttribute("flag", true);
    span.setAttribute("ratio", 0.25);
    span.setAttribute("nan", Double.NaN);
    span.setAttribute("names", new String[] {"a", "b\"c"});
    span.setAttribute("ids", new long[] {1L, -2L});
    span.setAttribute("scores", new double[] {1.5});
    span.setAttribute("bits", new boolean[] {true, false});
    span.setAttribute("otel.status_code", "forged");
    span.setAttribute("over.limit", "dropped");
    span.addEvent("cache.miss");
    span.recordException(new IllegalStateException("connection reset"));
    span.addEvent("dropped event");
    span.setStatus(StatusCode.ERROR, "insert failed");
    span.end();

    Map<String, Object> zipkin = only(encode(tracer.ended()));
    assertFalse(zipkin.containsKey("kind"), "Zipkin has no INTERNAL kind");
    Map<String, Object> tags = object(zipkin.get("tags"));
    assertEquals("true", tags.get("flag"));
    assertEquals("0.25", tags.get("ratio"));
    assertEquals("NaN", tags.get("nan"));
    assertEquals("[\"a\",\"b\\\"c\"]", tags.get("names"));
    assertEquals("[1,-2]", tags.get("ids"));
    assertEquals("[1.5]", tags.get("scores"));
    assertEquals("[true,false]", tags.get("bits"));
    assertEquals("ERROR", tags.get("otel.status_code"), "the span's status wins");
    assertEquals("insert failed", tags.get("error"));
    assertEquals("1", tags.get("otel.dropped_attributes_count"));
    assertEquals("1", tags.get("otel.dropped_events_count"));

    List<Object> annotations = array(zipkin.get("annotations"));
    assertEquals(2, annotations.size());
    SpanData data = tracer.ended().get(0);
    Map<String, Object> miss = object(annotations.get(0));
    assertEquals(data.events().get(0).epochNanos() / 1000, miss.get("timestamp"));
    assertEquals("cache.miss", miss.get("value"));
    String exception = (String) object(annotations.get(1)).get("value");
    assertTrue(exception.startsWith("\"exception\":{"), exception);
    Map<String, Object> attributes =
        object(JsonTree.parse(exception.substring("\"exception\":".length())));
    assertEquals("java.lang.IllegalStateException", attributes.get("exception.type"));
    assertEquals("connection reset", attributes.get("exception.message"));
  }

  @Test
  void errorWithoutDescriptionStillCarriesTheErrorTag() {
    RecordingTracer tracer = new RecordingTracer();
    Span span = tracer.startRoot("servlet", "GET /fail", SpanKind.SERVER);
    span.setStatus(StatusCode.ERROR);
    span.end();

    Map<String, Object> tags = object(only(encode(tracer.ended())).get("tags"));
    assertEquals("", tags.get("error"), "Zipkin marks a span failed by the tag's presence");
  }

  @Test
  void unpairedSurrogatesBecomeQuestionMarks() {
    RecordingTracer tracer = new RecordingTracer();
    Span span = tracer.startRoot("servlet", "bad \uD800 name", SpanKind.SERVER);
    span.setAttribute("key\uDC00", "value \uD83D");
    span.end();

    Map<String, Object> zipkin = only(encode(tracer.ended()));
    assertEquals("bad ? name", zipkin.get("name"));
    assertEquals("value ?", object(zipkin.get("tags")).get("key?"));
  }

  @Test
  void emptyBatchIsAnEmptyList() {
    assertEquals(
        "[]", new String(encoder.encode(RESOURCE, Collections.<SpanData>emptyList()), StandardCharsets.UTF_8));
  }

  @Test
  void ipLiterals() {
    assertEquals("10.0.0.1", RemoteEndpoint.ipLiteral("10.0.0.1"));
    assertEquals("fe80::1", RemoteEndpoint.ipLiteral("[fe80::1%eth0]"));
    assertEquals("::ffff:10.0.0.1", RemoteEndpoint.ipLiteral("::ffff:10.0.0.1"));
    assertNull(RemoteEndpoint.ipLiteral("256.0.0.1"));
    assertNull(RemoteEndpoint.ipLiteral("1.2.3"));
    assertNull(RemoteEndpoint.ipLiteral("db.example.com"));
    assertNull(RemoteEndpoint.ipLiteral("1::2::3"));
    assertNull(RemoteEndpoint.ipLiteral(""));
  }

  private List<Object> encode(List<SpanData> spans) {
    return array(JsonTree.parse(encoder.encode(RESOURCE, spans)));
  }

  private Map<String, Object> only(List<Object> spans) {
    assertEquals(1, spans.size());
    return object(spans.get(0));
  }
}
