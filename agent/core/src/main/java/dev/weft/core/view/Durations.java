package dev.weft.core.view;

import java.util.Locale;

/** Durations as people read them in a waterfall: {@code 0.352 ms}, {@code 48.2 ms}, {@code 1.23 s}. */
final class Durations {

  private Durations() {}

  static String format(long nanos) {
    double millis = nanos / 1_000_000.0;
    if (millis < 1) {
      return String.format(Locale.ROOT, "%.3f ms", millis);
    }
    if (millis < 10) {
      return String.format(Locale.ROOT, "%.2f ms", millis);
    }
    if (millis < 1000) {
      return String.format(Locale.ROOT, "%.1f ms", millis);
    }
    if (millis < 60_000) {
      return String.format(Locale.ROOT, "%.2f s", millis / 1000);
    }
    return String.format(Locale.ROOT, "%.1f min", millis / 60_000);
  }
}
