package dev.weft.core.config;

import dev.weft.core.log.AgentLog;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The settings given to the agent itself: the text after the jar in {@code
 * -javaagent:weft-agent.jar=otel.service.name=shop,otel.traces.exporter=otlp,zipkin}, or the
 * options of {@code java -jar weft-agent.jar attach <pid> key=value...}.
 *
 * <p>The text is a comma-separated list of {@code name=value} settings with the names of the
 * system properties ({@code otel.*}, {@code weft.*}, {@code honeycomb.*}). A comma starts a new
 * setting only where what follows it is such a name and an {@code =}; any other comma belongs
 * to the value, so that list values need no quoting: {@code otel.traces.exporter=otlp,zipkin}
 * is one setting, and so is {@code otel.resource.attributes=team=shop,tier=web}. Text before the
 * first setting, or a setting of another name, is ignored with a warning that names it but
 * never shows the value (a value may be a secret such as {@code honeycomb.api.key}).
 *
 * <p>Stateless; safe from any thread.
 */
public final class AgentArguments {

  private static final String[] PREFIXES = {"otel.", "weft.", "honeycomb."};

  private AgentArguments() {}

  /** The settings of {@code arguments}, in order; empty for null or blank text. */
  public static Map<String, String> parse(String arguments) {
    Map<String, String> settings = new LinkedHashMap<String, String>();
    if (arguments == null || arguments.trim().isEmpty()) {
      return settings;
    }
    String name = null;
    StringBuilder value = new StringBuilder();
    for (String part : arguments.split(",", -1)) {
      String startedName = settingName(part);
      if (startedName != null) {
        put(settings, name, value);
        name = startedName;
        value.setLength(0);
        value.append(part.substring(part.indexOf('=') + 1));
      } else if (name != null) {
        value.append(',').append(part);
      } else if (!part.trim().isEmpty()) {
        AgentLog.warn(
            "Ignoring agent argument '"
                + beforeEquals(part)
                + "': expected settings name=value, named like otel.service.name");
      }
    }
    put(settings, name, value);
    return settings;
  }

  private static void put(Map<String, String> settings, String name, StringBuilder value) {
    if (name != null) {
      settings.put(name, value.toString().trim());
    }
  }

  /** The setting name {@code part} starts with, or null when it does not start a setting. */
  private static String settingName(String part) {
    int eq = part.indexOf('=');
    if (eq <= 0) {
      return null;
    }
    String name = part.substring(0, eq).trim();
    String lower = name.toLowerCase(Locale.ROOT);
    for (String prefix : PREFIXES) {
      if (lower.startsWith(prefix) && lower.length() > prefix.length() && isName(name)) {
        return name;
      }
    }
    return null;
  }

  private static boolean isName(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '-'
              || c == '_';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static String beforeEquals(String part) {
    int eq = part.indexOf('=');
    return (eq < 0 ? part : part.substring(0, eq) + "=...").trim();
  }
}
