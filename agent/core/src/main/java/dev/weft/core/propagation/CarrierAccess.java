package dev.weft.core.propagation;

import dev.weft.api.propagation.TextMapGetter;
import dev.weft.api.propagation.TextMapSetter;
import dev.weft.core.log.AgentLog;

/**
 * Calls into the application's carrier through a getter or setter, so that a carrier that throws
 * (a request object already recycled, a read-only header map) costs a header and never the
 * request. Each kind of failure is logged once. Stateless.
 */
final class CarrierAccess {

  private CarrierAccess() {}

  /** The value of {@code key}, or null when absent or when the getter throws. */
  static <C> String get(TextMapGetter<C> getter, C carrier, String key) {
    try {
      return getter.get(carrier, key);
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
