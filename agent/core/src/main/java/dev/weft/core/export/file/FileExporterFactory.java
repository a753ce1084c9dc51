package dev.weft.core.export.file;

import dev.weft.core.config.ConfigProperties;
import dev.weft.core.export.ExporterContext;
import dev.weft.core.export.SpanExporter;
import dev.weft.core.export.SpanExporterFactory;
import dev.weft.core.export.otlp.OtlpJsonEncoder;
import dev.weft.core.log.AgentLog;
import java.io.File;
import java.util.Locale;

/**
 * The file exporter ({@code otel.traces.exporter=file}): OTLP/JSON lines in a size-rotated file,
 * see {@link FileSpanExporter}.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>name</th><th>default</th></tr>
 *   <tr><td>{@code weft.exporter.file.path}</td>
 *       <td>{@code weft-traces-<service name>.jsonl} in the working directory</td></tr>
 *   <tr><td>{@code weft.exporter.file.max.size}: {@code 500KB}, {@code 10MB}, {@code 1GB} or
 *       bytes</td><td>{@code 10MB}</td></tr>
 *   <tr><td>{@code weft.exporter.file.max.files}: rotated files kept</td><td>5</td></tr>
 * </table>
 *
 * <p>A bad value is reported and its default used. Stateless; thread-safe.
 */
public final class FileExporterFactory implements SpanExporterFactory {

  static final String PATH = "weft.exporter.file.path";
  static final String MAX_SIZE = "weft.exporter.file.max.size";
  static final String MAX_FILES = "weft.exporter.file.max.files";
  static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;
  static final int DEFAULT_MAX_FILES = 5;

  @Override
  public String name() {
    return "file";
  }

  @Override
  public SpanExporter create(ExporterContext context) {
    ConfigProperties config = context.config();
    String path = config.getString(PATH);
    if (path == null) {
      path = defaultFileName(context.resource().serviceName());
    }
    return new FileSpanExporter(
        new File(path),
        new OtlpJsonEncoder(context.agentVersion()),
        context.resource(),
        maxBytes(config),
        config.getInt(MAX_FILES, DEFAULT_MAX_FILES, 0));
  }

  /** {@code weft-traces-<service>.jsonl}, the service name reduced to file-name-safe characters. */
  static String defaultFileName(String serviceName) {
    StringBuilder name = new StringBuilder("weft-traces-");
    String service = serviceName == null || serviceName.isEmpty() ? "unknown" : serviceName;
    for (int i = 0; i < service.length(); i++) {
      char c = service.charAt(i);
      boolean safe =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_'
              || c == '.';
      name.append(safe ? c : '_');
    }
    return name.append(".jsonl").toString();
  }

  private static long maxBytes(ConfigProperties config) {
    String value = config.getString(MAX_SIZE);
    if (value == null) {
      return DEFAULT_MAX_BYTES;
    }
    long bytes = parseSize(value);
    if (bytes < 1) {
      AgentLog.warn(
          "Invalid value '"
              + value
              + "' for "
              + MAX_SIZE
              + " (expected a size such as 500KB, 10MB or 1GB); using 10MB");
      return DEFAULT_MAX_BYTES;
    }
    return bytes;
  }

  /** {@code 123}, {@code 500KB}, {@code 10MB}, {@code 1GB} (binary units, case-insensitive). */
  static long parseSize(String value) {
    String text = value.trim().toUpperCase(Locale.ROOT);
    long unit = 1;
    String[] suffixes = {"KB", "MB", "GB", "K", "M", "G", "B"};
    long[] units = {1L << 10, 1L << 20, 1L << 30, 1L << 10, 1L << 20, 1L << 30, 1};
    for (int i = 0; i < suffixes.length; i++) {
      if (text.endsWith(suffixes[i])) {
        unit = units[i];
        text = text.substring(0, text.length() - suffixes[i].length()).trim();
        break;
      }
    }
    if (text.isEmpty() || text.length() > 12) {
      return -1;
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return -1;
      }
    }
    return Long.parseLong(text) * unit;
  }
}
