package dev.weft.core.export.otlp;

import static dev.weft.core.export.otlp.OtlpProtoEncoderTest.attribute;
import static dev.weft.core.export.otlp.OtlpProtoEncoderTest.findSpan;
import static dev.weft.core.export.otlp.OtlpProtoEncoderTest.findSpanData;
import static dev.weft.core.export.otlp.OtlpProtoEncoderTest.stringValues;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.api.Span;
import dev.weft.api.SpanKind;
import dev.weft.core.trace.SpanData;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtlpJsonEncoderTest {

  private final OtlpJsonEncoder encoder = new OtlpJsonEncoder(SampleBatches.AGENT_VERSION);
  private final OtlpProtoEncoder protoEncoder = new OtlpProtoEncoder(SampleBatches.AGENT_VERSION);

  private String encodeToText(List<SpanData> spans) {
    return new String(encoder.encode(SampleBatches.resource(), spans), StandardCharsets.UTF_8);
  }

  /** A span's JSON object, cut out of the text by its name (unique in the sample batches). */
  private static String spanJson(String json, SpanData span) {
    String traceId = "\"traceId\":\"" + span.spanContext().traceIdHex() + "\"";
    String spanId = "\"spanId\":\"" + span.spanContext().spanIdHex() + "\"";
    int start = json.indexOf(traceId + "," + spanId);
    assertTrue(start >= 0, "span " + span.name() + " not found with hex ids in " + json);
    int end = json.indexOf("{\"traceId\"", start + 1);
    return json.substring(start, end < 0 ? json.length() : end);
  }

  @Test
  void contentType_isJson() {
    assertEquals("application/json", encoder.contentType());
  }

  @Test
  void encode_everyFeature_parsesToTheRecordedSpans() throws Exception {
    List<SpanData> spans = SampleBatches.everything();

    ExportTraceServiceRequest parsed =
        OtlpOracle.parseJson(encoder.encode(SampleBatches.resource(), spans));

    assertEquals(
        OtlpOracle.expected(SampleBatches.resource(), spans, SampleBatches.AGENT_VERSION), parsed);
  }

  @Test
  void encode_sameBatch_parsesToTheSameMessageAsProtobuf() throws Exception {
    for (List<SpanData> spans :
        Arrays.asList(
            SampleBatches.everything(),
            SampleBatches.large(512),
            Collections.<SpanData>emptyList())) {
      ExportTraceServiceRequest fromJson =
          OtlpOracle.parseJson(encoder.encode(SampleBatches.resource(), spans));
      ExportTraceServiceRequest fromProto =
          OtlpOracle.parseProto(protoEncoder.encode(SampleBatches.resource(), spans));

      assertEquals(fromProto, fromJson);
    }
  }

  @Test
  void encode_ids_areLowercaseHex() {
    List<SpanData> spans = SampleBatches.everything();
    SpanData server = findSpanData(spans, "GET /users/{id}");

    String json = spanJson(encodeToText(spans), server);

    assertTrue(json.contains("\"traceId\":\"0af7651916cd43dd8448eb211c80319c\""), json);
    assertTrue(json.contains("\"spanId\":\"" + server.spanContext().spanIdHex() + "\""), json);
    assertTrue(json.contains("\"parentSpanId\":\"b7ad6b7169203331\""), json);
    assertTrue(
        json.contains("\"traceState\":\"congo=t61rcWkgMzE,rojo=00f067aa0ba902b7\""), json);
  }

  @Test
  void encode_64BitIntegers_areDecimalStrings() {
    List<SpanData> spans = SampleBatches.everything();
    SpanData server = findSpanData(spans, "GET /users/{id}");

    String json = spanJson(encodeToText(spans), server);

    assertTrue(json.contains("\"startTimeUnixNano\":\"" + server.startEpochNanos() + "\""), json);
    assertTrue(json.contains("\"endTimeUnixNano\":\"" + server.endEpochNanos() + "\""), json);
    assertTrue(json.contains("{\"intValue\":\"200\"}"), json);
    assertTrue(json.contains("{\"intValue\":\"9223372036854775807\"}"), json);
    assertTrue(json.contains("{\"intValue\":\"-9223372036854775808\"}"), json);
    assertTrue(json.contains("{\"intValue\":\"0\"}"), json);
    assertTrue(json.contains("\"timeUnixNano\":\""), json);
  }

  @Test
  void encode_enumsAndCounts_areNumbers() {
    List<SpanData> spans = SampleBatches.everything();
    String json = encodeToText(spans);

    String server = spanJson(json, findSpanData(spans, "GET /users/{id}"));
    assertTrue(server.contains("\"kind\":2"), server);
    assertTrue(server.contains("\"flags\":769"), server); // 0x301: sampled, remote parent
    assertTrue(server.contains("\"droppedAttributesCount\":2"), server);
    String client = spanJson(json, findSpanData(spans, "POST"));
    assertTrue(client.contains("\"status\":{\"message\":\"refused "), client);
    assertTrue(client.contains("\"code\":2}"), client);
    String producer = spanJson(json, findSpanData(spans, "orders publish"));
    assertTrue(producer.contains("\"droppedEventsCount\":2"), producer);
  }

  @Test
  void encode_otherValueTypes_followProto3Json() {
    List<SpanData> spans = SampleBatches.everything();

    String json = spanJson(encodeToText(spans), findSpanData(spans, "GET /users/{id}"));

    assertTrue(json.contains("{\"key\":\"ratio\",\"value\":{\"doubleValue\":1.5}}"), json);
    assertTrue(json.contains("{\"key\":\"flag.false\",\"value\":{\"boolValue\":false}}"), json);
    assertTrue(json.contains("{\"key\":\"empty.string\",\"value\":{\"stringValue\":\"\"}}"), json);
    assertTrue(
        json.contains(
            "{\"key\":\"booleans\",\"value\":{\"arrayValue\":{\"values\":"
                + "[{\"boolValue\":true},{\"boolValue\":false},{\"boolValue\":true}]}}}"),
        json);
  }

  @Test
  void encode_nonFiniteDoubles_areProto3JsonStrings() throws Exception {
    List<SpanData> spans = SampleBatches.everything();
    byte[] body = encoder.encode(SampleBatches.resource(), spans);
    String text = new String(body, StandardCharsets.UTF_8);
    String json = spanJson(text, findSpanData(spans, "GET /users/{id}"));

    assertTrue(json.contains("{\"doubleValue\":\"NaN\"}"), json);
    assertTrue(json.contains("{\"doubleValue\":\"-Infinity\"}"), json);
    assertTrue(json.contains("{\"doubleValue\":\"Infinity\"}"), json);
    io.opentelemetry.proto.trace.v1.Span server =
        findSpan(OtlpOracle.parseJson(body), "GET /users/{id}");
    assertTrue(Double.isNaN(attribute(server, "double.nan").getDoubleValue()));
  }

  /** Checked on the text only: protobuf-java-util's JSON parser drops the sign of -0.0. */
  @Test
  void encode_negativeZero_keepsItsSign() {
    RecordingTracer tracer = new RecordingTracer();
    Span span = tracer.startRoot("test", "zero", SpanKind.INTERNAL);
    span.setAttribute("negative.zero", -0.0);
    span.end();

    String json = encodeToText(tracer.ended());

    assertTrue(json.contains("{\"doubleValue\":-0.0}"), json);
  }

  @Test
  void encode_defaults_areOmitted() {
    List<SpanData> spans = SampleBatches.everything();
    String json = encodeToText(spans);

    String root = spanJson(json, findSpanData(spans, "orders process"));
    assertFalse(root.contains("parentSpanId"), root);
    assertFalse(root.contains("traceState"), root);
    assertFalse(root.contains("attributes"), root);
    assertFalse(root.contains("events"), root);
    assertFalse(root.contains("dropped"), root);
    assertFalse(root.contains("\"message\""), root);
    assertTrue(root.contains("\"status\":{\"code\":2}"), root);
    String server = spanJson(json, findSpanData(spans, "GET /users/{id}"));
    assertFalse(server.contains("\"status\""), server);
    String db = spanJson(json, findSpanData(spans, "SELECT users"));
    assertTrue(db.contains("{\"key\":\"empty.strings\",\"value\":{\"arrayValue\":{}}}"), db);
  }

  @Test
  void encode_unicode_isUtf8AndUnpairedSurrogatesAreQuestionMarks() throws Exception {
    List<SpanData> spans = SampleBatches.everything();
    byte[] body = encoder.encode(SampleBatches.resource(), spans);
    String json = new String(body, StandardCharsets.UTF_8);

    assertTrue(json.contains("\"name\":\"" + SampleBatches.UNICODE + "\""), "raw UTF-8");
    assertTrue(json.contains("\"stringValue\":\"bad ? text ?\""), json);
    io.opentelemetry.proto.trace.v1.Span span =
        findSpan(OtlpOracle.parseJson(body), SampleBatches.UNICODE);
    assertEquals(SampleBatches.UNICODE, attribute(span, SampleBatches.UNICODE).getStringValue());
    assertEquals(
        Arrays.asList("bad ? text ?", "?"), stringValues(attribute(span, "surrogates.array")));
  }

  @Test
  void encode_scopesAndResource_areWrittenOnce() {
    String json = encodeToText(SampleBatches.everything());

    assertTrue(
        json.startsWith(
            "{\"resourceSpans\":[{\"resource\":{\"attributes\":["
                + "{\"key\":\"service.name\",\"value\":{\"stringValue\":\"checkout\"}}"),
        json);
    assertTrue(
        json.contains("{\"scope\":{\"name\":\"jdbc\",\"version\":\"0.1.0\"},\"spans\":["), json);
    assertEquals(1, count(json, "\"scope\":{\"name\":\"servlet\""));
    assertEquals(4, count(json, "\"scope\":{"));
  }

  @Test
  void encode_emptyBatch_isAnEmptyObject() {
    assertEquals("{}", encodeToText(Collections.<SpanData>emptyList()));
  }

  @Test
  void encode_spanWithNullsEverywhere_encodesDefaultsInsteadOfThrowing() throws Exception {
    List<SpanData> spans = Arrays.asList(new OtlpProtoEncoderTest.NullishSpan(), null);

    byte[] json = encoder.encode(SampleBatches.resource(), spans);

    assertEquals(
        OtlpOracle.parseProto(protoEncoder.encode(SampleBatches.resource(), spans)),
        OtlpOracle.parseJson(json));
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
