package dev.weft.core.export.zipkin;

import dev.weft.core.config.ConfigProperties;
import dev.weft.core.export.ExporterContext;
import dev.weft.core.export.ExporterSettings;
import dev.weft.core.export.HttpSpanExporter;
import dev.weft.core.export.RetryPolicy;
import dev.weft.core.export.SpanExporter;
import dev.weft.core.export.SpanExporterFactory;
import dev.weft.core.log.AgentLog;

/**
 * The Zipkin v2 exporter ({@code otel.traces.exporter=zipkin}): {@link ZipkinJsonEncoder}'s
 * JSON, posted by {@link HttpSpanExporter} with its retry and timeout rules, under the
 * OpenTelemetry setting names:
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>name</th><th>default</th></tr>
 *   <tr><td>{@code otel.exporter.zipkin.endpoint}</td>
 *       <td>{@code http://localhost:9411/api/v2/spans}</td></tr>
 *   <tr><td>{@code otel.exporter.zipkin.timeout}: per request</td><td>10 s</td></tr>
 *   <tr><td>{@code otel.exporter.zipkin.compression}: {@code gzip}, {@code none}</td>
 *       <td>{@code gzip}, which Zipkin's collector reads</td></tr>
 * </table>
 *
 * <p>A bad value is reported and its default used. Stateless; thread-safe.
 */
public final class ZipkinExporterFactory implements SpanExporterFactory {

  static final String PREFIX = "otel.exporter.zipkin.";
  static final String DEFAULT_ENDPOINT = "http://localhost:9411/api/v2/spans";
  static final long DEFAULT_TIMEOUT_MILLIS = 10_000;

  @Override
  public String name() {
    return "zipkin";
  }

  @Override
  public SpanExporter create(ExporterContext context) {
    ConfigProperties config = context.config();
    return HttpSpanExporter.builder(
            name(),
            ExporterSettings.url(config, PREFIX + "endpoint", DEFAULT_ENDPOINT),
            new ZipkinJsonEncoder(context.agentVersion()),
            context.resource())
        .gzip(gzip(config))
        .requestTimeoutMillis(
            ExporterSettings.timeoutMillis(config, PREFIX + "timeout", DEFAULT_TIMEOUT_MILLIS))
        .exportTimeoutMillis(context.exportTimeoutMillis())
        .retryPolicy(RetryPolicy.DEFAULT)
        .userAgent(context.userAgent())
        .build();
  }

  private static boolean gzip(ConfigProperties config) {
    String key = PREFIX + "compression";
    String value = config.getString(key);
    if (value == null || value.equalsIgnoreCase("gzip")) {
      return true;
    }
    if (value.equalsIgnoreCase("none")) {
      return false;
    }
    AgentLog.warn(
        "Invalid value '" + value + "' for " + key + " (expected gzip or none); using gzip");
    return true;
  }
}
