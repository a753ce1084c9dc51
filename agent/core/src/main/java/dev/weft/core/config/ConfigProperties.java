package dev.weft.core.config;

import dev.weft.core.log.AgentLog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The agent's configuration: a setting is read from the agent's arguments ({@link
 * AgentArguments}), else from the system property of its name ({@code otel.service.name}), else
 * from the environment variable of the same name in upper case with dots and dashes as
 * underscores ({@code OTEL_SERVICE_NAME}). The arguments come first because they are the most
 * specific: they belong to this one agent, and for an attach they are what the user just typed.
 *
 * <p>A value that cannot be parsed is never fatal: the getter logs one warning naming the
 * setting and the bad value, and returns the default. Immutable and thread-safe; read at startup,
 * never on a request path.
 */
public final class ConfigProperties {

  private final Map<String, String> systemProperties;
  private final Map<String, String> environment;

  private ConfigProperties(Map<String, String> systemProperties, Map<String, String> environment) {
    this.systemProperties = systemProperties;
    this.environment = environment;
  }

  /** The configuration of this JVM: its system properties and environment. */
  public static ConfigProperties fromSystem() {
    return fromSystem(null);
  }

  /**
   * The configuration of this JVM with the agent's arguments ({@link AgentArguments}, null for
   * none) over its system properties and environment.
   */
  public static ConfigProperties fromSystem(String agentArguments) {
    Map<String, String> props = new LinkedHashMap<String, String>();
    Properties system = System.getProperties();
    for (String name : system.stringPropertyNames()) {
      props.put(name, system.getProperty(name));
    }
    props.putAll(AgentArguments.parse(agentArguments));
    return new ConfigProperties(props, new LinkedHashMap<String, String>(System.getenv()));
  }

  /** A configuration from explicit maps; for tests. */
  public static ConfigProperties of(Map<String, String> systemProperties, Map<String, String> env) {
    return new ConfigProperties(
        new LinkedHashMap<String, String>(systemProperties),
        new LinkedHashMap<String, String>(env));
  }

  /** A configuration from system-property-style names only; for tests. */
  public static ConfigProperties of(Map<String, String> systemProperties) {
    return of(systemProperties, Collections.<String, String>emptyMap());
  }

  /** The environment variable that stands for {@code name}. */
  public static String environmentName(String name) {
    return name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** The trimmed value, or null when unset or blank. */
  public String getString(String name) {
    String value = systemProperties.get(name);
    if (value == null) {
      value = environment.get(environmentName(name));
    }
    if (value == null) {
      return null;
    }
    value = value.trim();
    return value.isEmpty() ? null : value;
  }

  public String getString(String name, String defaultValue) {
    String value = getString(name);
    return value == null ? defaultValue : value;
  }

  public boolean getBoolean(String name, boolean defaultValue) {
    String value = getString(name);
    if (value == null) {
      return defaultValue;
    }
    if ("true".equalsIgnoreCase(value)) {
      return true;
    }
    if ("false".equalsIgnoreCase(value)) {
      return false;
    }
    warnInvalid(name, value, "true or false", String.valueOf(defaultValue));
    return defaultValue;
  }

  /** An integer of at least {@code min}. */
  public int getInt(String name, int defaultValue, int min) {
    String value = getString(name);
    if (value == null) {
      return defaultValue;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= min) {
        return parsed;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    warnInvalid(name, value, "an integer of at least " + min, String.valueOf(defaultValue));
    return defaultValue;
  }

  /** A number in {@code [min, max]}. */
  public double getDouble(String name, double defaultValue, double min, double max) {
    String value = getString(name);
    if (value == null) {
      return defaultValue;
    }
    try {
      double parsed = Double.parseDouble(value);
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    warnInvalid(name, value, "a number from " + min + " to " + max, String.valueOf(defaultValue));
    return defaultValue;
  }

  /**
   * A duration in milliseconds: a whole number with an optional unit {@code ms}, {@code s},
   * {@code m}, {@code h}, {@code d}; a bare number is milliseconds, as the OpenTelemetry SDK
   * reads it.
   */
  public long getDurationMillis(String name, long defaultMillis) {
    String value = getString(name);
    if (value == null) {
      return defaultMillis;
    }
    long parsed = parseDurationMillis(value);
    if (parsed < 0) {
      warnInvalid(
          name, value, "a non-negative duration such as 500, 500ms or 10s", defaultMillis + "ms");
      return defaultMillis;
    }
    return parsed;
  }

  /** A comma-separated list, entries trimmed, empty entries dropped; empty when unset. */
  public List<String> getList(String name) {
    String value = getString(name);
    if (value == null) {
      return Collections.emptyList();
    }
    List<String> result = new ArrayList<String>();
    for (String part : value.split(",")) {
      String trimmed = part.trim();
      if (!trimmed.isEmpty()) {
        result.add(trimmed);
      }
    }
    return result;
  }

  /**
   * A comma-separated list of {@code key=value} pairs, values percent-decoded (the W3C Baggage
   * encoding that {@code otel.resource.attributes} and {@code otel.exporter.otlp.headers} use).
   * A malformed pair is skipped with a warning.
   */
  public Map<String, String> getMap(String name) {
    Map<String, String> result = new LinkedHashMap<String, String>();
    for (String pair : getList(name)) {
      int eq = pair.indexOf('=');
      String key = eq > 0 ? pair.substring(0, eq).trim() : "";
      if (key.isEmpty()) {
        AgentLog.warn(
            "Ignoring '" + pair + "' in " + name + ": expected key=value pairs separated by commas");
        continue;
      }
      result.put(key, percentDecode(pair.substring(eq + 1).trim()));
    }
    return result;
  }

  private static void warnInvalid(String name, String value, String expected, String fallback) {
    AgentLog.warn(
        "Invalid value '"
            + value
            + "' for "
            + name
            + " (expected "
            + expected
            + "); using "
            + fallback);
  }

  static long parseDurationMillis(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    int unitStart = 0;
    while (unitStart < v.length() && Character.isDigit(v.charAt(unitStart))) {
      unitStart++;
    }
    if (unitStart == 0 || unitStart > 18) {
      return -1;
    }
    long amount = Long.parseLong(v.substring(0, unitStart));
    String unit = v.substring(unitStart).trim();
    if (unit.isEmpty() || unit.equals("ms")) {
      return amount;
    }
    if (unit.equals("s")) {
      return amount * 1000L;
    }
    if (unit.equals("m")) {
      return amount * 60_000L;
    }
    if (unit.equals("h")) {
      return amount * 3_600_000L;
    }
    if (unit.equals("d")) {
      return amount * 86_400_000L;
    }
    return -1;
  }

  static String percentDecode(String value) {
    if (value.indexOf('%') < 0) {
      return value;
    }
    try {
      return java.net.URLDecoder.decode(value.replace("+", "%2B"), "UTF-8");
    } catch (Exception e) {
      return value;
    }
  }
}
