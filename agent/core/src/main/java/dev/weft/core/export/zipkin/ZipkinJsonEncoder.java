package dev.weft.core.export.zipkin;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.weft.api.SpanContext;
import dev.weft.api.SpanKind;
import dev.weft.api.StatusCode;
import dev.weft.core.export.SpanBatchEncoder;
import dev.weft.core.export.otlp.Utf8;
import dev.weft.core.resource.Resource;
import dev.weft.core.trace.AttributeType;
import dev.weft.core.trace.Attributes;
import dev.weft.core.trace.EventData;
import dev.weft.core.trace.SpanData;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;

/**
 * Encodes a batch as a Zipkin v2 JSON span list ({@code POST /api/v2/spans}), following the
 * OpenTelemetry specification's mapping to Zipkin:
 *
 * <ul>
 *   <li>{@code traceId} 32 and {@code id}/{@code parentId} 16 lowercase hex digits; {@code
 *       timestamp} and {@code duration} in epoch microseconds, the duration at least 1 (Zipkin
 *       reads 0 as "unknown");
 *   <li>{@code kind} {@code SERVER}, {@code CLIENT}, {@code PRODUCER} or {@code CONSUMER};
 *       omitted for INTERNAL, which Zipkin has no word for;
 *   <li>{@code localEndpoint.serviceName} the resource's {@code service.name}; {@code
 *       remoteEndpoint} from {@link RemoteEndpoint};
 *   <li>{@code tags}: every attribute as a string (numbers and booleans as Java writes them,
 *       arrays as a JSON array), {@code otel.status_code} {@code OK}/{@code ERROR}, an {@code
 *       error} tag holding the status description on an error, {@code otel.scope.name}/{@code
 *       .version}, and {@code otel.dropped_attributes_count}/{@code otel.dropped_events_count}
 *       when something was dropped;
 *   <li>{@code annotations}: one per span event, its value the event name, or {@code
 *       "name":{attributes as JSON}} when the event has attributes.
 * </ul>
 *
 * <p>{@code shared} is never written. Zipkin uses it for a server that reports under the span id
 * its client chose (B3's "join"); with W3C Trace Context every server span has its own id and
 * points at the client span through {@code parentId}, and a {@code shared} flag on it would make
 * Zipkin look for a client span with the server's own id.
 *
 * <p>Immutable and thread-safe; {@link #encode} keeps no state between calls and never throws for
 * any span content (unpaired surrogates become {@code '?'}, as in the OTLP encoders).
 */
public final class ZipkinJsonEncoder implements SpanBatchEncoder {

  private static final SerializableString TRACE_ID = name("traceId");
  private static final SerializableString ID = name("id");
  private static final SerializableString PARENT_ID = name("parentId");
  private static final SerializableString KIND = name("kind");
  private static final SerializableString NAME = name("name");
  private static final SerializableString TIMESTAMP = name("timestamp");
  private static final SerializableString DURATION = name("duration");
  private static final SerializableString LOCAL_ENDPOINT = name("localEndpoint");
  private static final SerializableString REMOTE_ENDPOINT = name("remoteEndpoint");
  private static final SerializableString SERVICE_NAME = name("serviceName");
  private static final SerializableString IPV4 = name("ipv4");
  private static final SerializableString IPV6 = name("ipv6");
  private static final SerializableString PORT = name("port");
  private static final SerializableString ANNOTATIONS = name("annotations");
  private static final SerializableString VALUE = name("value");
  private static final SerializableString TAGS = name("tags");

  static final String STATUS_CODE_TAG = "otel.status_code";
  static final String ERROR_TAG = "error";
  static final String SCOPE_NAME_TAG = "otel.scope.name";
  static final String SCOPE_VERSION_TAG = "otel.scope.version";
  static final String DROPPED_ATTRIBUTES_TAG = "otel.dropped_attributes_count";
  static final String DROPPED_EVENTS_TAG = "otel.dropped_events_count";

  private final JsonFactory factory;
  private final String scopeVersion;

  /**
   * @param scopeVersion the agent's version, written as {@code otel.scope.version}; null or empty
   *     for none
   */
  public ZipkinJsonEncoder(String scopeVersion) {
    this.scopeVersion = scopeVersion == null ? "" : Utf8.replaceUnpairedSurrogates(scopeVersion);
    this.factory =
        JsonFactory.builder().enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();
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
    String serviceName = resource == null ? "" : orEmpty(resource.serviceName());
    ByteArrayBuilder bytes = new ByteArrayBuilder(Math.min(16 + 512 * spans.size(), 1 << 18));
    char[] scratch = new char[32];
    try (JsonGenerator json = factory.createGenerator(bytes, JsonEncoding.UTF8)) {
      json.writeStartArray();
      for (int i = 0; i < spans.size(); i++) {
        SpanData span = spans.get(i);
        if (span != null) {
          writeSpan(json, scratch, serviceName, span);
        }
      }
      json.writeEndArray();
    } catch (IOException e) {
      // Writing to memory does not fail; Jackson reports misuse (a bug here) this way.
      throw new IllegalStateException("Zipkin JSON encoding failed", e);
    }
    return bytes.toByteArray();
  }

  private void writeSpan(JsonGenerator json, char[] scratch, String serviceName, SpanData span)
      throws IOException {
    SpanContext context = span.spanContext();
    SpanContext parent = span.parentSpanContext();
    json.writeStartObject();
    json.writeFieldName(TRACE_ID);
    SpanContext.writeHex(context.traceIdHigh(), scratch, 0);
    SpanContext.writeHex(context.traceIdLow(), scratch, 16);
    json.writeString(scratch, 0, 32);
    if (parent != null && parent.isValid()) {
      json.writeFieldName(PARENT_ID);
      writeSpanId(json, scratch, parent.spanId());
    }
    json.writeFieldName(ID);
    writeSpanId(json, scratch, context.spanId());
    String kind = kind(span.kind());
    if (kind != null) {
      json.writeFieldName(KIND);
      json.writeString(kind);
    }
    json.writeFieldName(NAME);
    writeString(json, orEmpty(span.name()));
    long startMicros = span.startEpochNanos() / 1000;
    json.writeFieldName(TIMESTAMP);
    json.writeNumber(startMicros);
    json.writeFieldName(DURATION);
    json.writeNumber(Math.max(1, span.endEpochNanos() / 1000 - startMicros));
    json.writeFieldName(LOCAL_ENDPOINT);
    json.writeStartObject();
    json.writeFieldName(SERVICE_NAME);
    writeString(json, serviceName);
    json.writeEndObject();
    writeRemoteEndpoint(json, RemoteEndpoint.of(span));
    writeAnnotations(json, span.events());
    writeTags(json, span);
    json.writeEndObject();
  }

  private static void writeRemoteEndpoint(JsonGenerator json, RemoteEndpoint remote)
      throws IOException {
    if (remote == null) {
      return;
    }
    json.writeFieldName(REMOTE_ENDPOINT);
    json.writeStartObject();
    if (remote.serviceName() != null) {
      json.writeFieldName(SERVICE_NAME);
      writeString(json, remote.serviceName());
    }
    if (remote.ipv4() != null) {
      json.writeFieldName(IPV4);
      json.writeString(remote.ipv4());
    }
    if (remote.ipv6() != null) {
      json.writeFieldName(IPV6);
      json.writeString(remote.ipv6());
    }
    if (remote.port() > 0) {
      json.writeFieldName(PORT);
      json.writeNumber(remote.port());
    }
    json.writeEndObject();
  }

  private static void writeAnnotations(JsonGenerator json, List<EventData> events)
      throws IOException {
    if (events == null || events.isEmpty()) {
      return;
    }
    json.writeFieldName(ANNOTATIONS);
    json.writeStartArray();
    for (int i = 0; i < events.size(); i++) {
      EventData event = events.get(i);
      json.writeStartObject();
      json.writeFieldName(TIMESTAMP);
      json.writeNumber(event.epochNanos() / 1000);
      json.writeFieldName(VALUE);
      writeString(json, annotationValue(event));
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  /** The event name, or {@code "name":{...}} with its attributes, as the specification says. */
  static String annotationValue(EventData event) {
    String name = orEmpty(event.name());
    Attributes attributes = event.attributes();
    if (attributes == null || attributes.size() == 0) {
      return name;
    }
    StringWriter out = new StringWriter(64 + 32 * attributes.size());
    try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
      // Two root values glued by our ':'; no separator of Jackson's between them.
      json.setRootValueSeparator(null);
      json.writeString(Utf8.replaceUnpairedSurrogates(name));
      json.flush();
      out.write(':');
      json.writeStartObject();
      for (int i = 0; i < attributes.size(); i++) {
        json.writeFieldName(Utf8.replaceUnpairedSurrogates(orEmpty(attributes.key(i))));
        writeTypedValue(json, attributes, i);
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException("Zipkin annotation encoding failed", e);
    }
    return out.toString();
  }

  private void writeTags(JsonGenerator json, SpanData span) throws IOException {
    json.writeFieldName(TAGS);
    json.writeStartObject();
    Attributes attributes = span.attributes();
    int count = attributes == null ? 0 : attributes.size();
    for (int i = 0; i < count; i++) {
      String key = orEmpty(attributes.key(i));
      if (isReserved(key)) {
        // The span's own status and scope win over an attribute of the same name.
        continue;
      }
      json.writeFieldName(Utf8.replaceUnpairedSurrogates(key));
      writeString(json, tagValue(attributes, i));
    }
    StatusCode status = span.statusCode();
    if (status == StatusCode.OK || status == StatusCode.ERROR) {
      json.writeFieldName(STATUS_CODE_TAG);
      json.writeString(status == StatusCode.OK ? "OK" : "ERROR");
    }
    if (status == StatusCode.ERROR) {
      json.writeFieldName(ERROR_TAG);
      writeString(json, orEmpty(span.statusDescription()));
    }
    String scope = orEmpty(span.scopeName());
    if (!scope.isEmpty()) {
      json.writeFieldName(SCOPE_NAME_TAG);
      writeString(json, scope);
      if (!scopeVersion.isEmpty()) {
        json.writeFieldName(SCOPE_VERSION_TAG);
        json.writeString(scopeVersion);
      }
    }
    if (span.droppedAttributesCount() > 0) {
      json.writeFieldName(DROPPED_ATTRIBUTES_TAG);
      json.writeString(Integer.toString(span.droppedAttributesCount()));
    }
    if (span.droppedEventsCount() > 0) {
      json.writeFieldName(DROPPED_EVENTS_TAG);
      json.writeString(Integer.toString(span.droppedEventsCount()));
    }
    json.writeEndObject();
  }

  private static boolean isReserved(String key) {
    return key.equals(STATUS_CODE_TAG)
        || key.equals(ERROR_TAG)
        || key.equals(SCOPE_NAME_TAG)
        || key.equals(SCOPE_VERSION_TAG);
  }

  /** An attribute as a Zipkin tag: Zipkin tags are strings, so arrays become JSON text. */
  static String tagValue(Attributes attributes, int i) {
    switch (attributes.type(i)) {
      case STRING:
        return orEmpty(attributes.stringValue(i));
      case LONG:
        return Long.toString(attributes.longValue(i));
      case DOUBLE:
        return Double.toString(attributes.doubleValue(i));
      case BOOLEAN:
        return attributes.booleanValue(i) ? "true" : "false";
      default:
        StringWriter out = new StringWriter(64);
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
          writeTypedValue(json, attributes, i);
        } catch (IOException e) {
          throw new IllegalStateException("Zipkin tag encoding failed", e);
        }
        return out.toString();
    }
  }

  /** An attribute value as JSON of its own type; a null or mistyped array is written as []. */
  private static void writeTypedValue(JsonGenerator json, Attributes attributes, int i)
      throws IOException {
    AttributeType type = attributes.type(i);
    switch (type) {
      case STRING:
        writeString(json, orEmpty(attributes.stringValue(i)));
        return;
      case LONG:
        json.writeNumber(attributes.longValue(i));
        return;
      case DOUBLE:
        writeDouble(json, attributes.doubleValue(i));
        return;
      case BOOLEAN:
        json.writeBoolean(attributes.booleanValue(i));
        return;
      default:
        break;
    }
    Object array = attributes.arrayValue(i);
    json.writeStartArray();
    if (type == AttributeType.STRING_ARRAY && array instanceof String[]) {
      for (String value : (String[]) array) {
        writeString(json, orEmpty(value));
      }
    } else if (type == AttributeType.LONG_ARRAY && array instanceof long[]) {
      for (long value : (long[]) array) {
        json.writeNumber(value);
      }
    } else if (type == AttributeType.DOUBLE_ARRAY && array instanceof double[]) {
      for (double value : (double[]) array) {
        writeDouble(json, value);
      }
    } else if (type == AttributeType.BOOLEAN_ARRAY && array instanceof boolean[]) {
      for (boolean value : (boolean[]) array) {
        json.writeBoolean(value);
      }
    }
    json.writeEndArray();
  }

  /** NaN and the infinities are not JSON numbers: written as strings, as proto3 JSON does. */
  private static void writeDouble(JsonGenerator json, double value) throws IOException {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      json.writeString(Double.toString(value));
    } else {
      json.writeNumber(value);
    }
  }

  static String kind(SpanKind kind) {
    if (kind == null) {
      return null;
    }
    switch (kind) {
      case SERVER:
        return "SERVER";
      case CLIENT:
        return "CLIENT";
      case PRODUCER:
        return "PRODUCER";
      case CONSUMER:
        return "CONSUMER";
      default:
        return null;
    }
  }

  private static void writeSpanId(JsonGenerator json, char[] scratch, long spanId)
      throws IOException {
    SpanContext.writeHex(spanId, scratch, 0);
    json.writeString(scratch, 0, 16);
  }

  private static void writeString(JsonGenerator json, String value) throws IOException {
    json.writeString(Utf8.replaceUnpairedSurrogates(value));
  }

  static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
