package dev.weft.core.export.otlp;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.weft.api.SpanContext;
import dev.weft.core.export.SpanBatchEncoder;
import dev.weft.core.resource.Resource;
import dev.weft.core.trace.AttributeType;
import dev.weft.core.trace.Attributes;
import dev.weft.core.trace.EventData;
import dev.weft.core.trace.SpanData;
import java.io.IOException;
import java.util.List;

/**
 * Encodes a batch as an OTLP {@code ExportTraceServiceRequest} in OTLP/JSON ({@code
 * application/json}), streamed with Jackson's {@link JsonGenerator}.
 *
 * <p>OTLP/JSON is the proto3 JSON mapping of the same messages {@link OtlpProtoEncoder} writes,
 * with OTLP's own deviations, followed exactly: lowerCamelCase field names; trace and span ids as
 * lowercase hex (not base64); enums as integers; 64-bit integers (timestamps, {@code intValue})
 * as decimal strings; doubles as numbers, except NaN and the infinities, which proto3 JSON writes
 * as the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}. Fields holding their
 * proto3 default are omitted, exactly where the protobuf encoder omits them, so both encodings of
 * a batch parse to the same message. An empty batch is {@code {}}. Unpaired surrogates become
 * {@code '?'}, as in the protobuf encoding.
 *
 * <p>Field names are pre-encoded; ids and 64-bit numbers are formatted into one scratch {@code
 * char[]} per call, so nothing is allocated per span beyond what Jackson does internally.
 * Immutable and thread-safe; {@link #encode} keeps no state between calls.
 */
public final class OtlpJsonEncoder implements SpanBatchEncoder {

  private static final SerializableString RESOURCE_SPANS = name("resourceSpans");
  private static final SerializableString RESOURCE = name("resource");
  private static final SerializableString SCOPE_SPANS = name("scopeSpans");
  private static final SerializableString SCOPE = name("scope");
  private static final SerializableString SPANS = name("spans");
  private static final SerializableString NAME = name("name");
  private static final SerializableString VERSION = name("version");
  private static final SerializableString ATTRIBUTES = name("attributes");
  private static final SerializableString DROPPED_ATTRIBUTES_COUNT =
      name("droppedAttributesCount");
  private static final SerializableString TRACE_ID = name("traceId");
  private static final SerializableString SPAN_ID = name("spanId");
  private static final SerializableString TRACE_STATE = name("traceState");
  private static final SerializableString PARENT_SPAN_ID = name("parentSpanId");
  private static final SerializableString FLAGS = name("flags");
  private static final SerializableString KIND = name("kind");
  private static final SerializableString START_TIME = name("startTimeUnixNano");
  private static final SerializableString END_TIME = name("endTimeUnixNano");
  private static final SerializableString EVENTS = name("events");
  private static final SerializableString DROPPED_EVENTS_COUNT = name("droppedEventsCount");
  private static final SerializableString TIME = name("timeUnixNano");
  private static final SerializableString STATUS = name("status");
  private static final SerializableString MESSAGE = name("message");
  private static final SerializableString CODE = name("code");
  private static final SerializableString KEY = name("key");
  private static final SerializableString VALUE = name("value");
  private static final SerializableString STRING_VALUE = name("stringValue");
  private static final SerializableString BOOL_VALUE = name("boolValue");
  private static final SerializableString INT_VALUE = name("intValue");
  private static final SerializableString DOUBLE_VALUE = name("doubleValue");
  private static final SerializableString ARRAY_VALUE = name("arrayValue");
  private static final SerializableString VALUES = name("values");

  /** Enough for 32 hex digits and for any 64-bit decimal. */
  private static final int SCRATCH_LENGTH = 32;

  private final JsonFactory factory;
  private final String scopeVersion;

  /**
   * @param scopeVersion the version written on every scope: the agent's version, e.g. {@code
   *     0.1.0}; null or empty for none
   */
  public OtlpJsonEncoder(String scopeVersion) {
    this.scopeVersion = Utf8.replaceUnpairedSurrogates(OtlpSpans.orEmpty(scopeVersion));
    // Characters beyond the BMP as 4-byte UTF-8 rather than as a pair of escaped surrogates:
    // shorter, and readable by consumers that do not combine escaped pairs.
    this.factory =
        JsonFactory.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();
  }

  private static SerializableString name(String fieldName) {
    return new SerializedString(fieldName);
  }

  @Override
  public String contentType() {
    return "application/json";
  }

  @Override
  public byte[] encode(Resource resource, List<SpanData> spans) {
    OtlpSpans batch = new OtlpSpans(spans);
    Attributes resourceAttributes = resource == null ? null : resource.attributes();
    // A span takes a few hundred bytes; the builder grows in blocks without copying, so an
    // estimate that is low costs little.
    ByteArrayBuilder bytes = new ByteArrayBuilder(Math.min(16 + 512 * spans.size(), 1 << 18));
    try (JsonGenerator json = factory.createGenerator(bytes, JsonEncoding.UTF8)) {
      json.writeStartObject();
      if (!batch.isEmpty()) {
        json.writeFieldName(RESOURCE_SPANS);
        json.writeStartArray();
        writeResourceSpans(json, new char[SCRATCH_LENGTH], resourceAttributes, batch);
        json.writeEndArray();
      }
      json.writeEndObject();
    } catch (IOException e) {
      // Writing to memory does not fail; Jackson reports misuse (a bug here) this way.
      throw new IllegalStateException("OTLP/JSON encoding failed", e);
    }
    return bytes.toByteArray();
  }

  private void writeResourceSpans(
      JsonGenerator json, char[] scratch, Attributes resourceAttributes, OtlpSpans batch)
      throws IOException {
    json.writeStartObject();
    json.writeFieldName(RESOURCE);
    json.writeStartObject();
    writeAttributes(json, scratch, resourceAttributes);
    json.writeEndObject();
    json.writeFieldName(SCOPE_SPANS);
    json.writeStartArray();
    for (int s = 0; s < batch.scopeCount(); s++) {
      json.writeStartObject();
      json.writeFieldName(SCOPE);
      json.writeStartObject();
      String scopeName = batch.scopeName(s);
      if (!scopeName.isEmpty()) {
        json.writeFieldName(NAME);
        writeString(json, scopeName);
      }
      if (!scopeVersion.isEmpty()) {
        json.writeFieldName(VERSION);
        json.writeString(scopeVersion);
      }
      json.writeEndObject();
      json.writeFieldName(SPANS);
      json.writeStartArray();
      for (int i = batch.firstSpan(s); i < batch.endSpan(s); i++) {
        writeSpan(json, scratch, batch.span(i));
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private static void writeSpan(JsonGenerator json, char[] scratch, SpanData span)
      throws IOException {
    SpanContext context = span.spanContext();
    SpanContext parent = OtlpSpans.parent(span);
    json.writeStartObject();
    json.writeFieldName(TRACE_ID);
    SpanContext.writeHex(context.traceIdHigh(), scratch, 0);
    SpanContext.writeHex(context.traceIdLow(), scratch, 16);
    json.writeString(scratch, 0, 32);
    json.writeFieldName(SPAN_ID);
    writeSpanId(json, scratch, context.spanId());
    if (!context.traceState().isEmpty()) {
      json.writeFieldName(TRACE_STATE);
      writeString(json, context.traceState());
    }
    if (parent.isValid()) {
      json.writeFieldName(PARENT_SPAN_ID);
      writeSpanId(json, scratch, parent.spanId());
    }
    json.writeFieldName(FLAGS);
    json.writeNumber(OtlpSpans.flags(context, parent));
    String name = OtlpSpans.orEmpty(span.name());
    if (!name.isEmpty()) {
      json.writeFieldName(NAME);
      writeString(json, name);
    }
    json.writeFieldName(KIND);
    json.writeNumber(OtlpSpans.kind(span.kind()));
    writeTime(json, scratch, START_TIME, span.startEpochNanos());
    writeTime(json, scratch, END_TIME, span.endEpochNanos());
    writeAttributes(json, scratch, span.attributes());
    writeCount(json, DROPPED_ATTRIBUTES_COUNT, span.droppedAttributesCount());
    List<EventData> events = span.events();
    if (events != null && !events.isEmpty()) {
      json.writeFieldName(EVENTS);
      json.writeStartArray();
      for (int i = 0; i < events.size(); i++) {
        writeEvent(json, scratch, events.get(i));
      }
      json.writeEndArray();
    }
    writeCount(json, DROPPED_EVENTS_COUNT, span.droppedEventsCount());
    int statusCode = OtlpSpans.statusCode(span.statusCode());
    String statusMessage = OtlpSpans.orEmpty(span.statusDescription());
    if (statusCode != 0 || !statusMessage.isEmpty()) {
      json.writeFieldName(STATUS);
      json.writeStartObject();
      if (!statusMessage.isEmpty()) {
        json.writeFieldName(MESSAGE);
        writeString(json, statusMessage);
      }
      if (statusCode != 0) {
        json.writeFieldName(CODE);
        json.writeNumber(statusCode);
      }
      json.writeEndObject();
    }
    json.writeEndObject();
  }

  private static void writeEvent(JsonGenerator json, char[] scratch, EventData event)
      throws IOException {
    json.writeStartObject();
    writeTime(json, scratch, TIME, event.epochNanos());
    String name = OtlpSpans.orEmpty(event.name());
    if (!name.isEmpty()) {
      json.writeFieldName(NAME);
      writeString(json, name);
    }
    writeAttributes(json, scratch, event.attributes());
    writeCount(json, DROPPED_ATTRIBUTES_COUNT, event.droppedAttributesCount());
    json.writeEndObject();
  }

  /** The {@code attributes} field, omitted when there are none. */
  private static void writeAttributes(JsonGenerator json, char[] scratch, Attributes attributes)
      throws IOException {
    if (attributes == null || attributes.size() == 0) {
      return;
    }
    json.writeFieldName(ATTRIBUTES);
    json.writeStartArray();
    for (int i = 0; i < attributes.size(); i++) {
      json.writeStartObject();
      json.writeFieldName(KEY);
      writeString(json, OtlpSpans.orEmpty(attributes.key(i)));
      json.writeFieldName(VALUE);
      writeAnyValue(json, scratch, attributes, i);
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  /** An {@code AnyValue}: its one field is written even when it holds the default (a oneof). */
  private static void writeAnyValue(
      JsonGenerator json, char[] scratch, Attributes attributes, int i) throws IOException {
    json.writeStartObject();
    AttributeType type = attributes.type(i);
    switch (type) {
      case STRING:
        json.writeFieldName(STRING_VALUE);
        writeString(json, OtlpSpans.orEmpty(attributes.stringValue(i)));
        break;
      case LONG:
        json.writeFieldName(INT_VALUE);
        writeDecimalString(json, scratch, attributes.longValue(i), false);
        break;
      case DOUBLE:
        json.writeFieldName(DOUBLE_VALUE);
        writeDouble(json, attributes.doubleValue(i));
        break;
      case BOOLEAN:
        json.writeFieldName(BOOL_VALUE);
        json.writeBoolean(attributes.booleanValue(i));
        break;
      default:
        json.writeFieldName(ARRAY_VALUE);
        writeArrayValue(json, scratch, type, attributes.arrayValue(i));
        break;
    }
    json.writeEndObject();
  }

  /**
   * An {@code ArrayValue}; {@code values} is omitted when empty, as proto3 JSON omits empty
   * repeated fields. A null array, or one not of its type's class, is written as empty.
   */
  private static void writeArrayValue(
      JsonGenerator json, char[] scratch, AttributeType type, Object array) throws IOException {
    json.writeStartObject();
    if (type == AttributeType.STRING_ARRAY && array instanceof String[]) {
      String[] values = (String[]) array;
      if (values.length > 0) {
        json.writeFieldName(VALUES);
        json.writeStartArray();
        for (String value : values) {
          json.writeStartObject();
          json.writeFieldName(STRING_VALUE);
          writeString(json, OtlpSpans.orEmpty(value));
          json.writeEndObject();
        }
        json.writeEndArray();
      }
    } else if (type == AttributeType.LONG_ARRAY && array instanceof long[]) {
      long[] values = (long[]) array;
      if (values.length > 0) {
        json.writeFieldName(VALUES);
        json.writeStartArray();
        for (long value : values) {
          json.writeStartObject();
          json.writeFieldName(INT_VALUE);
          writeDecimalString(json, scratch, value, false);
          json.writeEndObject();
        }
        json.writeEndArray();
      }
    } else if (type == AttributeType.DOUBLE_ARRAY && array instanceof double[]) {
      double[] values = (double[]) array;
      if (values.length > 0) {
        json.writeFieldName(VALUES);
        json.writeStartArray();
        for (double value : values) {
          json.writeStartObject();
          json.writeFieldName(DOUBLE_VALUE);
          writeDouble(json, value);
          json.writeEndObject();
        }
        json.writeEndArray();
      }
    } else if (type == AttributeType.BOOLEAN_ARRAY && array instanceof boolean[]) {
      boolean[] values = (boolean[]) array;
      if (values.length > 0) {
        json.writeFieldName(VALUES);
        json.writeStartArray();
        for (boolean value : values) {
          json.writeStartObject();
          json.writeFieldName(BOOL_VALUE);
          json.writeBoolean(value);
          json.writeEndObject();
        }
        json.writeEndArray();
      }
    }
    json.writeEndObject();
  }

  private static void writeString(JsonGenerator json, String value) throws IOException {
    // Jackson would write a lone surrogate as an escape, valid JSON but not valid Unicode, which
    // parsers treat differently; replace it as the protobuf encoder does.
    json.writeString(Utf8.replaceUnpairedSurrogates(value));
  }

  private static void writeSpanId(JsonGenerator json, char[] scratch, long spanId)
      throws IOException {
    SpanContext.writeHex(spanId, scratch, 0);
    json.writeString(scratch, 0, 16);
  }

  /** A fixed64 timestamp field, omitted when zero (its proto3 default). */
  private static void writeTime(
      JsonGenerator json, char[] scratch, SerializableString field, long epochNanos)
      throws IOException {
    if (epochNanos != 0) {
      json.writeFieldName(field);
      writeDecimalString(json, scratch, epochNanos, true);
    }
  }

  /** A uint32 count field, omitted when zero. */
  private static void writeCount(JsonGenerator json, SerializableString field, int count)
      throws IOException {
    if (count != 0) {
      json.writeFieldName(field);
      json.writeNumber(count & 0xFFFFFFFFL);
    }
  }

  /**
   * A 64-bit integer as a JSON string of its decimal digits, as proto3 JSON writes int64 and
   * fixed64 (a JavaScript number would lose precision above 2^53). {@code unsigned} for fixed64.
   */
  private static void writeDecimalString(
      JsonGenerator json, char[] scratch, long value, boolean unsigned) throws IOException {
    if (value < 0 && (unsigned || value == Long.MIN_VALUE)) {
      // Rare enough to allocate: a negative fixed64, or the one long without a positive twin.
      json.writeString(unsigned ? Long.toUnsignedString(value) : Long.toString(value));
      return;
    }
    long rest = value < 0 ? -value : value;
    int start = scratch.length;
    do {
      scratch[--start] = (char) ('0' + rest % 10);
      rest /= 10;
    } while (rest != 0);
    if (value < 0) {
      scratch[--start] = '-';
    }
    json.writeString(scratch, start, scratch.length - start);
  }

  private static void writeDouble(JsonGenerator json, double value) throws IOException {
    if (Double.isNaN(value)) {
      json.writeString("NaN");
    } else if (Double.isInfinite(value)) {
      json.writeString(value > 0 ? "Infinity" : "-Infinity");
    } else {
      json.writeNumber(value);
    }
  }
}
