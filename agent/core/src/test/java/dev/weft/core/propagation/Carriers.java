package dev.weft.core.propagation;

import dev.weft.api.propagation.TextMapGetter;
import dev.weft.api.propagation.TextMapSetter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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

  /**
   * The header lines of one HTTP request, in order, names in any case, a name possibly on several
   * lines: what a servlet container hands the servlet getter.
   */
  static final class Lines {
    final List<String[]> lines = new ArrayList<String[]>();

    /** Adds one header line. */
    Lines add(String name, String value) {
      lines.add(new String[] {name, value});
      return this;
    }

    List<String> valuesOf(String name) {
      List<String> values = new ArrayList<String>();
      for (String[] line : lines) {
        if (line[0].toLowerCase(Locale.ROOT).equals(name)) {
          values.add(line[1]);
        }
      }
      return values;
    }
  }

  /** A getter over {@link Lines} as the servlet instrumentation's: every line of a name. */
  static final TextMapGetter<Lines> LINES_GETTER =
      new TextMapGetter<Lines>() {
        @Override
        public String get(Lines carrier, String key) {
          List<String> values = carrier.valuesOf(key);
          return values.isEmpty() ? null : values.get(0);
        }

        @Override
        public Iterator<String> getAll(Lines carrier, String key) {
          return carrier.valuesOf(key).iterator();
        }
      };

  /** Header lines; the arguments are alternating names and values, a name may repeat. */
  static Lines lines(String... namesAndValues) {
    Lines lines = new Lines();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      lines.add(namesAndValues[i], namesAndValues[i + 1]);
    }
    return lines;
  }

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
