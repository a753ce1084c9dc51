package dev.weft.core.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses JSON into plain Java values for assertions on wire formats: objects become {@code
 * LinkedHashMap}s (field order kept), arrays {@code ArrayList}s, numbers {@code Long} or {@code
 * Double}, and {@code null} null. Rejects trailing content. Stateless.
 */
public final class JsonTree {

  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonTree() {}

  public static Object parse(byte[] json) {
    return parse(new String(json, StandardCharsets.UTF_8));
  }

  public static Object parse(String json) {
    try (JsonParser parser = FACTORY.createParser(json)) {
      Object value = read(parser, parser.nextToken());
      if (parser.nextToken() != null) {
        throw new IllegalArgumentException("trailing content after the JSON value: " + json);
      }
      return value;
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + json, e);
    }
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> object(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  public static List<Object> array(Object value) {
    return (List<Object>) value;
  }

  private static Object read(JsonParser parser, JsonToken token) throws IOException {
    if (token == null) {
      throw new IllegalArgumentException("no JSON value");
    }
    switch (token) {
      case START_OBJECT:
        Map<String, Object> object = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.getCurrentName();
          if (object.containsKey(name)) {
            throw new IllegalArgumentException("duplicate field " + name);
          }
          object.put(name, read(parser, parser.nextToken()));
        }
        return object;
      case START_ARRAY:
        List<Object> array = new ArrayList<>();
        JsonToken next;
        while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
          array.add(read(parser, next));
        }
        return array;
      case VALUE_STRING:
        return parser.getText();
      case VALUE_NUMBER_INT:
        return parser.getLongValue();
      case VALUE_NUMBER_FLOAT:
        return parser.getDoubleValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new IllegalArgumentException("unexpected " + token);
    }
  }
}
