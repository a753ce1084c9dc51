package dev.weft.core.propagation;

import dev.weft.api.propagation.TextMapGetter;
import dev.weft.api.propagation.TextMapSetter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Carriers for tests: header maps and the getters and setters that real instrumentation uses. */
final class Carriers {

  /** Looks keys up exactly as given: a case-sensitive carrier such as a message property map. */
  static final TextMapGetter<Map<String, String>> EXACT_GETTER =
      new TextMapGetter<Map<String, String>>() {
        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier.get(key);
        }
      };

  /** Looks keys up ignoring case, as an HTTP getter must. */
  static final TextMapGetter<Map<String, String>> HTTP_GETTER =
      new TextMapGetter<Map<String, String>>() {
        @Override
        public String get(Map<String, String> carrier, String key) {
          Map<String, String> insensitive =
              new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
          insensitive.putAll(carrier);
          return insensitive.get(key);
        }
      };

  static final TextMapSetter<Map<String, String>> SETTER =
      new TextMapSetter<Map<String, String>>() {
        @Override
        public void set(Map<String, String> carrier, String key, String value) {
          carrier.put(key, value);
        }
      };

  /** A getter whose carrier is broken: it throws on every read. */
  static final TextMapGetter<Map<String, String>> THROWING_GETTER =
      new TextMapGetter<Map<String, String>>() {
        @Override
        public String get(Map<String, String> carrier, String key) {
          throw new IllegalStateException("request already recycled");
        }
      };

  /** A setter whose carrier is read-only. */
  static final TextMapSetter<Map<String, String>> THROWING_SETTER =
      new TextMapSetter<Map<String, String>>() {
        @Override
        public void set(Map<String, String> carrier, String key, String value) {
          throw new UnsupportedOperationException("headers are read-only");
        }
      };

  private Carriers() {}

  /** A carrier of alternating names and values. */
  static Map<String, String> headers(String... namesAndValues) {
    Map<String, String> map = new LinkedHashMap<String, String>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      map.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return map;
  }
}
