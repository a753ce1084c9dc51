package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The test collector itself, fed by hand-made OTLP requests: needs no agent and no app. */
class TestCollectorTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private TestCollector collector;

  @BeforeEach
  void startCollector() {
    collector = TestCollector.start();
  }

  @AfterEach
  void stopCollector() {
    collector.close();
  }

  @Test
  void protobufRequest_isAcceptedWithEmptyResponse_andSpansKeepTheirResource() throws Exception {
    String traceId = Ids.randomTraceId();
    String spanId = Ids.randomSpanId();
    String parentId = Ids.randomSpanId();

    HttpResponse<byte[]> response =
        post(TestCollector.PROTOBUF, null, request(traceId, spanId, parentId).toByteArray());

    assertEquals(200, response.statusCode());
    assertEquals(TestCollector.PROTOBUF, response.headers().firstValue("Content-Type").orElse(""));
    assertEquals(
        ExportTraceServiceResponse.getDefaultInstance(),
        ExportTraceServiceResponse.parseFrom(response.body()));
    ReceivedSpan span = collector.awaitSpans(s -> true, 1, TIMEOUT).get(0);
    assertEquals("GET /users/*", span.name());
    assertEquals(Span.SpanKind.SPAN_KIND_SERVER, span.kind());
    assertEquals(traceId, span.traceId());
    assertEquals(spanId, span.spanId());
    assertEquals(parentId, span.parentSpanId());
    assertEquals(200L, span.attr("http.response.status_code"));
    assertEquals("/users/42", span.stringAttr("url.path"));
    assertEquals("smoke-unit", span.resourceAttr("service.name"));
    assertEquals("weft-test", span.scopeName());
    assertEquals(TestCollector.PROTOBUF, span.contentType());
  }

  @Test
  void jsonRequest_withHexIds_isParsedToTheSameSpan() throws Exception {
    String traceId = Ids.randomTraceId();
    String spanId = Ids.randomSpanId();
    String json =
        """
        {"resourceSpans":[{"resource":{"attributes":[
           {"key":"service.name","value":{"stringValue":"smoke-json"}}]},
         "scopeSpans":[{"scope":{"name":"weft-test"},"spans":[{
           "traceId":"%s","spanId":"%s","parentSpanId":"",
           "name":"GET /hello","kind":2,
           "startTimeUnixNano":"1700000000000000000","endTimeUnixNano":"1700000000300000000",
           "attributes":[{"key":"http.response.status_code","value":{"intValue":"503"}},
                         {"key":"error.type","value":{"stringValue":"503"}}],
           "status":{"code":2},
           "futureField":"ignored"}]}]}]}
        """
            .formatted(traceId.toUpperCase(), spanId);

    HttpResponse<byte[]> response =
        post("application/json; charset=utf-8", null, json.getBytes(StandardCharsets.UTF_8));

    assertEquals(200, response.statusCode());
    assertEquals("{}", new String(response.body(), StandardCharsets.UTF_8));
    ReceivedSpan span = collector.awaitSpans(s -> true, 1, TIMEOUT).get(0);
    assertEquals(traceId, span.traceId());
    assertEquals(spanId, span.spanId());
    assertEquals("", span.parentSpanId());
    assertEquals(Span.SpanKind.SPAN_KIND_SERVER, span.kind());
    assertEquals(Status.StatusCode.STATUS_CODE_ERROR, span.statusCode());
    assertEquals(503L, span.attr("http.response.status_code"));
    assertEquals(300_000_000L, span.durationNanos());
    assertEquals("smoke-json", span.resourceAttr("service.name"));
    assertEquals(TestCollector.JSON, span.contentType());
  }

  @Test
  void jsonRequest_withBase64InsteadOfHexIds_isRefusedAsMalformed() throws Exception {
    String json =
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"AAECAwQFBgcICQoLDA0ODw==\","
            + "\"spanId\":\"AAECAwQFBgc=\",\"name\":\"x\"}]}]}]}";

    HttpResponse<byte[]> response =
        post(TestCollector.JSON, null, json.getBytes(StandardCharsets.UTF_8));

    assertEquals(400, response.statusCode());
    assertTrue(collector.spans().isEmpty());
    assertTrue(collector.requests().get(0).error().contains("not hex"), collector.describe());
  }

  @Test
  void gzipProtobufRequest_isDecompressed() throws Exception {
    String traceId = Ids.randomTraceId();
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
      gzip.write(request(traceId, Ids.randomSpanId(), "").toByteArray());
    }

    HttpResponse<byte[]> response = post(TestCollector.PROTOBUF, "gzip", compressed.toByteArray());

    assertEquals(200, response.statusCode());
    assertEquals(traceId, collector.awaitSpans(s -> true, 1, TIMEOUT).get(0).traceId());
    assertEquals("gzip", collector.requests().get(0).contentEncoding());
  }

  @Test
  void garbagePayload_isAnswered400_andRecordedWithItsError() throws Exception {
    HttpResponse<byte[]> response =
        post(TestCollector.PROTOBUF, null, new byte[] {(byte) 0xff, (byte) 0xff, 0x01});

    assertEquals(400, response.statusCode());
    assertTrue(collector.spans().isEmpty());
    assertEquals(1, collector.requests().size());
    assertTrue(collector.describe().contains("error"), collector.describe());
  }

  @Test
  void unknownContentType_isAnswered400() throws Exception {
    HttpResponse<byte[]> response = post("text/plain", null, new byte[] {1});

    assertEquals(400, response.statusCode());
    assertTrue(collector.spans().isEmpty());
  }

  @Test
  void whenTold503_refusesAndKeepsNoSpans_thenAcceptsAfterRecovery() throws Exception {
    byte[] body = request(Ids.randomTraceId(), Ids.randomSpanId(), "").toByteArray();
    collector.answerWith(503);

    assertEquals(503, post(TestCollector.PROTOBUF, null, body).statusCode());
    assertTrue(collector.spans().isEmpty());
    TestCollector.ExportRequest refused = collector.requests().get(0);
    assertEquals(503, refused.answeredStatus());
    assertEquals(1, refused.spans().size(), "a refused request still shows what it carried");

    collector.answerWith(200);
    assertEquals(200, post(TestCollector.PROTOBUF, null, body).statusCode());
    assertEquals(1, collector.spans().size());
  }

  @Test
  void stopped_refusesConnections_andRestartListensOnTheSamePort() throws Exception {
    int port = collector.port();
    byte[] body = request(Ids.randomTraceId(), Ids.randomSpanId(), "").toByteArray();
    assertEquals(200, post(TestCollector.PROTOBUF, null, body).statusCode());

    collector.stop();
    assertThrows(ConnectException.class, () -> post(TestCollector.PROTOBUF, null, body));

    collector.restart();
    assertEquals(port, collector.port());
    assertEquals(200, post(TestCollector.PROTOBUF, null, body).statusCode());
    assertEquals(2, collector.spans().size());
  }

  @Test
  void wrongPathOrMethod_isNotAnExport() throws Exception {
    HttpResponse<String> wrongPath = client.send(
        HttpRequest.newBuilder(URI.create(collector.endpoint() + "/v1/metrics"))
            .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[0]))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> wrongMethod = client.send(
        HttpRequest.newBuilder(URI.create(collector.endpoint() + TestCollector.PATH)).GET().build(),
        HttpResponse.BodyHandlers.ofString());

    assertEquals(404, wrongPath.statusCode());
    assertEquals(405, wrongMethod.statusCode());
    assertTrue(collector.requests().isEmpty());
  }

  @Test
  void tracesById_groupsSpansOfOneTrace_andResetForgetsEverything() throws Exception {
    String traceA = Ids.randomTraceId();
    String traceB = Ids.randomTraceId();
    String rootA = Ids.randomSpanId();
    post(TestCollector.PROTOBUF, null, request(traceA, rootA, "").toByteArray());
    post(TestCollector.PROTOBUF, null, request(traceB, Ids.randomSpanId(), "").toByteArray());
    post(TestCollector.PROTOBUF, null, request(traceA, Ids.randomSpanId(), rootA).toByteArray());

    Map<String, List<ReceivedSpan>> traces = collector.tracesById();

    assertEquals(List.of(traceA, traceB), List.copyOf(traces.keySet()));
    assertEquals(2, traces.get(traceA).size());
    assertEquals(rootA, traces.get(traceA).get(1).parentSpanId());
    collector.reset();
    assertTrue(collector.spans().isEmpty());
    assertTrue(collector.requests().isEmpty());
  }

  @Test
  void awaitSpans_atDeadline_failsListingWhatWasReceived() throws Exception {
    post(TestCollector.PROTOBUF, null, request(Ids.randomTraceId(), Ids.randomSpanId(), "").toByteArray());

    AssertionError error = assertThrows(
        AssertionError.class,
        () -> collector.awaitSpans(s -> s.name().equals("never"), 1, Duration.ofMillis(100)));

    assertTrue(error.getMessage().contains("GET /users/*"), error.getMessage());
  }

  @Test
  void assertNothingReceivedWithin_failsAsSoonAsSomethingArrives() throws Exception {
    collector.assertNothingReceivedWithin(Duration.ofMillis(50));
    post(TestCollector.PROTOBUF, null, request(Ids.randomTraceId(), Ids.randomSpanId(), "").toByteArray());

    assertThrows(
        AssertionError.class, () -> collector.assertNothingReceivedWithin(Duration.ofSeconds(5)));
  }

  private HttpResponse<byte[]> post(String contentType, String encoding, byte[] body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(collector.endpoint() + TestCollector.PATH))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (encoding != null) {
      request.header("Content-Encoding", encoding);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static ExportTraceServiceRequest request(String traceId, String spanId, String parentId) {
    Span span =
        Span.newBuilder()
            .setTraceId(ByteString.copyFrom(Ids.parseHex(traceId)))
            .setSpanId(ByteString.copyFrom(Ids.parseHex(spanId)))
            .setParentSpanId(ByteString.copyFrom(Ids.parseHex(parentId)))
            .setName("GET /users/*")
            .setKind(Span.SpanKind.SPAN_KIND_SERVER)
            .setStartTimeUnixNano(1_700_000_000_000_000_000L)
            .setEndTimeUnixNano(1_700_000_000_100_000_000L)
            .addAttributes(stringAttr("url.path", "/users/42"))
            .addAttributes(
                KeyValue.newBuilder()
                    .setKey("http.response.status_code")
                    .setValue(AnyValue.newBuilder().setIntValue(200)))
            .build();
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(stringAttr("service.name", "smoke-unit")))
                .addScopeSpans(
                    ScopeSpans.newBuilder()
                        .setScope(
                            io.opentelemetry.proto.common.v1.InstrumentationScope.newBuilder()
                                .setName("weft-test"))
                        .addSpans(span)))
        .build();
  }

  private static KeyValue stringAttr(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }
}
