package dev.weft.core.export.otlp;

import static dev.weft.core.export.otlp.ProtoWriter.WIRETYPE_FIXED32;
import static dev.weft.core.export.otlp.ProtoWriter.WIRETYPE_FIXED64;
import static dev.weft.core.export.otlp.ProtoWriter.WIRETYPE_LENGTH_DELIMITED;
import static dev.weft.core.export.otlp.ProtoWriter.WIRETYPE_VARINT;
import static dev.weft.core.export.otlp.ProtoWriter.sizeOfFixed32Field;
import static dev.weft.core.export.otlp.ProtoWriter.sizeOfFixed64Field;
import static dev.weft.core.export.otlp.ProtoWriter.sizeOfLengthDelimited;
import static dev.weft.core.export.otlp.ProtoWriter.sizeOfVarintField;
import static dev.weft.core.export.otlp.ProtoWriter.tag;

import dev.weft.api.SpanContext;
import dev.weft.core.export.SpanBatchEncoder;
import dev.weft.core.resource.Resource;
import dev.weft.core.trace.AttributeType;
import dev.weft.core.trace.Attributes;
import dev.weft.core.trace.EventData;
import dev.weft.core.trace.SpanData;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes a batch as an OTLP {@code ExportTraceServiceRequest} in protobuf binary ({@code
 * application/x-protobuf}), without protobuf-java.
 *
 * <p>How: a protobuf message is preceded by its length, so nested messages must be sized before
 * they are written. The encoder walks the batch twice. The size pass computes the size of every
 * nested message and the UTF-8 length of every string, and records them in a {@code Sizes} queue
 * in the order the write pass will need them (a message's slot is reserved before its children
 * are sized, so the queue is in pre-order). The write pass allocates one array of exactly the
 * total size and writes every field once, reading lengths back from the queue; strings are
 * encoded straight into that array. So a batch costs one output array, one int array for the
 * sizes and the grouping arrays of {@link OtlpSpans}, and nothing per span or field. The two
 * passes must make the same decisions in the same order: each {@code size*} method has a {@code
 * write*} twin directly below it.
 *
 * <p>What is written: one {@code ResourceSpans} with the resource's attributes, one {@code
 * ScopeSpans} per scope name (version = the agent version), and per span every field of the span
 * model. Fields that hold their proto3 default are omitted (an empty trace state, the parent id
 * of a root span, a zero count, an UNSET status without message). An empty batch is an empty
 * request (zero bytes). Null strings are written as empty strings, also inside string arrays.
 *
 * <p>Immutable and thread-safe; {@link #encode} keeps no state between calls. It relies on the
 * spans not changing while it runs, which holds for ended spans.
 */
public final class OtlpProtoEncoder implements SpanBatchEncoder {

  // opentelemetry/proto/collector/trace/v1/trace_service.proto
  private static final int REQUEST_RESOURCE_SPANS = tag(1, WIRETYPE_LENGTH_DELIMITED);

  // opentelemetry/proto/trace/v1/trace.proto
  private static final int RESOURCE_SPANS_RESOURCE = tag(1, WIRETYPE_LENGTH_DELIMITED);
  private static final int RESOURCE_SPANS_SCOPE_SPANS = tag(2, WIRETYPE_LENGTH_DELIMITED);
  private static final int SCOPE_SPANS_SCOPE = tag(1, WIRETYPE_LENGTH_DELIMITED);
  private static final int SCOPE_SPANS_SPANS = tag(2, WIRETYPE_LENGTH_DELIMITED);
  private static final int SPAN_TRACE_ID = tag(1, WIRETYPE_LENGTH_DELIMITED);
  private static final int SPAN_SPAN_ID = tag(2, WIRETYPE_LENGTH_DELIMITED);
  private static final int SPAN_TRACE_STATE = tag(3, WIRETYPE_LENGTH_DELIMITED);
  private static final int SPAN_PARENT_SPAN_ID = tag(4, WIRETYPE_LENGTH_DELIMITED);
  private static final int SPAN_NAME = tag(5, WIRETYPE_LENGTH_DELIMITED);
  private static final int SPAN_KIND = tag(6, WIRETYPE_VARINT);
  private static final int SPAN_START_TIME = tag(7, WIRETYPE_FIXED64);
  private static final int SPAN_END_TIME = tag(8, WIRETYPE_FIXED64);
  private static final int SPAN_ATTRIBUTES = tag(9, WIRETYPE_LENGTH_DELIMITED);
  private static final int SPAN_DROPPED_ATTRIBUTES = tag(10, WIRETYPE_VARINT);
  private static final int SPAN_EVENTS = tag(11, WIRETYPE_LENGTH_DELIMITED);
  private static final int SPAN_DROPPED_EVENTS = tag(12, WIRETYPE_VARINT);
  private static final int SPAN_STATUS = tag(15, WIRETYPE_LENGTH_DELIMITED);
  private static final int SPAN_FLAGS = tag(16, WIRETYPE_FIXED32);
  private static final int EVENT_TIME = tag(1, WIRETYPE_FIXED64);
  private static final int EVENT_NAME = tag(2, WIRETYPE_LENGTH_DELIMITED);
  private static final int EVENT_ATTRIBUTES = tag(3, WIRETYPE_LENGTH_DELIMITED);
  private static final int EVENT_DROPPED_ATTRIBUTES = tag(4, WIRETYPE_VARINT);
  private static final int STATUS_MESSAGE = tag(2, WIRETYPE_LENGTH_DELIMITED);
  private static final int STATUS_CODE = tag(3, WIRETYPE_VARINT);

  // opentelemetry/proto/resource/v1/resource.proto
  private static final int RESOURCE_ATTRIBUTES = tag(1, WIRETYPE_LENGTH_DELIMITED);

  // opentelemetry/proto/common/v1/common.proto
  private static final int SCOPE_NAME = tag(1, WIRETYPE_LENGTH_DELIMITED);
  private static final int SCOPE_VERSION = tag(2, WIRETYPE_LENGTH_DELIMITED);
  private static final int KEY_VALUE_KEY = tag(1, WIRETYPE_LENGTH_DELIMITED);
  private static final int KEY_VALUE_VALUE = tag(2, WIRETYPE_LENGTH_DELIMITED);
  private static final int ANY_VALUE_STRING = tag(1, WIRETYPE_LENGTH_DELIMITED);
  private static final int ANY_VALUE_BOOL = tag(2, WIRETYPE_VARINT);
  private static final int ANY_VALUE_INT = tag(3, WIRETYPE_VARINT);
  private static final int ANY_VALUE_DOUBLE = tag(4, WIRETYPE_FIXED64);
  private static final int ANY_VALUE_ARRAY = tag(5, WIRETYPE_LENGTH_DELIMITED);
  private static final int ARRAY_VALUE_VALUES = tag(1, WIRETYPE_LENGTH_DELIMITED);

  private static final byte[] EMPTY = new byte[0];

  /** The scope version, encoded once: it is the same in every batch. */
  private final byte[] scopeVersionUtf8;

  /**
   * @param scopeVersion the version written on every scope: the agent's version, e.g. {@code
   *     0.1.0}; null or empty for none
   */
  public OtlpProtoEncoder(String scopeVersion) {
    this.scopeVersionUtf8 = Utf8.toBytes(OtlpSpans.orEmpty(scopeVersion));
  }

  @Override
  public String contentType() {
    return "application/x-protobuf";
  }

  @Override
  public byte[] encode(Resource resource, List<SpanData> spans) {
    OtlpSpans batch = new OtlpSpans(spans);
    if (batch.isEmpty()) {
      return EMPTY;
    }
    Attributes resourceAttributes = resource == null ? null : resource.attributes();
    Sizes sizes = new Sizes(estimatedSlots(resourceAttributes, spans));
    int resourceSpansSize = sizeResourceSpans(sizes, resourceAttributes, batch);
    ProtoWriter out =
        new ProtoWriter(sizeOfLengthDelimited(REQUEST_RESOURCE_SPANS, resourceSpansSize));
    out.writeLengthDelimitedHeader(REQUEST_RESOURCE_SPANS, sizes.next());
    writeResourceSpans(out, sizes, resourceAttributes, batch);
    return out.toByteArray();
  }

  /**
   * About as many size slots as the batch needs (a few per span and per attribute), so that the
   * queue is allocated once instead of growing and copying during the size pass.
   */
  private static int estimatedSlots(Attributes resourceAttributes, List<SpanData> spans) {
    int slots = 16 + (resourceAttributes == null ? 0 : 4 * resourceAttributes.size());
    for (int i = 0; i < spans.size(); i++) {
      SpanData span = spans.get(i);
      if (span == null) {
        continue;
      }
      Attributes attributes = span.attributes();
      slots += 4 + (attributes == null ? 0 : 4 * attributes.size());
      List<EventData> events = span.events();
      if (events != null) {
        for (int e = 0; e < events.size(); e++) {
          EventData event = events.get(e);
          slots += 4 + (event == null ? 0 : 4 * event.attributes().size());
        }
      }
    }
    return slots;
  }

  // Each size* method returns the size of a message's body and, where the body is a nested
  // message, records it; its write* twin writes the same fields. Message lengths come from the
  // queue in the write pass: the caller of write* has already taken this message's own length.

  private int sizeResourceSpans(Sizes sizes, Attributes resourceAttributes, OtlpSpans batch) {
    int slot = sizes.reserve();
    int size =
        sizeOfLengthDelimited(
            RESOURCE_SPANS_RESOURCE, sizeResource(sizes, resourceAttributes));
    for (int s = 0; s < batch.scopeCount(); s++) {
      size += sizeOfLengthDelimited(RESOURCE_SPANS_SCOPE_SPANS, sizeScopeSpans(sizes, batch, s));
    }
    return sizes.set(slot, size);
  }

  private void writeResourceSpans(
      ProtoWriter out, Sizes sizes, Attributes resourceAttributes, OtlpSpans batch) {
    out.writeLengthDelimitedHeader(RESOURCE_SPANS_RESOURCE, sizes.next());
    writeResource(out, sizes, resourceAttributes);
    for (int s = 0; s < batch.scopeCount(); s++) {
      out.writeLengthDelimitedHeader(RESOURCE_SPANS_SCOPE_SPANS, sizes.next());
      writeScopeSpans(out, sizes, batch, s);
    }
  }

  private static int sizeResource(Sizes sizes, Attributes attributes) {
    int slot = sizes.reserve();
    return sizes.set(slot, sizeAttributes(sizes, RESOURCE_ATTRIBUTES, attributes));
  }

  private static void writeResource(ProtoWriter out, Sizes sizes, Attributes attributes) {
    writeAttributes(out, sizes, RESOURCE_ATTRIBUTES, attributes);
  }

  private int sizeScopeSpans(Sizes sizes, OtlpSpans batch, int scope) {
    int slot = sizes.reserve();
    int size = sizeOfLengthDelimited(SCOPE_SPANS_SCOPE, sizeScope(sizes, batch.scopeName(scope)));
    for (int i = batch.firstSpan(scope); i < batch.endSpan(scope); i++) {
      size += sizeOfLengthDelimited(SCOPE_SPANS_SPANS, sizeSpan(sizes, batch.span(i)));
    }
    return sizes.set(slot, size);
  }

  private void writeScopeSpans(ProtoWriter out, Sizes sizes, OtlpSpans batch, int scope) {
    out.writeLengthDelimitedHeader(SCOPE_SPANS_SCOPE, sizes.next());
    writeScope(out, sizes, batch.scopeName(scope));
    for (int i = batch.firstSpan(scope); i < batch.endSpan(scope); i++) {
      out.writeLengthDelimitedHeader(SCOPE_SPANS_SPANS, sizes.next());
      writeSpan(out, sizes, batch.span(i));
    }
  }

  private int sizeScope(Sizes sizes, String name) {
    int slot = sizes.reserve();
    int size = 0;
    if (!name.isEmpty()) {
      size += sizeString(sizes, SCOPE_NAME, name);
    }
    if (scopeVersionUtf8.length > 0) {
      size += sizeOfLengthDelimited(SCOPE_VERSION, scopeVersionUtf8.length);
    }
    return sizes.set(slot, size);
  }

  private void writeScope(ProtoWriter out, Sizes sizes, String name) {
    if (!name.isEmpty()) {
      writeString(out, sizes, SCOPE_NAME, name);
    }
    if (scopeVersionUtf8.length > 0) {
      out.writeBytesField(SCOPE_VERSION, scopeVersionUtf8);
    }
  }

  private static int sizeSpan(Sizes sizes, SpanData span) {
    int slot = sizes.reserve();
    SpanContext context = span.spanContext();
    SpanContext parent = OtlpSpans.parent(span);
    int size = sizeOfLengthDelimited(SPAN_TRACE_ID, 16) + sizeOfLengthDelimited(SPAN_SPAN_ID, 8);
    if (!context.traceState().isEmpty()) {
      size += sizeString(sizes, SPAN_TRACE_STATE, context.traceState());
    }
    if (parent.isValid()) {
      size += sizeOfLengthDelimited(SPAN_PARENT_SPAN_ID, 8);
    }
    String name = OtlpSpans.orEmpty(span.name());
    if (!name.isEmpty()) {
      size += sizeString(sizes, SPAN_NAME, name);
    }
    size += sizeOfVarintField(SPAN_KIND, OtlpSpans.kind(span.kind()));
    if (span.startEpochNanos() != 0) {
      size += sizeOfFixed64Field(SPAN_START_TIME);
    }
    if (span.endEpochNanos() != 0) {
      size += sizeOfFixed64Field(SPAN_END_TIME);
    }
    size += sizeAttributes(sizes, SPAN_ATTRIBUTES, span.attributes());
    if (span.droppedAttributesCount() != 0) {
      size += sizeOfVarintField(SPAN_DROPPED_ATTRIBUTES, uint32(span.droppedAttributesCount()));
    }
    List<EventData> events = span.events();
    if (events != null) {
      for (int i = 0; i < events.size(); i++) {
        size += sizeOfLengthDelimited(SPAN_EVENTS, sizeEvent(sizes, events.get(i)));
      }
    }
    if (span.droppedEventsCount() != 0) {
      size += sizeOfVarintField(SPAN_DROPPED_EVENTS, uint32(span.droppedEventsCount()));
    }
    int statusCode = OtlpSpans.statusCode(span.statusCode());
    String statusMessage = OtlpSpans.orEmpty(span.statusDescription());
    if (statusCode != 0 || !statusMessage.isEmpty()) {
      size += sizeOfLengthDelimited(SPAN_STATUS, sizeStatus(sizes, statusCode, statusMessage));
    }
    size += sizeOfFixed32Field(SPAN_FLAGS);
    return sizes.set(slot, size);
  }

  private static void writeSpan(ProtoWriter out, Sizes sizes, SpanData span) {
    SpanContext context = span.spanContext();
    SpanContext parent = OtlpSpans.parent(span);
    out.writeTraceIdField(SPAN_TRACE_ID, context.traceIdHigh(), context.traceIdLow());
    out.writeSpanIdField(SPAN_SPAN_ID, context.spanId());
    if (!context.traceState().isEmpty()) {
      writeString(out, sizes, SPAN_TRACE_STATE, context.traceState());
    }
    if (parent.isValid()) {
      out.writeSpanIdField(SPAN_PARENT_SPAN_ID, parent.spanId());
    }
    String name = OtlpSpans.orEmpty(span.name());
    if (!name.isEmpty()) {
      writeString(out, sizes, SPAN_NAME, name);
    }
    out.writeVarintField(SPAN_KIND, OtlpSpans.kind(span.kind()));
    if (span.startEpochNanos() != 0) {
      out.writeFixed64Field(SPAN_START_TIME, span.startEpochNanos());
    }
    if (span.endEpochNanos() != 0) {
      out.writeFixed64Field(SPAN_END_TIME, span.endEpochNanos());
    }
    writeAttributes(out, sizes, SPAN_ATTRIBUTES, span.attributes());
    if (span.droppedAttributesCount() != 0) {
      out.writeVarintField(SPAN_DROPPED_ATTRIBUTES, uint32(span.droppedAttributesCount()));
    }
    List<EventData> events = span.events();
    if (events != null) {
      for (int i = 0; i < events.size(); i++) {
        out.writeLengthDelimitedHeader(SPAN_EVENTS, sizes.next());
        writeEvent(out, sizes, events.get(i));
      }
    }
    if (span.droppedEventsCount() != 0) {
      out.writeVarintField(SPAN_DROPPED_EVENTS, uint32(span.droppedEventsCount()));
    }
    int statusCode = OtlpSpans.statusCode(span.statusCode());
    String statusMessage = OtlpSpans.orEmpty(span.statusDescription());
    if (statusCode != 0 || !statusMessage.isEmpty()) {
      out.writeLengthDelimitedHeader(SPAN_STATUS, sizes.next());
      writeStatus(out, sizes, statusCode, statusMessage);
    }
    out.writeFixed32Field(SPAN_FLAGS, OtlpSpans.flags(context, parent));
  }

  private static int sizeEvent(Sizes sizes, EventData event) {
    int slot = sizes.reserve();
    int size = 0;
    if (event.epochNanos() != 0) {
      size += sizeOfFixed64Field(EVENT_TIME);
    }
    String name = OtlpSpans.orEmpty(event.name());
    if (!name.isEmpty()) {
      size += sizeString(sizes, EVENT_NAME, name);
    }
    size += sizeAttributes(sizes, EVENT_ATTRIBUTES, event.attributes());
    if (event.droppedAttributesCount() != 0) {
      size += sizeOfVarintField(EVENT_DROPPED_ATTRIBUTES, uint32(event.droppedAttributesCount()));
    }
    return sizes.set(slot, size);
  }

  private static void writeEvent(ProtoWriter out, Sizes sizes, EventData event) {
    if (event.epochNanos() != 0) {
      out.writeFixed64Field(EVENT_TIME, event.epochNanos());
    }
    String name = OtlpSpans.orEmpty(event.name());
    if (!name.isEmpty()) {
      writeString(out, sizes, EVENT_NAME, name);
    }
    writeAttributes(out, sizes, EVENT_ATTRIBUTES, event.attributes());
    if (event.droppedAttributesCount() != 0) {
      out.writeVarintField(EVENT_DROPPED_ATTRIBUTES, uint32(event.droppedAttributesCount()));
    }
  }

  private static int sizeStatus(Sizes sizes, int code, String message) {
    int slot = sizes.reserve();
    int size = 0;
    if (!message.isEmpty()) {
      size += sizeString(sizes, STATUS_MESSAGE, message);
    }
    if (code != 0) {
      size += sizeOfVarintField(STATUS_CODE, code);
    }
    return sizes.set(slot, size);
  }

  private static void writeStatus(ProtoWriter out, Sizes sizes, int code, String message) {
    if (!message.isEmpty()) {
      writeString(out, sizes, STATUS_MESSAGE, message);
    }
    if (code != 0) {
      out.writeVarintField(STATUS_CODE, code);
    }
  }

  /** The size of all {@code KeyValue}s of {@code attributes} as repeated field {@code tag}. */
  private static int sizeAttributes(Sizes sizes, int tag, Attributes attributes) {
    if (attributes == null) {
      return 0;
    }
    int size = 0;
    for (int i = 0; i < attributes.size(); i++) {
      size += sizeOfLengthDelimited(tag, sizeKeyValue(sizes, attributes, i));
    }
    return size;
  }

  private static void writeAttributes(
      ProtoWriter out, Sizes sizes, int tag, Attributes attributes) {
    if (attributes == null) {
      return;
    }
    for (int i = 0; i < attributes.size(); i++) {
      out.writeLengthDelimitedHeader(tag, sizes.next());
      writeKeyValue(out, sizes, attributes, i);
    }
  }

  private static int sizeKeyValue(Sizes sizes, Attributes attributes, int i) {
    int slot = sizes.reserve();
    int size = sizeString(sizes, KEY_VALUE_KEY, OtlpSpans.orEmpty(attributes.key(i)));
    size += sizeOfLengthDelimited(KEY_VALUE_VALUE, sizeAnyValue(sizes, attributes, i));
    return sizes.set(slot, size);
  }

  private static void writeKeyValue(ProtoWriter out, Sizes sizes, Attributes attributes, int i) {
    writeString(out, sizes, KEY_VALUE_KEY, OtlpSpans.orEmpty(attributes.key(i)));
    out.writeLengthDelimitedHeader(KEY_VALUE_VALUE, sizes.next());
    writeAnyValue(out, sizes, attributes, i);
  }

  /**
   * The {@code AnyValue} of attribute {@code i}. Its one field is written even when it holds the
   * default ({@code ""}, 0, false): the field is a oneof, whose presence says the value's type.
   */
  private static int sizeAnyValue(Sizes sizes, Attributes attributes, int i) {
    int slot = sizes.reserve();
    int size;
    AttributeType type = attributes.type(i);
    switch (type) {
      case STRING:
        size = sizeString(sizes, ANY_VALUE_STRING, OtlpSpans.orEmpty(attributes.stringValue(i)));
        break;
      case LONG:
        size = sizeOfVarintField(ANY_VALUE_INT, attributes.longValue(i));
        break;
      case DOUBLE:
        size = sizeOfFixed64Field(ANY_VALUE_DOUBLE);
        break;
      case BOOLEAN:
        size = sizeOfVarintField(ANY_VALUE_BOOL, 1);
        break;
      default:
        size =
            sizeOfLengthDelimited(
                ANY_VALUE_ARRAY, sizeArrayValue(sizes, type, attributes.arrayValue(i)));
        break;
    }
    return sizes.set(slot, size);
  }

  private static void writeAnyValue(ProtoWriter out, Sizes sizes, Attributes attributes, int i) {
    AttributeType type = attributes.type(i);
    switch (type) {
      case STRING:
        writeString(out, sizes, ANY_VALUE_STRING, OtlpSpans.orEmpty(attributes.stringValue(i)));
        break;
      case LONG:
        out.writeVarintField(ANY_VALUE_INT, attributes.longValue(i));
        break;
      case DOUBLE:
        out.writeFixed64Field(
            ANY_VALUE_DOUBLE, Double.doubleToRawLongBits(attributes.doubleValue(i)));
        break;
      case BOOLEAN:
        out.writeVarintField(ANY_VALUE_BOOL, attributes.booleanValue(i) ? 1 : 0);
        break;
      default:
        out.writeLengthDelimitedHeader(ANY_VALUE_ARRAY, sizes.next());
        writeArrayValue(out, sizes, type, attributes.arrayValue(i));
        break;
    }
  }

  /**
   * An {@code ArrayValue}: one {@code AnyValue} per element, each a message of its own. The
   * element messages' sizes are not recorded: each follows from its one field (the recorded
   * UTF-8 length of a string, or the value itself), which the write pass recomputes cheaply.
   */
  private static int sizeArrayValue(Sizes sizes, AttributeType type, Object array) {
    int slot = sizes.reserve();
    int size = 0;
    if (type == AttributeType.STRING_ARRAY && array instanceof String[]) {
      for (String value : (String[]) array) {
        size +=
            sizeOfLengthDelimited(
                ARRAY_VALUE_VALUES, sizeString(sizes, ANY_VALUE_STRING, OtlpSpans.orEmpty(value)));
      }
    } else if (type == AttributeType.LONG_ARRAY && array instanceof long[]) {
      for (long value : (long[]) array) {
        size +=
            sizeOfLengthDelimited(ARRAY_VALUE_VALUES, sizeOfVarintField(ANY_VALUE_INT, value));
      }
    } else if (type == AttributeType.DOUBLE_ARRAY && array instanceof double[]) {
      int element = sizeOfLengthDelimited(ARRAY_VALUE_VALUES, sizeOfFixed64Field(ANY_VALUE_DOUBLE));
      size = element * ((double[]) array).length;
    } else if (type == AttributeType.BOOLEAN_ARRAY && array instanceof boolean[]) {
      int element = sizeOfLengthDelimited(ARRAY_VALUE_VALUES, sizeOfVarintField(ANY_VALUE_BOOL, 1));
      size = element * ((boolean[]) array).length;
    }
    // anything else (a null, or an array not of its type's class) is an empty array
    return sizes.set(slot, size);
  }

  private static void writeArrayValue(
      ProtoWriter out, Sizes sizes, AttributeType type, Object array) {
    if (type == AttributeType.STRING_ARRAY && array instanceof String[]) {
      for (String value : (String[]) array) {
        String s = OtlpSpans.orEmpty(value);
        // The element's only field is the string: its length is the string's, plus tag+length.
        int stringLength = sizes.peek();
        out.writeLengthDelimitedHeader(
            ARRAY_VALUE_VALUES, sizeOfLengthDelimited(ANY_VALUE_STRING, stringLength));
        writeString(out, sizes, ANY_VALUE_STRING, s);
      }
    } else if (type == AttributeType.LONG_ARRAY && array instanceof long[]) {
      for (long value : (long[]) array) {
        out.writeLengthDelimitedHeader(ARRAY_VALUE_VALUES, sizeOfVarintField(ANY_VALUE_INT, value));
        out.writeVarintField(ANY_VALUE_INT, value);
      }
    } else if (type == AttributeType.DOUBLE_ARRAY && array instanceof double[]) {
      int element = sizeOfFixed64Field(ANY_VALUE_DOUBLE);
      for (double value : (double[]) array) {
        out.writeLengthDelimitedHeader(ARRAY_VALUE_VALUES, element);
        out.writeFixed64Field(ANY_VALUE_DOUBLE, Double.doubleToRawLongBits(value));
      }
    } else if (type == AttributeType.BOOLEAN_ARRAY && array instanceof boolean[]) {
      int element = sizeOfVarintField(ANY_VALUE_BOOL, 1);
      for (boolean value : (boolean[]) array) {
        out.writeLengthDelimitedHeader(ARRAY_VALUE_VALUES, element);
        out.writeVarintField(ANY_VALUE_BOOL, value ? 1 : 0);
      }
    }
  }

  /** The size of a whole string field; records the string's UTF-8 length. */
  private static int sizeString(Sizes sizes, int tag, String value) {
    return sizeOfLengthDelimited(tag, sizes.add(Utf8.length(value)));
  }

  private static void writeString(ProtoWriter out, Sizes sizes, int tag, String value) {
    out.writeStringField(tag, value, sizes.next());
  }

  /** A uint32 count as the varint protobuf writes for it (never sign-extended to 10 bytes). */
  private static long uint32(int count) {
    return count & 0xFFFFFFFFL;
  }

  /**
   * The lengths the size pass computed, in the order the write pass needs them: a growable int
   * array written by the size pass and read front to back by the write pass. One per encoding.
   */
  private static final class Sizes {

    private int[] values;
    private int count;
    private int readIndex;

    Sizes(int initialCapacity) {
      values = new int[initialCapacity];
    }

    /** A slot for a message whose size is known only after its children are sized. */
    int reserve() {
      if (count == values.length) {
        values = Arrays.copyOf(values, count * 2);
      }
      return count++;
    }

    /** Fills a reserved slot; returns {@code size}. */
    int set(int slot, int size) {
      values[slot] = size;
      return size;
    }

    /** Records a size known at once; returns it. */
    int add(int size) {
      return set(reserve(), size);
    }

    /** The next size, in the order they were reserved. */
    int next() {
      return values[readIndex++];
    }

    /** The next size without consuming it. */
    int peek() {
      return values[readIndex];
    }
  }
}
