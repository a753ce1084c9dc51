package dev.weft.instrumentation.logback;

import dev.weft.api.SpanContext;
import dev.weft.api.internal.LogCorrelation;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The MDC map a Logback event keeps: the application's, plus the ids of the span current on the
 * logging thread.
 *
 * <p>Logback's own map is shared and read-only (its MDC adapter replaces it on every change), so
 * the keys go into a copy; the application's value wins where it set one of the keys itself.
 * Stateless and thread-safe.
 *
 * <p>A helper class (defined in Logback's class loader): uses only public members of the agent's
 * classes.
 */
public final class TraceMdc {

  private TraceMdc() {}

  /**
   * {@code mdc} with {@code trace_id}, {@code span_id} and {@code trace_flags} of the current span
   * added, as a new unmodifiable map; {@code mdc} itself when no span is current or the
   * application already set all three.
   *
   * @param mdc the event's MDC as Logback captured it; may be null or empty
   */
  public static Map<String, String> withCurrentTrace(Map<String, String> mdc) {
    SpanContext spanContext = LogCorrelation.currentSpanContext();
    if (spanContext == null) {
      return mdc;
    }
    if (mdc != null
        && mdc.containsKey(LogCorrelation.TRACE_ID)
        && mdc.containsKey(LogCorrelation.SPAN_ID)
        && mdc.containsKey(LogCorrelation.TRACE_FLAGS)) {
      return mdc;
    }
    Map<String, String> result =
        new HashMap<String, String>(mdc == null ? 4 : (mdc.size() + 3) * 4 / 3 + 1);
    result.put(LogCorrelation.TRACE_ID, spanContext.traceIdHex());
    result.put(LogCorrelation.SPAN_ID, spanContext.spanIdHex());
    result.put(LogCorrelation.TRACE_FLAGS, LogCorrelation.traceFlags(spanContext));
    if (mdc != null) {
      result.putAll(mdc);
    }
    return Collections.unmodifiableMap(result);
  }
}
