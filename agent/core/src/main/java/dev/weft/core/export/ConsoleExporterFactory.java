package dev.weft.core.export;

import dev.weft.core.config.ConfigProperties;
import dev.weft.core.log.AgentLog;
import dev.weft.core.view.TerminalWaterfall;
import java.util.Locale;

/**
 * The console exporter ({@code otel.traces.exporter=console}), for seeing traces without a
 * backend: each trace as a waterfall ({@link WaterfallConsoleExporter}), or one line per span
 * ({@link ConsoleSpanExporter}).
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>name</th><th>default</th></tr>
 *   <tr><td>{@code weft.console.format}: {@code waterfall} or {@code lines}</td>
 *       <td>{@code waterfall}</td></tr>
 *   <tr><td>{@code weft.console.attributes}: every span's attributes and events under its row
 *       </td><td>{@code otel.javaagent.debug}</td></tr>
 *   <tr><td>{@code weft.console.grace}: how long after a trace's local root span ended the
 *       trace is drawn, for spans that end after it</td><td>{@code 500} ms</td></tr>
 * </table>
 *
 * <p>A bad value is reported and its default used. Stateless; thread-safe.
 */
final class ConsoleExporterFactory implements SpanExporterFactory {

  static final String FORMAT = "weft.console.format";
  static final String ATTRIBUTES = "weft.console.attributes";
  static final String GRACE = "weft.console.grace";
  static final long DEFAULT_GRACE_MILLIS = 500;

  @Override
  public String name() {
    return "console";
  }

  @Override
  public SpanExporter create(ExporterContext context) {
    ConfigProperties config = context.config();
    if (!waterfall(config)) {
      return ConsoleSpanExporter.toStdout(context.resource());
    }
    return new WaterfallConsoleExporter(
        context.resource(),
        System.out,
        TerminalWaterfall.forStdout(config.getBoolean(ATTRIBUTES, AgentLog.isDebug())),
        Math.max(0, config.getDurationMillis(GRACE, DEFAULT_GRACE_MILLIS)));
  }

  private static boolean waterfall(ConfigProperties config) {
    String format = config.getString(FORMAT);
    if (format == null || format.trim().equalsIgnoreCase("waterfall")) {
      return true;
    }
    if (format.trim().toLowerCase(Locale.ROOT).equals("lines")) {
      return false;
    }
    AgentLog.warn(
        "Invalid value '" + format + "' for " + FORMAT + " (expected waterfall or lines); using waterfall");
    return true;
  }
}
