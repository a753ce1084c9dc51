package dev.weft.core.view;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds {@link ViewSpan}s for the view tests: times in milliseconds from a fixed origin. */
final class Spans {

  static final long ORIGIN = 1_700_000_000_000_000_000L;
  static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

  private Spans() {}

  static ViewSpan span(String id, String parent, String service, String name, double startMs, double endMs) {
    return span(TRACE, id, parent, service, name, "SERVER", startMs, endMs, "UNSET");
  }

  static ViewSpan span(
      String trace,
      String id,
      String parent,
      String service,
      String name,
      String kind,
      double startMs,
      double endMs,
      String status) {
    return new ViewSpan(
        trace,
        id,
        parent,
        false,
        service,
        name,
        kind,
        ORIGIN + (long) (startMs * 1_000_000),
        ORIGIN + (long) (endMs * 1_000_000),
        status,
        "",
        Collections.<String, Object>emptyMap(),
        Collections.<ViewSpan.Event>emptyList());
  }

  static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<String, Object>();
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
