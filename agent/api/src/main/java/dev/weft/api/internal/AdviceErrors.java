package dev.weft.api.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where woven advice reports a Throwable it raised itself. The weaving machinery wraps every
 * advice so that such a Throwable is caught and handed here instead of reaching the application;
 * the application's method then runs as if not instrumented.
 *
 * <p>Each distinct failure (exception type and the place it was thrown) is printed once to
 * standard error, so that a broken instrumentation on a hot path cannot flood the log.
 * Thread-safe; never throws.
 */
public final class AdviceErrors {

  private static final int MAX_DISTINCT = 100;
  private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

  private AdviceErrors() {}

  /** Called from woven code with the Throwable an advice raised. */
  public static void report(Throwable error) {
    try {
      StackTraceElement[] stack = error.getStackTrace();
      String where = stack.length > 0 ? stack[0].toString() : "unknown";
      String key = error.getClass().getName() + '@' + where;
      if (REPORTED.size() >= MAX_DISTINCT || !REPORTED.add(key)) {
        return;
      }
      StringBuilder line =
          new StringBuilder("[weft] WARN Instrumentation failed, the application is unaffected")
              .append(" (reported once): ")
              .append(error);
      for (int i = 0; i < stack.length && i < 6; i++) {
        line.append("\n\tat ").append(stack[i]);
      }
      System.err.println(line);
    } catch (Throwable ignored) {
      // Reporting must never be what breaks the application.
    }
  }
}
