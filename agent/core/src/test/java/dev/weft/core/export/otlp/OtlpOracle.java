package dev.weft.core.export.otlp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.google.protobuf.ByteString;
import com.google.protobuf.util.JsonFormat;
import dev.weft.api.SpanContext;
import dev.weft.core.resource.Resource;
import dev.weft.core.trace.Attributes;
import dev.weft.core.trace.EventData;
import dev.weft.core.trace.SpanData;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.SpanFlags;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The test oracle: the official generated OTLP classes (protobuf-java) build the request a batch
 * should encode to, independently of the encoders' own mapping code, and parse what the encoders
 * wrote.
 */
public final class OtlpOracle {

  private static final JsonFactory JSON = new JsonFactory();

  private OtlpOracle() {}

  static ExportTraceServiceRequest parseProto(byte[] body) throws IOException {
    return ExportTraceServiceRequest.parseFrom(body);
  }

  /**
   * Parses OTLP/JSON with protobuf-java-util, strictly (an unknown field fails). That parser
   * reads bytes fields as base64, while OTLP/JSON ids are hex: the ids are converted first.
   */
  public static ExportTraceServiceRequest parseJson(byte[] body) throws IOException {
    String json = new String(body, StandardCharsets.UTF_8);
    ExportTraceServiceRequest.Builder builder = ExportTraceServiceRequest.newBuilder();
    JsonFormat.parser().merge(hexIdsToBase64(json), builder);
    return builder.build();
  }

  /** A copy of {@code json} with the values of traceId, spanId and parentSpanId as base64. */
  static String hexIdsToBase64(String json) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonParser parser = JSON.createParser(json);
        JsonGenerator generator = JSON.createGenerator(out)) {
      String field = null;
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token == JsonToken.FIELD_NAME) {
          field = parser.currentName();
        }
        if (token == JsonToken.VALUE_STRING && isIdField(field)) {
          generator.writeString(Base64.getEncoder().encodeToString(hexToBytes(parser.getText())));
        } else {
          generator.copyCurrentEvent(parser);
        }
      }
    }
    return out.toString();
  }

  private static boolean isIdField(String field) {
    return "traceId".equals(field) || "spanId".equals(field) || "parentSpanId".equals(field);
  }

  static byte[] hexToBytes(String hex) {
    if (!hex.matches("[0-9a-f]*") || hex.length() % 2 != 0) {
      throw new IllegalArgumentException("not lowercase hex: " + hex);
    }
    byte[] bytes = new byte[hex.length() / 2];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    return bytes;
  }

  /** The request {@code spans} should encode to. */
  static ExportTraceServiceRequest expected(
      Resource resource, List<SpanData> spans, String scopeVersion) {
    if (spans.isEmpty()) {
      return ExportTraceServiceRequest.getDefaultInstance();
    }
    Map<String, ScopeSpans.Builder> scopes = new LinkedHashMap<>();
    for (SpanData span : spans) {
      scopes
          .computeIfAbsent(
              span.scopeName(),
              name ->
                  ScopeSpans.newBuilder()
                      .setScope(
                          InstrumentationScope.newBuilder()
                              .setName(valid(name))
                              .setVersion(scopeVersion)))
          .addSpans(span(span));
    }
    ResourceSpans.Builder resourceSpans =
        ResourceSpans.newBuilder()
            .setResource(
                io.opentelemetry.proto.resource.v1.Resource.newBuilder()
                    .addAllAttributes(keyValues(resource.attributes())));
    for (ScopeSpans.Builder scope : scopes.values()) {
      resourceSpans.addScopeSpans(scope);
    }
    return ExportTraceServiceRequest.newBuilder().addResourceSpans(resourceSpans).build();
  }

  static Span span(SpanData span) {
    SpanContext context = span.spanContext();
    SpanContext parent = span.parentSpanContext();
    int flags =
        (context.traceFlags() & SpanFlags.SPAN_FLAGS_TRACE_FLAGS_MASK_VALUE)
            | SpanFlags.SPAN_FLAGS_CONTEXT_HAS_IS_REMOTE_MASK_VALUE
            | (parent.isRemote() ? SpanFlags.SPAN_FLAGS_CONTEXT_IS_REMOTE_MASK_VALUE : 0);
    Span.Builder builder =
        Span.newBuilder()
            .setTraceId(ByteString.copyFrom(hexToBytes(context.traceIdHex())))
            .setSpanId(ByteString.copyFrom(hexToBytes(context.spanIdHex())))
            .setTraceState(valid(context.traceState()))
            .setFlags(flags)
            .setName(valid(span.name()))
            .setKind(Span.SpanKind.valueOf("SPAN_KIND_" + span.kind().name()))
            .setStartTimeUnixNano(span.startEpochNanos())
            .setEndTimeUnixNano(span.endEpochNanos())
            .addAllAttributes(keyValues(span.attributes()))
            .setDroppedAttributesCount(span.droppedAttributesCount())
            .setDroppedEventsCount(span.droppedEventsCount());
    if (parent.isValid()) {
      builder.setParentSpanId(ByteString.copyFrom(hexToBytes(parent.spanIdHex())));
    }
    for (EventData event : span.events()) {
      builder.addEvents(
          Span.Event.newBuilder()
              .setTimeUnixNano(event.epochNanos())
              .setName(valid(event.name()))
              .addAllAttributes(keyValues(event.attributes()))
              .setDroppedAttributesCount(event.droppedAttributesCount()));
    }
    Status.StatusCode code = Status.StatusCode.valueOf("STATUS_CODE_" + span.statusCode().name());
    if (code != Status.StatusCode.STATUS_CODE_UNSET || !span.statusDescription().isEmpty()) {
      builder.setStatus(
          Status.newBuilder().setCode(code).setMessage(valid(span.statusDescription())));
    }
    return builder.build();
  }

  static List<KeyValue> keyValues(Attributes attributes) {
    List<KeyValue> result = new java.util.ArrayList<>();
    for (int i = 0; i < attributes.size(); i++) {
      AnyValue.Builder value = AnyValue.newBuilder();
      switch (attributes.type(i)) {
        case STRING:
          value.setStringValue(valid(attributes.stringValue(i)));
          break;
        case LONG:
          value.setIntValue(attributes.longValue(i));
          break;
        case DOUBLE:
          value.setDoubleValue(attributes.doubleValue(i));
          break;
        case BOOLEAN:
          value.setBoolValue(attributes.booleanValue(i));
          break;
        case STRING_ARRAY:
          ArrayValue.Builder strings = ArrayValue.newBuilder();
          for (String s : (String[]) attributes.arrayValue(i)) {
            strings.addValues(AnyValue.newBuilder().setStringValue(s == null ? "" : valid(s)));
          }
          value.setArrayValue(strings);
          break;
        case LONG_ARRAY:
          ArrayValue.Builder longs = ArrayValue.newBuilder();
          for (long l : (long[]) attributes.arrayValue(i)) {
            longs.addValues(AnyValue.newBuilder().setIntValue(l));
          }
          value.setArrayValue(longs);
          break;
        case DOUBLE_ARRAY:
          ArrayValue.Builder doubles = ArrayValue.newBuilder();
          for (double d : (double[]) attributes.arrayValue(i)) {
            doubles.addValues(AnyValue.newBuilder().setDoubleValue(d));
          }
          value.setArrayValue(doubles);
          break;
        case BOOLEAN_ARRAY:
          ArrayValue.Builder booleans = ArrayValue.newBuilder();
          for (boolean b : (boolean[]) attributes.arrayValue(i)) {
            booleans.addValues(AnyValue.newBuilder().setBoolValue(b));
          }
          value.setArrayValue(booleans);
          break;
        default:
          throw new AssertionError(attributes.type(i));
      }
      result.add(KeyValue.newBuilder().setKey(valid(attributes.key(i))).setValue(value).build());
    }
    return result;
  }

  /**
   * {@code s} as it reads after a trip through UTF-8 with the JDK's own encoder, which writes an
   * unpaired surrogate as '?': the replacement the encoders promise.
   */
  static String valid(String s) {
    return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
  }
}
