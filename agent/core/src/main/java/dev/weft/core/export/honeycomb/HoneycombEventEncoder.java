package dev.weft.core.export.honeycomb;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.weft.api.SpanContext;
import dev.weft.api.SpanKind;
import dev.weft.api.StatusCode;
import dev.weft.core.export.otlp.Utf8;
import dev.weft.core.resource.Resource;
import dev.weft.core.trace.AttributeType;
import dev.weft.core.trace.Attributes;
import dev.weft.core.trace.EventData;
import dev.weft.core.trace.SpanData;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns spans into Honeycomb events, each the JSON object {@code
 * {"data":{...},"time":"<RFC 3339 start>","samplerate":N}} one element of a batch-API body.
 *
 * <p>A span's {@code data}: {@code trace.trace_id}, {@code trace.span_id}, {@code
 * trace.parent_id} (not on a root), {@code name}, {@code service.name} and {@code service_name},
 * {@code duration_ms}, {@code span.kind} (lower case), {@code status_code} (0 unset, 1 ok, 2
 * error), {@code status_message} when there is one, {@code error} {@code true} on an error,
 * {@code span.num_events}, {@code library.name}/{@code library.version} (the instrumentation
 * scope), {@code meta.signal_type} {@code trace}, then every resource attribute and every span
 * attribute (a span attribute wins over a resource attribute of the same name, a fixed field over
 * both). Each span event
 * is an event of its own: {@code trace.trace_id}, {@code trace.parent_id} the span's id, {@code
 * name} the event's, {@code parent_name} the span's, {@code meta.annotation_type} {@code
 * span_event}, the service names and its attributes, at the event's time.
 *
 * <p>Values keep their JSON types (strings, integers, floats, booleans); arrays become a JSON
 * string, as Honeycomb's own OTLP ingest stores them; NaN and the infinities become strings.
 *
 * <p>Honeycomb's limits are kept by shrinking, never by losing an event: beyond {@code maxFields}
 * fields the rest are left out and counted in {@code meta.weft.dropped_fields}; an event whose
 * encoding exceeds {@code maxEventBytes} is encoded again with its string values cut to a share
 * of the limit, marked {@code meta.weft.truncated}, and when it still does not fit (thousands of
 * long keys), with only the fixed fields.
 *
 * <p>Immutable and thread-safe; never throws for any span content.
 */
public final class HoneycombEventEncoder {

  /** Honeycomb's documented maximum size of one event. */
  static final int MAX_EVENT_BYTES = 1_000_000;

  /** Honeycomb's documented maximum number of fields of one event. */
  static final int MAX_FIELDS = 2000;

  /** The fields the encoder writes itself; an attribute of the same name is left out. */
  private static final Set<String> FIXED_FIELDS =
      new HashSet<String>(
          Arrays.asList(
              "trace.trace_id",
              "trace.span_id",
              "trace.parent_id",
              "name",
              "service.name",
              "service_name",
              "duration_ms",
              "span.kind",
              "status_code",
              "status_message",
              "error",
              "span.num_events",
              "library.name",
              "library.version",
              "meta.signal_type",
              "parent_name",
              "meta.annotation_type",
              "meta.weft.truncated",
              "meta.weft.dropped_fields"));

  /** Room for {@code meta.weft.*} markers within {@link #maxFields}. */
  private static final int RESERVED_FIELDS = 2;

  private final JsonFactory factory =
      JsonFactory.builder().enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();
  private final Resource resource;
  private final String serviceName;
  private final String libraryVersion;
  private final int sampleRate;
  private final int maxEventBytes;
  private final int maxFields;

  public HoneycombEventEncoder(Resource resource, String libraryVersion, int sampleRate) {
    this(resource, libraryVersion, sampleRate, MAX_EVENT_BYTES, MAX_FIELDS);
  }

  /** With other limits, for tests. */
  HoneycombEventEncoder(
      Resource resource, String libraryVersion, int sampleRate, int maxEventBytes, int maxFields) {
    this.resource = resource;
    this.serviceName = resource.serviceName() == null ? "" : resource.serviceName();
    this.libraryVersion = libraryVersion == null ? "" : libraryVersion;
    this.sampleRate = Math.max(1, sampleRate);
    this.maxEventBytes = maxEventBytes;
    this.maxFields = Math.max(RESERVED_FIELDS + 16, maxFields);
  }

  /** The events of {@code spans}, each span followed by its span events, each one JSON object. */
  public List<byte[]> encode(List<SpanData> spans) {
    List<byte[]> events = new ArrayList<byte[]>(spans.size() + 4);
    // One buffer for the whole batch: each event is copied out of it, so it is reused at once.
    ByteArrayBuilder buffer = new ByteArrayBuilder(4096);
    for (int i = 0; i < spans.size(); i++) {
      SpanData span = spans.get(i);
      if (span == null) {
        continue;
      }
      events.add(fit(buffer, span, null));
      List<EventData> spanEvents = span.events();
      for (int e = 0; e < spanEvents.size(); e++) {
        events.add(fit(buffer, span, spanEvents.get(e)));
      }
    }
    return events;
  }

  /** A batch request's body: {@code events} as one JSON array, in order. */
  public static byte[] jsonArray(List<byte[]> events) {
    int size = 1 + Math.max(1, events.size());
    for (int i = 0; i < events.size(); i++) {
      size += events.get(i).length;
    }
    byte[] body = new byte[size];
    body[0] = '[';
    int at = 1;
    for (int i = 0; i < events.size(); i++) {
      if (i > 0) {
        body[at++] = ',';
      }
      byte[] event = events.get(i);
      System.arraycopy(event, 0, body, at, event.length);
      at += event.length;
    }
    body[at] = ']';
    return body;
  }

  /** One event within the size limit: as is, else with strings cut, else fixed fields only. */
  private byte[] fit(ByteArrayBuilder buffer, SpanData span, EventData event) {
    byte[] full = encode(buffer, span, event, Integer.MAX_VALUE, true);
    if (full.length <= maxEventBytes) {
      return full;
    }
    int strings = Math.max(1, countStrings(span, event));
    int cap = Math.max(64, (maxEventBytes / 2) / strings);
    byte[] cut = encode(buffer, span, event, cap, true);
    if (cut.length <= maxEventBytes) {
      return cut;
    }
    return encode(buffer, span, event, Math.max(64, maxEventBytes / 16), false);
  }

  private int countStrings(SpanData span, EventData event) {
    Attributes own = event == null ? span.attributes() : event.attributes();
    return countStrings(resource.attributes()) + countStrings(own) + 4;
  }

  private static int countStrings(Attributes attributes) {
    int n = 0;
    for (int i = 0; attributes != null && i < attributes.size(); i++) {
      if (attributes.type(i) != AttributeType.LONG
          && attributes.type(i) != AttributeType.DOUBLE
          && attributes.type(i) != AttributeType.BOOLEAN) {
        n++;
      }
    }
    return n;
  }

  /**
   * @param maxChars the longest string value written; {@code Integer.MAX_VALUE} for no cut
   * @param buffer written from its start and left holding the event
   * @param withAttributes false to leave out resource and span attributes altogether
   */
  private byte[] encode(
      ByteArrayBuilder buffer,
      SpanData span,
      EventData event,
      int maxChars,
      boolean withAttributes) {
    buffer.reset();
    try (JsonGenerator json = factory.createGenerator(buffer, JsonEncoding.UTF8)) {
      Fields fields = new Fields(json, maxChars, maxFields - RESERVED_FIELDS);
      json.writeStartObject();
      json.writeFieldName("data");
      json.writeStartObject();
      SpanContext context = span.spanContext();
      fields.string("trace.trace_id", context.traceIdHex());
      String spanName = orEmpty(span.name());
      long startNanos;
      if (event == null) {
        startNanos = span.startEpochNanos();
        fields.string("trace.span_id", context.spanIdHex());
        SpanContext parent = span.parentSpanContext();
        if (parent != null && parent.isValid()) {
          fields.string("trace.parent_id", parent.spanIdHex());
        }
        fields.string("name", spanName);
        fields.string("service.name", serviceName);
        fields.string("service_name", serviceName);
        fields.number("duration_ms", (span.endEpochNanos() - startNanos) / 1_000_000.0);
        fields.string("span.kind", kind(span.kind()));
        StatusCode status = span.statusCode();
        fields.integer("status_code", status == StatusCode.OK ? 1 : status == StatusCode.ERROR ? 2 : 0);
        String message = orEmpty(span.statusDescription());
        if (!message.isEmpty()) {
          fields.string("status_message", message);
        }
        if (status == StatusCode.ERROR) {
          fields.bool("error", true);
        }
        fields.integer("span.num_events", span.events().size() + span.droppedEventsCount());
        String scope = orEmpty(span.scopeName());
        if (!scope.isEmpty()) {
          fields.string("library.name", scope);
          if (!libraryVersion.isEmpty()) {
            fields.string("library.version", libraryVersion);
          }
        }
        fields.string("meta.signal_type", "trace");
      } else {
        startNanos = event.epochNanos();
        fields.string("trace.parent_id", context.spanIdHex());
        fields.string("name", orEmpty(event.name()));
        fields.string("parent_name", spanName);
        fields.string("service.name", serviceName);
        fields.string("service_name", serviceName);
        fields.string("meta.annotation_type", "span_event");
        fields.string("meta.signal_type", "trace");
      }
      boolean truncated = maxChars != Integer.MAX_VALUE;
      if (withAttributes) {
        Attributes own = event == null ? span.attributes() : event.attributes();
        fields.attributes(resource.attributes(), own);
        fields.attributes(own, null);
      }
      truncated |= fields.truncated || !withAttributes;
      if (truncated) {
        json.writeFieldName("meta.weft.truncated");
        json.writeBoolean(true);
      }
      if (fields.dropped > 0) {
        json.writeFieldName("meta.weft.dropped_fields");
        json.writeNumber(fields.dropped);
      }
      json.writeEndObject();
      json.writeFieldName("time");
      json.writeString(Rfc3339.format(startNanos));
      json.writeFieldName("samplerate");
      json.writeNumber(sampleRate);
      json.writeEndObject();
    } catch (IOException e) {
      // Writing to memory does not fail; Jackson reports misuse (a bug here) this way.
      throw new IllegalStateException("Honeycomb event encoding failed", e);
    }
    return buffer.toByteArray();
  }

  static String kind(SpanKind kind) {
    if (kind == null) {
      return "internal";
    }
    switch (kind) {
      case SERVER:
        return "server";
      case CLIENT:
        return "client";
      case PRODUCER:
        return "producer";
      case CONSUMER:
        return "consumer";
      default:
        return "internal";
    }
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  /** Writes the fields of one {@code data} object, counting them and cutting long strings. */
  private static final class Fields {
    private final JsonGenerator json;
    private final int maxChars;
    private final int maxFields;
    int written;
    int dropped;
    boolean truncated;

    Fields(JsonGenerator json, int maxChars, int maxFields) {
      this.json = json;
      this.maxChars = maxChars;
      this.maxFields = maxFields;
    }

    private boolean room(String key) throws IOException {
      if (written >= maxFields) {
        dropped++;
        return false;
      }
      written++;
      json.writeFieldName(Utf8.replaceUnpairedSurrogates(key));
      return true;
    }

    void string(String key, String value) throws IOException {
      if (room(key)) {
        writeString(value);
      }
    }

    void integer(String key, long value) throws IOException {
      if (room(key)) {
        json.writeNumber(value);
      }
    }

    void number(String key, double value) throws IOException {
      if (room(key)) {
        writeDouble(value);
      }
    }

    void bool(String key, boolean value) throws IOException {
      if (room(key)) {
        json.writeBoolean(value);
      }
    }

    /** {@code attributes}, except the keys {@code overriddenBy} has, which it writes itself. */
    void attributes(Attributes attributes, Attributes overriddenBy) throws IOException {
      for (int i = 0; attributes != null && i < attributes.size(); i++) {
        String key = orEmpty(attributes.key(i));
        if (overriddenBy != null && overriddenBy.indexOf(key) >= 0) {
          continue;
        }
        if (FIXED_FIELDS.contains(key)) {
          continue; // the span's own value is written among the fixed fields
        }
        if (!room(key)) {
          continue;
        }
        switch (attributes.type(i)) {
          case STRING:
            writeString(orEmpty(attributes.stringValue(i)));
            break;
          case LONG:
            json.writeNumber(attributes.longValue(i));
            break;
          case DOUBLE:
            writeDouble(attributes.doubleValue(i));
            break;
          case BOOLEAN:
            json.writeBoolean(attributes.booleanValue(i));
            break;
          default:
            writeString(arrayJson(attributes.type(i), attributes.arrayValue(i)));
            break;
        }
      }
    }

    private void writeString(String value) throws IOException {
      String text = value;
      if (text.length() > maxChars) {
        int end = maxChars;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
          end--; // not half a character
        }
        text = text.substring(0, end);
        truncated = true;
      }
      json.writeString(Utf8.replaceUnpairedSurrogates(text));
    }

    private void writeDouble(double value) throws IOException {
      if (Double.isNaN(value) || Double.isInfinite(value)) {
        json.writeString(Double.toString(value));
      } else {
        json.writeNumber(value);
      }
    }
  }

  /** An array attribute as JSON text; a null or mistyped array is {@code []}. */
  static String arrayJson(AttributeType type, Object array) {
    StringWriter out = new StringWriter(64);
    try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
      json.writeStartArray();
      if (type == AttributeType.STRING_ARRAY && array instanceof String[]) {
        for (String value : (String[]) array) {
          json.writeString(Utf8.replaceUnpairedSurrogates(orEmpty(value)));
        }
      } else if (type == AttributeType.LONG_ARRAY && array instanceof long[]) {
        for (long value : (long[]) array) {
          json.writeNumber(value);
        }
      } else if (type == AttributeType.DOUBLE_ARRAY && array instanceof double[]) {
        for (double value : (double[]) array) {
          if (Double.isNaN(value) || Double.isInfinite(value)) {
            json.writeString(Double.toString(value));
          } else {
            json.writeNumber(value);
          }
        }
      } else if (type == AttributeType.BOOLEAN_ARRAY && array instanceof boolean[]) {
        for (boolean value : (boolean[]) array) {
          json.writeBoolean(value);
        }
      }
      json.writeEndArray();
    } catch (IOException e) {
      throw new IllegalStateException("array encoding failed", e);
    }
    return out.toString();
  }
}
