package dev.weft.core.export.otlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.weft.api.SpanContext;
import dev.weft.api.SpanKind;
import dev.weft.api.StatusCode;
import dev.weft.core.trace.Attributes;
import dev.weft.core.trace.EventData;
import dev.weft.core.trace.SpanData;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtlpProtoEncoderTest {

  private final OtlpProtoEncoder encoder = new OtlpProtoEncoder(SampleBatches.AGENT_VERSION);

  private ExportTraceServiceRequest encodeAndParse(List<SpanData> spans) throws Exception {
    byte[] body = encoder.encode(SampleBatches.resource(), spans);
    ExportTraceServiceRequest parsed = OtlpOracle.parseProto(body);
    assertTrue(parsed.getUnknownFields().asMap().isEmpty(), "unknown fields: field numbers wrong?");
    return parsed;
  }

  @Test
  void contentType_isProtobuf() {
    assertEquals("application/x-protobuf", encoder.contentType());
  }

  @Test
  void encode_everyFeature_parsesToTheRecordedSpans() throws Exception {
    List<SpanData> spans = SampleBatches.everything();

    ExportTraceServiceRequest parsed = encodeAndParse(spans);

    assertEquals(
        OtlpOracle.expected(SampleBatches.resource(), spans, SampleBatches.AGENT_VERSION), parsed);
  }

  @Test
  void encode_everyAttributeType_keepsTypeAndValue() throws Exception {
    List<SpanData> spans = SampleBatches.everything();

    io.opentelemetry.proto.trace.v1.Span server =
        findSpan(encodeAndParse(spans), "GET /users/{id}");

    assertEquals("GET", attribute(server, "http.request.method").getStringValue());
    assertTrue(attribute(server, "empty.string").hasStringValue());
    assertEquals(200L, attribute(server, "http.response.status_code").getIntValue());
    assertEquals(Long.MAX_VALUE, attribute(server, "long.max").getIntValue());
    assertEquals(Long.MIN_VALUE, attribute(server, "long.min").getIntValue());
    assertTrue(attribute(server, "long.zero").hasIntValue());
    assertEquals(1.5, attribute(server, "ratio").getDoubleValue());
    assertTrue(Double.isNaN(attribute(server, "double.nan").getDoubleValue()));
    assertEquals(
        Double.NEGATIVE_INFINITY, attribute(server, "double.negative.infinity").getDoubleValue());
    assertEquals(Double.MAX_VALUE, attribute(server, "double.max").getDoubleValue());
    assertTrue(attribute(server, "flag.true").getBoolValue());
    assertTrue(attribute(server, "flag.false").hasBoolValue());
    assertFalse(attribute(server, "flag.false").getBoolValue());
    assertEquals(
        Arrays.asList("a", "", "", SampleBatches.UNICODE),
        stringValues(attribute(server, "strings")));
    List<Long> longs = new ArrayList<>();
    for (AnyValue v : attribute(server, "longs").getArrayValue().getValuesList()) {
      longs.add(v.getIntValue());
    }
    assertEquals(
        Arrays.asList(0L, 1L, -1L, 127L, 128L, 300L, Long.MAX_VALUE, Long.MIN_VALUE), longs);
    List<AnyValue> doubles = attribute(server, "doubles").getArrayValue().getValuesList();
    assertEquals(-2.25, doubles.get(1).getDoubleValue());
    assertEquals(1e300, doubles.get(2).getDoubleValue());
    assertEquals(Double.POSITIVE_INFINITY, doubles.get(3).getDoubleValue());
    assertTrue(Double.isNaN(doubles.get(4).getDoubleValue()));
    List<Boolean> booleans = new ArrayList<>();
    for (AnyValue v : attribute(server, "booleans").getArrayValue().getValuesList()) {
      booleans.add(v.getBoolValue());
    }
    assertEquals(Arrays.asList(true, false, true), booleans);
    assertEquals(2, server.getDroppedAttributesCount());
  }

  @Test
  void encode_negativeZero_keepsItsSign() throws Exception {
    RecordingTracer tracer = new RecordingTracer();
    dev.weft.api.Span span = tracer.startRoot("test", "zero", SpanKind.INTERNAL);
    span.setAttribute("negative.zero", -0.0);
    span.end();

    AnyValue value = attribute(findSpan(encodeAndParse(tracer.ended()), "zero"), "negative.zero");

    assertEquals(
        Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(value.getDoubleValue()));
  }

  @Test
  void encode_emptyArrays_areArrayValuesWithoutElements() throws Exception {
    io.opentelemetry.proto.trace.v1.Span db =
        findSpan(encodeAndParse(SampleBatches.everything()), "SELECT users");

    assertTrue(attribute(db, "empty.strings").hasArrayValue());
    assertEquals(0, attribute(db, "empty.strings").getArrayValue().getValuesCount());
    assertTrue(attribute(db, "empty.longs").hasArrayValue());
  }

  @Test
  void encode_parentsAndFlags_tellRootLocalAndRemoteParentsApart() throws Exception {
    List<SpanData> spans = SampleBatches.everything();
    SpanData serverData = findSpanData(spans, "GET /users/{id}");
    ExportTraceServiceRequest parsed = encodeAndParse(spans);

    io.opentelemetry.proto.trace.v1.Span server = findSpan(parsed, "GET /users/{id}");
    io.opentelemetry.proto.trace.v1.Span db = findSpan(parsed, "SELECT users");
    io.opentelemetry.proto.trace.v1.Span root = findSpan(parsed, "orders process");

    // child of a remote parent: same trace, the remote span as parent, remote bit set
    assertEquals(SampleBatches.REMOTE_PARENT.traceIdHex(), hex(server.getTraceId()));
    assertEquals(SampleBatches.REMOTE_PARENT.spanIdHex(), hex(server.getParentSpanId()));
    assertEquals(serverData.spanContext().spanIdHex(), hex(server.getSpanId()));
    assertEquals(0x301, server.getFlags());
    assertEquals("congo=t61rcWkgMzE,rojo=00f067aa0ba902b7", server.getTraceState());
    // child of a local parent
    assertEquals(hex(server.getSpanId()), hex(db.getParentSpanId()));
    assertEquals(hex(server.getTraceId()), hex(db.getTraceId()));
    assertEquals(0x101, db.getFlags());
    // root: no parent id, no trace state; a trace started here has a random trace id (W3C
    // Level 2 flag 02), which the remote parent above did not claim
    assertTrue(root.getParentSpanId().isEmpty());
    assertEquals("", root.getTraceState());
    assertEquals(0x103, root.getFlags());
    assertEquals(16, root.getTraceId().size());
    assertEquals(8, root.getSpanId().size());
  }

  @Test
  void encode_kindsStatusesAndTimes_useOtlpValues() throws Exception {
    List<SpanData> spans = SampleBatches.everything();
    ExportTraceServiceRequest parsed = encodeAndParse(spans);

    assertEquals(2, findSpan(parsed, "GET /users/{id}").getKindValue());
    assertEquals(3, findSpan(parsed, "SELECT users").getKindValue());
    assertEquals(4, findSpan(parsed, "orders publish").getKindValue());
    assertEquals(5, findSpan(parsed, "orders process").getKindValue());
    assertEquals(1, findSpan(parsed, SampleBatches.UNICODE).getKindValue());

    assertFalse(findSpan(parsed, "GET /users/{id}").hasStatus(), "UNSET status is omitted");
    assertEquals(1, findSpan(parsed, "SELECT users").getStatus().getCodeValue());
    Status error = findSpan(parsed, "POST").getStatus();
    assertEquals(2, error.getCodeValue());
    assertEquals("refused " + SampleBatches.UNICODE, error.getMessage());
    assertEquals("", findSpan(parsed, "orders process").getStatus().getMessage());

    SpanData db = findSpanData(spans, "SELECT users");
    io.opentelemetry.proto.trace.v1.Span dbProto = findSpan(parsed, "SELECT users");
    assertEquals(db.startEpochNanos(), dbProto.getStartTimeUnixNano());
    assertEquals(db.endEpochNanos(), dbProto.getEndTimeUnixNano());
    assertTrue(dbProto.getStartTimeUnixNano() > 1_500_000_000_000_000_000L);
  }

  @Test
  void encode_eventsAndExceptions_keepTimeNameAttributesAndDrops() throws Exception {
    List<SpanData> spans = SampleBatches.everything();
    ExportTraceServiceRequest parsed = encodeAndParse(spans);

    io.opentelemetry.proto.trace.v1.Span client = findSpan(parsed, "POST");
    assertEquals(1, client.getEventsCount());
    io.opentelemetry.proto.trace.v1.Span.Event exception = client.getEvents(0);
    assertEquals("exception", exception.getName());
    assertEquals(
        findSpanData(spans, "POST").events().get(0).epochNanos(), exception.getTimeUnixNano());
    assertEquals("exception.type", exception.getAttributes(0).getKey());
    assertEquals(
        "java.lang.IllegalStateException", exception.getAttributes(0).getValue().getStringValue());
    assertEquals("exception.message", exception.getAttributes(1).getKey());
    assertEquals(
        "connection refused: " + SampleBatches.UNICODE,
        exception.getAttributes(1).getValue().getStringValue());
    // the event limit is 2 attributes: the stack trace was dropped and counted
    assertEquals(1, exception.getDroppedAttributesCount());

    io.opentelemetry.proto.trace.v1.Span producer = findSpan(parsed, "orders publish");
    assertEquals(3, producer.getEventsCount());
    assertEquals("retry 2", producer.getEvents(2).getName());
    assertEquals(2, producer.getDroppedEventsCount());
    assertEquals(0, producer.getEvents(0).getAttributesCount());
  }

  @Test
  void encode_severalScopes_oneScopeSpansEachInFirstSeenOrder() throws Exception {
    List<SpanData> spans = SampleBatches.everything();

    ResourceSpans resourceSpans = encodeAndParse(spans).getResourceSpans(0);

    List<String> scopeNames = new ArrayList<>();
    for (ScopeSpans scope : resourceSpans.getScopeSpansList()) {
      scopeNames.add(scope.getScope().getName());
      assertEquals(SampleBatches.AGENT_VERSION, scope.getScope().getVersion());
    }
    assertEquals(Arrays.asList("jdbc", "http-client", "jms", "servlet"), scopeNames);
    List<String> servletSpans = new ArrayList<>();
    for (io.opentelemetry.proto.trace.v1.Span span :
        resourceSpans.getScopeSpans(3).getSpansList()) {
      servletSpans.add(span.getName());
    }
    assertEquals(Arrays.asList(SampleBatches.UNICODE, "GET /users/{id}"), servletSpans);
  }

  @Test
  void encode_resource_carriesItsAttributes() throws Exception {
    ResourceSpans resourceSpans = encodeAndParse(SampleBatches.everything()).getResourceSpans(0);

    List<KeyValue> attributes = resourceSpans.getResource().getAttributesList();
    assertEquals("service.name", attributes.get(0).getKey());
    assertEquals("checkout", attributes.get(0).getValue().getStringValue());
    assertEquals("shop", attributes.get(2).getValue().getStringValue());
  }

  @Test
  void encode_unicode_roundTripsIncludingFourByteCharacters() throws Exception {
    io.opentelemetry.proto.trace.v1.Span span =
        findSpan(encodeAndParse(SampleBatches.everything()), SampleBatches.UNICODE);

    assertEquals(SampleBatches.UNICODE, span.getName());
    assertEquals(SampleBatches.UNICODE, attribute(span, SampleBatches.UNICODE).getStringValue());
  }

  @Test
  void encode_unpairedSurrogates_becomeQuestionMarks() throws Exception {
    io.opentelemetry.proto.trace.v1.Span span =
        findSpan(encodeAndParse(SampleBatches.everything()), SampleBatches.UNICODE);

    assertEquals("bad ? text ?", attribute(span, "surrogates").getStringValue());
    assertEquals(
        Arrays.asList("bad ? text ?", "?"), stringValues(attribute(span, "surrogates.array")));
  }

  @Test
  void encode_emptyBatch_isAnEmptyRequest() throws Exception {
    byte[] body = encoder.encode(SampleBatches.resource(), Collections.<SpanData>emptyList());

    assertEquals(0, body.length);
    assertEquals(0, OtlpOracle.parseProto(body).getResourceSpansCount());
  }

  @Test
  void encode_512Spans_parsesToTheRecordedSpans() throws Exception {
    List<SpanData> spans = SampleBatches.large(512);

    ExportTraceServiceRequest parsed = encodeAndParse(spans);

    assertEquals(
        OtlpOracle.expected(SampleBatches.resource(), spans, SampleBatches.AGENT_VERSION), parsed);
    int count = 0;
    for (ScopeSpans scope : parsed.getResourceSpans(0).getScopeSpansList()) {
      count += scope.getSpansCount();
    }
    assertEquals(512, count);
  }

  @Test
  void encode_calledAgain_givesTheSameBytes() {
    List<SpanData> spans = SampleBatches.everything();

    byte[] first = encoder.encode(SampleBatches.resource(), spans);
    byte[] second = encoder.encode(SampleBatches.resource(), spans);

    assertArrayEquals(first, second);
  }

  @Test
  void encode_noVersion_omitsScopeVersion() throws Exception {
    byte[] body =
        new OtlpProtoEncoder(null).encode(SampleBatches.resource(), SampleBatches.large(3));

    ScopeSpans scope = OtlpOracle.parseProto(body).getResourceSpans(0).getScopeSpans(0);
    assertEquals("", scope.getScope().getVersion());
    assertEquals("servlet", scope.getScope().getName());
  }

  @Test
  void encode_spanWithNullsEverywhere_encodesDefaultsInsteadOfThrowing() throws Exception {
    List<SpanData> spans = Arrays.asList(new NullishSpan(), null);

    byte[] body = encoder.encode(SampleBatches.resource(), spans);

    io.opentelemetry.proto.trace.v1.Span span =
        OtlpOracle.parseProto(body).getResourceSpans(0).getScopeSpans(0).getSpans(0);
    assertEquals("", span.getName());
    assertEquals(1, span.getKindValue());
    assertTrue(span.getParentSpanId().isEmpty());
    assertEquals(0, span.getAttributesCount());
  }

  static io.opentelemetry.proto.trace.v1.Span findSpan(
      ExportTraceServiceRequest request, String name) {
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      for (ScopeSpans scope : resourceSpans.getScopeSpansList()) {
        for (io.opentelemetry.proto.trace.v1.Span span : scope.getSpansList()) {
          if (span.getName().equals(name)) {
            return span;
          }
        }
      }
    }
    throw new AssertionError("no span named " + name);
  }

  static SpanData findSpanData(List<SpanData> spans, String name) {
    for (SpanData span : spans) {
      if (span.name().equals(name)) {
        return span;
      }
    }
    throw new AssertionError("no span named " + name);
  }

  static AnyValue attribute(io.opentelemetry.proto.trace.v1.Span span, String key) {
    for (KeyValue kv : span.getAttributesList()) {
      if (kv.getKey().equals(key)) {
        return kv.getValue();
      }
    }
    throw new AssertionError("no attribute " + key + " on " + span.getName());
  }

  static List<String> stringValues(AnyValue array) {
    List<String> values = new ArrayList<>();
    for (AnyValue v : array.getArrayValue().getValuesList()) {
      values.add(v.getStringValue());
    }
    return values;
  }

  static String hex(ByteString bytes) {
    StringBuilder sb = new StringBuilder();
    for (byte b : bytes.toByteArray()) {
      sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
    }
    return sb.toString();
  }

  /** A span from a careless {@link SpanData} implementation: nulls wherever they can be. */
  static final class NullishSpan implements SpanData {
    private final SpanContext context =
        SpanContext.create(1L, 2L, 3L, SpanContext.FLAG_SAMPLED, null);

    @Override
    public String name() {
      return null;
    }

    @Override
    public SpanKind kind() {
      return null;
    }

    @Override
    public SpanContext spanContext() {
      return context;
    }

    @Override
    public SpanContext parentSpanContext() {
      return null;
    }

    @Override
    public String scopeName() {
      return null;
    }

    @Override
    public long startEpochNanos() {
      return 0;
    }

    @Override
    public long endEpochNanos() {
      return 0;
    }

    @Override
    public Attributes attributes() {
      return null;
    }

    @Override
    public int droppedAttributesCount() {
      return 0;
    }

    @Override
    public List<EventData> events() {
      return null;
    }

    @Override
    public int droppedEventsCount() {
      return 0;
    }

    @Override
    public StatusCode statusCode() {
      return null;
    }

    @Override
    public String statusDescription() {
      return null;
    }
  }
}
