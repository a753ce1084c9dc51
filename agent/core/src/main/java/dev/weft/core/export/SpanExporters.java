package dev.weft.core.export;

import dev.weft.core.config.ConfigProperties;
import dev.weft.core.export.file.FileExporterFactory;
import dev.weft.core.export.honeycomb.HoneycombExporterFactory;
import dev.weft.core.export.otlp.OtlpHttpExporterFactory;
import dev.weft.core.export.zipkin.ZipkinExporterFactory;
import dev.weft.core.log.AgentLog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The exporters the agent knows, and the choice among them that {@code otel.traces.exporter}
 * makes: a comma list of {@link SpanExporterFactory#name() names}, {@code otlp} when unset, none
 * at all for {@code none}. A new exporter is one more entry in {@link #FACTORIES}. Stateless;
 * thread-safe.
 */
public final class SpanExporters {

  public static final String SETTING = "otel.traces.exporter";

  /** Every exporter, in the order the names are listed in warnings. */
  static final List<SpanExporterFactory> FACTORIES =
      Collections.unmodifiableList(
          Arrays.<SpanExporterFactory>asList(
              new OtlpHttpExporterFactory(),
              new ZipkinExporterFactory(),
              new HoneycombExporterFactory(),
              new FileExporterFactory(),
              new ConsoleExporterFactory(),
              InMemorySpanExporter.FACTORY));

  private SpanExporters() {}

  /** The factory of {@code name}, or null. */
  public static SpanExporterFactory factory(String name) {
    for (SpanExporterFactory factory : FACTORIES) {
      if (factory.name().equals(name)) {
        return factory;
      }
    }
    return null;
  }

  /**
   * The exporters {@code otel.traces.exporter} names, each once, in order; {@code otlp} when
   * unset; empty for {@code none}. Unknown names are reported and skipped; when no known name
   * remains, {@code otlp}. {@code memory} keeps spans in the JVM for the agent's own
   * instrumentation tests.
   */
  public static List<String> names(ConfigProperties config) {
    List<String> configured = config.getList(SETTING);
    if (configured.isEmpty()) {
      configured = Collections.singletonList("otlp");
    }
    List<String> names = new ArrayList<String>();
    for (String raw : configured) {
      String name = raw.toLowerCase(Locale.ROOT);
      if (name.equals("none")) {
        if (configured.size() > 1) {
          AgentLog.warn(SETTING + ": 'none' is ignored when other exporters are named");
          continue;
        }
        return new ArrayList<String>();
      }
      if (factory(name) == null) {
        AgentLog.warn(
            SETTING + ": unknown exporter '" + raw + "' ignored (known: " + known() + ", none)");
        continue;
      }
      if (!names.contains(name)) {
        names.add(name);
      }
    }
    if (names.isEmpty()) {
      AgentLog.warn(SETTING + " names no known exporter; using otlp");
      names.add("otlp");
    }
    return names;
  }

  private static String known() {
    StringBuilder sb = new StringBuilder();
    for (SpanExporterFactory factory : FACTORIES) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(factory.name());
    }
    return sb.toString();
  }
}
