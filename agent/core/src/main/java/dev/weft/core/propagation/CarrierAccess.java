package dev.weft.core.propagation;

import dev.weft.api.propagation.TextMapGetter;
import dev.weft.api.propagation.TextMapSetter;
import dev.weft.core.log.AgentLog;
import java.util.Iterator;

/**
 * Calls into the application's carrier through a getter or setter, so that a carrier that throws
 * (a request object already recycled, a read-only header map) costs a header and never the
 * request, and so that every propagator reads a repeated header the same way ({@link
 * #fieldValue}). Each kind of failure is logged once. Stateless.
 */
final class CarrierAccess {

  private CarrierAccess() {}

  /**
   * Past this many characters, further lines of a repeated header are dropped whole: no field a
   * propagator reads needs more (baggage, the largest, keeps 8192 bytes), and a caller that sends
   * thousands of lines must not make the agent build a string of them.
   */
  static final int MAX_FIELD_LENGTH = 16 * 1024;

  /**
   * The field value of {@code key}: its one line as is, or its lines combined in order with
   * {@code ,}, as HTTP combines a repeated header (RFC 7230 section 3.2.2, now RFC 9110 section
   * 5.3); null when absent or when the getter throws. This is the one place where repeated headers
   * are joined, so every instrumentation that hands over all of a header's lines ({@link
   * TextMapGetter#getAll}) is read the same way.
   *
   * <p>What a repeated field then means is the format's: a list ({@code tracestate}, {@code
   * baggage}) is simply longer, while a single value ({@code traceparent}, B3) sent twice combines
   * into something its format does not allow, and is ignored as ambiguous. An empty line stays an
   * empty list member, which list formats allow. Lines beyond {@link #MAX_FIELD_LENGTH} are
   * dropped whole, never cut.
   */
  static <C> String fieldValue(TextMapGetter<C> getter, C carrier, String key) {
    try {
      Iterator<String> lines = getter.getAll(carrier, key);
      if (lines == null || !lines.hasNext()) {
        return null;
      }
      String first = lines.next();
      if (!lines.hasNext()) {
        return first; // the usual case: one line, no copy
      }
      StringBuilder combined = new StringBuilder(first == null ? "" : first);
      while (lines.hasNext()) {
        String line = lines.next();
        if (line == null) {
          line = "";
        }
        if (combined.length() + 1 + line.length() > MAX_FIELD_LENGTH) {
          break;
        }
        combined.append(',').append(line);
      }
      return combined.toString();
    } catch (RuntimeException e) {
      AgentLog.warnOnce(
          "propagation.get." + getter.getClass().getName(),
          "Reading header '" + key + "' with " + getter.getClass().getName() + " failed;"
              + " treating it as absent",
          e);
      return null;
    }
  }

  /** Writes {@code key}; whether the setter accepted it. */
  static <C> boolean set(TextMapSetter<C> setter, C carrier, String key, String value) {
    try {
      setter.set(carrier, key, value);
      return true;
    } catch (RuntimeException e) {
      AgentLog.warnOnce(
          "propagation.set." + setter.getClass().getName(),
          "Writing header '" + key + "' with " + setter.getClass().getName() + " failed;"
              + " the trace will not continue over this call",
          e);
      return false;
    }
  }

  /** Logs, once per propagator, a failure of its own parsing; such a failure is a Weft bug. */
  static void internalError(String propagator, RuntimeException e) {
    AgentLog.warnOnce(
        "propagation.bug." + propagator,
        propagator + " failed on a header and ignored it; please report this",
        e);
  }

  /** Whether {@code c} is optional whitespace (RFC 7230: space or horizontal tab). */
  static boolean isOws(char c) {
    return c == ' ' || c == '\t';
  }

  /** The first index in {@code [from, to)} that is not optional whitespace, or {@code to}. */
  static int skipOws(String s, int from, int to) {
    while (from < to && isOws(s.charAt(from))) {
      from++;
    }
    return from;
  }

  /** The end of {@code s[from, to)} without trailing optional whitespace. */
  static int trimOwsEnd(String s, int from, int to) {
    while (to > from && isOws(s.charAt(to - 1))) {
      to--;
    }
    return to;
  }
}
