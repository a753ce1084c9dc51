package dev.weft.core.log;

import java.io.PrintStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's own log: one line per message on standard error, prefixed {@code [weft]}.
 *
 * <p>Deliberately not {@code java.util.logging} or any logging library: initializing a logging
 * framework from inside the agent changes the application's logging setup (an application
 * server that installs its own {@code LogManager} breaks when the JDK's is initialized first).
 * Thread-safe.
 */
public final class AgentLog {

  private static final Set<String> SAID_ONCE = ConcurrentHashMap.newKeySet();
  private static volatile boolean debug;
  private static volatile PrintStream out = System.err;

  private AgentLog() {}

  public static void setDebug(boolean enabled) {
    debug = enabled;
  }

  public static boolean isDebug() {
    return debug;
  }

  /** Sends the log elsewhere; for tests. */
  public static void setOutput(PrintStream stream) {
    out = stream == null ? System.err : stream;
  }

  public static void info(String message) {
    print("INFO", message, null);
  }

  public static void warn(String message) {
    print("WARN", message, null);
  }

  public static void warn(String message, Throwable cause) {
    print("WARN", message, cause);
  }

  public static void debug(String message) {
    if (debug) {
      print("DEBUG", message, null);
    }
  }

  /**
   * Logs a warning the first time {@code key} is seen, and never again: for failures that could
   * otherwise repeat on every request.
   */
  public static void warnOnce(String key, String message, Throwable cause) {
    if (SAID_ONCE.add(key)) {
      print("WARN", message, cause);
    }
  }

  private static void print(String level, String message, Throwable cause) {
    PrintStream stream = out;
    String line = "[weft] " + level + ' ' + message;
    if (cause == null) {
      stream.println(line);
      return;
    }
    if (debug) {
      synchronized (stream) {
        stream.println(line);
        cause.printStackTrace(stream);
      }
    } else {
      stream.println(line + ": " + cause);
    }
  }
}
