package dev.weft.core.view;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads spans from OTLP/JSON lines: one {@code ExportTraceServiceRequest} per line, the format
 * of Weft's file exporter and of the OpenTelemetry collector's file exporter.
 *
 * <p>Reads what the protobuf JSON mapping allows: lowerCamel or snake_case field names, 64-bit
 * numbers as strings or numbers, enums as numbers or names, ids as hex (as OTLP specifies) or
 * base64 (the generic protobuf mapping). Unknown fields are skipped. A line that is not such a
 * request (cut short when a process died, or not JSON at all) is skipped and reported in {@link
 * Result#problems()}; the other lines are still read.
 *
 * <p>Not thread-safe; one reader per file being read.
 */
public final class OtlpJsonReader {

  private static final int MAX_PROBLEMS = 20;
  private static final String[] KINDS = {
    "INTERNAL", "INTERNAL", "SERVER", "CLIENT", "PRODUCER", "CONSUMER"
  };
  private static final String[] STATUSES = {"UNSET", "OK", "ERROR"};
  private static final int FLAG_HAS_IS_REMOTE = 0x100;
  private static final int FLAG_IS_REMOTE = 0x200;

  private final JsonFactory factory = new JsonFactory();
  private final List<ViewSpan> spans = new ArrayList<ViewSpan>();
  private final List<String> problems = new ArrayList<String>();
  private int badLines;

  /** Reads every line of {@code lines}; {@code source} names it in problems. */
  public OtlpJsonReader read(BufferedReader lines, String source) throws IOException {
    String line;
    int number = 0;
    while ((line = lines.readLine()) != null) {
      number++;
      if (line.trim().isEmpty()) {
        continue;
      }
      int before = spans.size();
      try {
        readRequest(line);
      } catch (IOException | RuntimeException e) {
        // Keep no half of a broken line: its spans could be wrong.
        spans.subList(before, spans.size()).clear();
        badLines++;
        if (problems.size() < MAX_PROBLEMS) {
          problems.add(source + " line " + number + " is not an OTLP/JSON request, skipped: " + brief(e));
        }
      }
    }
    return this;
  }

  /** What was read so far. */
  public Result result() {
    List<String> said = new ArrayList<String>(problems);
    if (badLines > problems.size()) {
      said.add((badLines - problems.size()) + " more lines skipped");
    }
    return new Result(spans, said);
  }

  private static String brief(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int lineBreak = message.indexOf('\n');
    return lineBreak < 0 ? message : message.substring(0, lineBreak);
  }

  private void readRequest(String line) throws IOException {
    try (JsonParser json = factory.createParser(line)) {
      expect(json.nextToken(), JsonToken.START_OBJECT);
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String field = normalized(json.getCurrentName());
        json.nextToken();
        if (field.equals("resourcespans")) {
          forEachInArray(json, new Element() {
            @Override
            public void read(JsonParser json) throws IOException {
              readResourceSpans(json);
            }
          });
        } else {
          json.skipChildren();
        }
      }
      if (json.nextToken() != null) {
        throw new IOException("text after the request");
      }
    }
  }

  private void readResourceSpans(JsonParser json) throws IOException {
    expect(json.currentToken(), JsonToken.START_OBJECT);
    Map<String, Object> resource = Collections.emptyMap();
    List<Pending> pending = new ArrayList<Pending>();
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String field = normalized(json.getCurrentName());
      json.nextToken();
      if (field.equals("resource")) {
        resource = readResource(json);
      } else if (field.equals("scopespans")) {
        expect(json.currentToken(), JsonToken.START_ARRAY);
        while (json.nextToken() == JsonToken.START_OBJECT) {
          readScopeSpans(json, pending);
        }
        expect(json.currentToken(), JsonToken.END_ARRAY);
      } else {
        json.skipChildren();
      }
    }
    Object service = resource.get("service.name");
    String serviceName = service == null ? "unknown_service" : String.valueOf(service);
    for (Pending span : pending) {
      spans.add(span.toSpan(serviceName));
    }
  }

  private Map<String, Object> readResource(JsonParser json) throws IOException {
    expect(json.currentToken(), JsonToken.START_OBJECT);
    Map<String, Object> attributes = Collections.emptyMap();
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String field = normalized(json.getCurrentName());
      json.nextToken();
      if (field.equals("attributes")) {
        attributes = readKeyValues(json);
      } else {
        json.skipChildren();
      }
    }
    return attributes;
  }

  private void readScopeSpans(JsonParser json, List<Pending> pending) throws IOException {
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String field = normalized(json.getCurrentName());
      json.nextToken();
      if (field.equals("spans")) {
        expect(json.currentToken(), JsonToken.START_ARRAY);
        while (json.nextToken() == JsonToken.START_OBJECT) {
          pending.add(readSpan(json));
        }
        expect(json.currentToken(), JsonToken.END_ARRAY);
      } else {
        json.skipChildren();
      }
    }
  }

  private Pending readSpan(JsonParser json) throws IOException {
    Pending span = new Pending();
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String field = normalized(json.getCurrentName());
      json.nextToken();
      if (field.equals("traceid")) {
        span.traceId = id(json.getValueAsString(), 16);
      } else if (field.equals("spanid")) {
        span.spanId = id(json.getValueAsString(), 8);
      } else if (field.equals("parentspanid")) {
        span.parentSpanId = id(json.getValueAsString(), 8);
      } else if (field.equals("name")) {
        span.name = json.getValueAsString();
      } else if (field.equals("kind")) {
        span.kind = enumValue(json, KINDS, "SPAN_KIND_", "INTERNAL");
      } else if (field.equals("starttimeunixnano")) {
        span.startNanos = longValue(json);
      } else if (field.equals("endtimeunixnano")) {
        span.endNanos = longValue(json);
      } else if (field.equals("attributes")) {
        span.attributes = readKeyValues(json);
      } else if (field.equals("events")) {
        expect(json.currentToken(), JsonToken.START_ARRAY);
        while (json.nextToken() == JsonToken.START_OBJECT) {
          span.events.add(readEvent(json));
        }
        expect(json.currentToken(), JsonToken.END_ARRAY);
      } else if (field.equals("status")) {
        readStatus(json, span);
      } else if (field.equals("flags")) {
        span.flags = (int) longValue(json);
      } else {
        json.skipChildren();
      }
    }
    if (span.traceId.isEmpty() || span.spanId.isEmpty()) {
      throw new IOException("a span without a trace id or span id");
    }
    return span;
  }

  private void readStatus(JsonParser json, Pending span) throws IOException {
    expect(json.currentToken(), JsonToken.START_OBJECT);
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String field = normalized(json.getCurrentName());
      json.nextToken();
      if (field.equals("code")) {
        span.status = enumValue(json, STATUSES, "STATUS_CODE_", "UNSET");
      } else if (field.equals("message")) {
        span.statusMessage = json.getValueAsString();
      } else {
        json.skipChildren();
      }
    }
  }

  private ViewSpan.Event readEvent(JsonParser json) throws IOException {
    String name = "";
    long time = 0;
    Map<String, Object> attributes = Collections.emptyMap();
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String field = normalized(json.getCurrentName());
      json.nextToken();
      if (field.equals("name")) {
        name = json.getValueAsString();
      } else if (field.equals("timeunixnano")) {
        time = longValue(json);
      } else if (field.equals("attributes")) {
        attributes = readKeyValues(json);
      } else {
        json.skipChildren();
      }
    }
    return new ViewSpan.Event(name, time, attributes);
  }

  /** {@code [{"key":..,"value":{AnyValue}}, ...]} as a map, in order. */
  private Map<String, Object> readKeyValues(JsonParser json) throws IOException {
    expect(json.currentToken(), JsonToken.START_ARRAY);
    Map<String, Object> values = new LinkedHashMap<String, Object>();
    while (json.nextToken() == JsonToken.START_OBJECT) {
      String key = null;
      Object value = null;
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String field = normalized(json.getCurrentName());
        json.nextToken();
        if (field.equals("key")) {
          key = json.getValueAsString();
        } else if (field.equals("value")) {
          value = readAnyValue(json);
        } else {
          json.skipChildren();
        }
      }
      if (key != null) {
        values.put(key, value == null ? "" : value);
      }
    }
    expect(json.currentToken(), JsonToken.END_ARRAY);
    return values;
  }

  /** An AnyValue as String, Long, Double, Boolean, List or Map; null when empty. */
  private Object readAnyValue(JsonParser json) throws IOException {
    if (json.currentToken() != JsonToken.START_OBJECT) {
      json.skipChildren();
      return null;
    }
    Object value = null;
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String field = normalized(json.getCurrentName());
      json.nextToken();
      if (field.equals("stringvalue")) {
        value = json.getValueAsString();
      } else if (field.equals("intvalue")) {
        value = longValue(json);
      } else if (field.equals("doublevalue")) {
        value = json.currentToken() == JsonToken.VALUE_STRING
            ? Double.valueOf(json.getText())
            : json.getDoubleValue();
      } else if (field.equals("boolvalue")) {
        value = json.getBooleanValue();
      } else if (field.equals("arrayvalue")) {
        value = readList(json);
      } else if (field.equals("kvlistvalue")) {
        value = readKvList(json);
      } else if (field.equals("bytesvalue")) {
        value = json.getValueAsString();
      } else {
        json.skipChildren();
      }
    }
    return value;
  }

  private List<Object> readList(JsonParser json) throws IOException {
    List<Object> list = new ArrayList<Object>();
    expect(json.currentToken(), JsonToken.START_OBJECT);
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String field = normalized(json.getCurrentName());
      json.nextToken();
      if (field.equals("values")) {
        expect(json.currentToken(), JsonToken.START_ARRAY);
        while (json.nextToken() != JsonToken.END_ARRAY) {
          if (json.currentToken() == null) {
            throw new IOException("the line ends inside an array");
          }
          list.add(readAnyValue(json));
        }
      } else {
        json.skipChildren();
      }
    }
    return Collections.unmodifiableList(list);
  }

  private Map<String, Object> readKvList(JsonParser json) throws IOException {
    Map<String, Object> map = Collections.emptyMap();
    expect(json.currentToken(), JsonToken.START_OBJECT);
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String field = normalized(json.getCurrentName());
      json.nextToken();
      if (field.equals("values")) {
        map = readKeyValues(json);
      } else {
        json.skipChildren();
      }
    }
    return map;
  }

  private static long longValue(JsonParser json) throws IOException {
    if (json.currentToken() == JsonToken.VALUE_STRING) {
      return Long.parseLong(json.getText().trim());
    }
    return json.getLongValue();
  }

  private static String enumValue(JsonParser json, String[] names, String prefix, String fallback)
      throws IOException {
    if (json.currentToken() == JsonToken.VALUE_NUMBER_INT) {
      int n = json.getIntValue();
      return n >= 0 && n < names.length ? names[n] : fallback;
    }
    String name = json.getValueAsString();
    if (name == null) {
      return fallback;
    }
    name = name.toUpperCase(Locale.ROOT);
    return name.startsWith(prefix) ? name.substring(prefix.length()) : name;
  }

  /** An id as lower-case hex: hex as OTLP/JSON writes it, or base64; "" when absent or zero. */
  static String id(String text, int bytes) throws IOException {
    if (text == null || text.isEmpty()) {
      return "";
    }
    String hex;
    if (text.length() == bytes * 2 && isHex(text)) {
      hex = text.toLowerCase(Locale.ROOT);
    } else {
      byte[] raw;
      try {
        raw = java.util.Base64.getDecoder().decode(text);
      } catch (IllegalArgumentException e) {
        raw = new byte[0];
      }
      if (raw.length != bytes) {
        throw new IOException("'" + text + "' is not a " + bytes + "-byte id");
      }
      StringBuilder out = new StringBuilder(bytes * 2);
      for (byte b : raw) {
        out.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
      }
      hex = out.toString();
    }
    for (int i = 0; i < hex.length(); i++) {
      if (hex.charAt(i) != '0') {
        return hex;
      }
    }
    return "";
  }

  private static boolean isHex(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.digit(text.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  /** {@code resource_spans} and {@code resourceSpans} alike: lower case without underscores. */
  private static String normalized(String field) {
    StringBuilder out = new StringBuilder(field.length());
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c != '_') {
        out.append(Character.toLowerCase(c));
      }
    }
    return out.toString();
  }

  private static void expect(JsonToken actual, JsonToken expected) throws IOException {
    if (actual != expected) {
      throw new IOException("expected " + expected + " but found " + actual);
    }
  }

  private static void forEachInArray(JsonParser json, Element element) throws IOException {
    expect(json.currentToken(), JsonToken.START_ARRAY);
    while (json.nextToken() != JsonToken.END_ARRAY) {
      if (json.currentToken() == null) {
        throw new IOException("the line ends inside an array");
      }
      element.read(json);
    }
  }

  private interface Element {
    void read(JsonParser json) throws IOException;
  }

  /** A span being read, before its resource's service name is known. */
  private static final class Pending {
    String traceId = "";
    String spanId = "";
    String parentSpanId = "";
    String name = "";
    String kind = "INTERNAL";
    long startNanos;
    long endNanos;
    String status = "UNSET";
    String statusMessage = "";
    int flags;
    Map<String, Object> attributes = Collections.emptyMap();
    final List<ViewSpan.Event> events = new ArrayList<ViewSpan.Event>();

    ViewSpan toSpan(String service) {
      boolean remote = (flags & FLAG_HAS_IS_REMOTE) != 0 && (flags & FLAG_IS_REMOTE) != 0;
      return new ViewSpan(
          traceId, spanId, parentSpanId, remote, service, name, kind, startNanos, endNanos,
          status, statusMessage, attributes, events);
    }
  }

  /** The spans read and what could not be read. Immutable. */
  public static final class Result {
    private final List<ViewSpan> spans;
    private final List<String> problems;

    Result(List<ViewSpan> spans, List<String> problems) {
      this.spans = Collections.unmodifiableList(new ArrayList<ViewSpan>(spans));
      this.problems = Collections.unmodifiableList(problems);
    }

    public List<ViewSpan> spans() {
      return spans;
    }

    /** One line per skipped line (the first few), for the user. */
    public List<String> problems() {
      return problems;
    }
  }
}
