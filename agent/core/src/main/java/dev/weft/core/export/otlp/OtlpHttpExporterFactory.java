package dev.weft.core.export.otlp;

import dev.weft.core.config.ConfigProperties;
import dev.weft.core.export.ExporterContext;
import dev.weft.core.export.HttpSpanExporter;
import dev.weft.core.export.RetryPolicy;
import dev.weft.core.export.SpanBatchEncoder;
import dev.weft.core.export.SpanExporter;
import dev.weft.core.export.SpanExporterFactory;
import dev.weft.core.log.AgentLog;
import dev.weft.core.resource.Resource;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds the OTLP/HTTP span exporter from the OpenTelemetry configuration names, as the
 * OpenTelemetry Java agent reads them:
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>name</th><th>default</th></tr>
 *   <tr><td>{@code otel.exporter.otlp.traces.endpoint} (used as is), else {@code
 *       otel.exporter.otlp.endpoint} + {@code /v1/traces}</td>
 *       <td>{@code http://localhost:4318/v1/traces}</td></tr>
 *   <tr><td>{@code otel.exporter.otlp[.traces].protocol}: {@code http/protobuf}, {@code
 *       http/json}; {@code grpc} is not supported</td><td>{@code http/protobuf}</td></tr>
 *   <tr><td>{@code otel.exporter.otlp[.traces].headers}: {@code k=v,k2=v2}</td><td>none</td></tr>
 *   <tr><td>{@code otel.exporter.otlp[.traces].compression}: {@code gzip}, {@code none}</td>
 *       <td>{@code none}, as in the OpenTelemetry Java SDK and agent</td></tr>
 *   <tr><td>{@code otel.exporter.otlp[.traces].timeout}: per request</td><td>10 s</td></tr>
 * </table>
 *
 * <p>A {@code .traces.} setting wins over the general one; a header map from {@code
 * .traces.headers} replaces the general one rather than merging with it, as in the
 * OpenTelemetry SDK. A bad value is reported and the default is used instead (for an endpoint:
 * the general endpoint when that one is valid); nothing here throws for configuration.
 *
 * <p>{@link #create(ExporterContext)} uses {@link OtlpProtoEncoder} and {@link OtlpJsonEncoder};
 * the static {@link #create(ConfigProperties, Resource, long, String, Function)} takes the
 * encoders from the caller, for tests. Stateless; thread-safe.
 */
public final class OtlpHttpExporterFactory implements SpanExporterFactory {

  public static final String PROTOCOL_HTTP_PROTOBUF = "http/protobuf";
  public static final String PROTOCOL_HTTP_JSON = "http/json";

  static final String DEFAULT_ENDPOINT = "http://localhost:4318";
  static final String TRACES_PATH = "v1/traces";
  static final long DEFAULT_TIMEOUT_MILLIS = 10_000;

  private static final String GENERAL = "otel.exporter.otlp.";
  private static final String TRACES = "otel.exporter.otlp.traces.";

  @Override
  public String name() {
    return "otlp";
  }

  @Override
  public SpanExporter create(ExporterContext context) {
    String version = context.agentVersion();
    return create(
        context.config(),
        context.resource(),
        context.exportTimeoutMillis(),
        version,
        encoders(new OtlpProtoEncoder(version), new OtlpJsonEncoder(version)));
  }

  /**
   * The OTLP exporter the configuration asks for.
   *
   * @param exportTimeoutMillis the most one batch may take, retries included ({@code
   *     otel.bsp.export.timeout})
   * @param agentVersion for the {@code User-Agent} header, {@code weft-agent/<version>}
   * @param encoders the encoder of each protocol ({@link #PROTOCOL_HTTP_PROTOBUF}, {@link
   *     #PROTOCOL_HTTP_JSON}); see {@link #encoders}
   * @throws IllegalArgumentException when {@code encoders} has no encoder for the protocol: a
   *     wiring bug, not a configuration problem
   */
  public static HttpSpanExporter create(
      ConfigProperties config,
      Resource resource,
      long exportTimeoutMillis,
      String agentVersion,
      Function<String, SpanBatchEncoder> encoders) {
    Settings settings = settings(config);
    SpanBatchEncoder encoder = encoders.apply(settings.protocol);
    if (encoder == null) {
      throw new IllegalArgumentException("no encoder for OTLP protocol " + settings.protocol);
    }
    return HttpSpanExporter.builder("otlp", settings.endpoint, encoder, resource)
        .headers(settings.headers)
        .gzip(settings.gzip)
        .requestTimeoutMillis(settings.timeoutMillis)
        .exportTimeoutMillis(exportTimeoutMillis)
        .retryPolicy(RetryPolicy.DEFAULT)
        .userAgent("weft-agent/" + agentVersion)
        .build();
  }

  /** The encoder lookup for {@link #create}: {@code json} for http/json, else {@code protobuf}. */
  public static Function<String, SpanBatchEncoder> encoders(
      final SpanBatchEncoder protobuf, final SpanBatchEncoder json) {
    return new Function<String, SpanBatchEncoder>() {
      @Override
      public SpanBatchEncoder apply(String protocol) {
        return PROTOCOL_HTTP_JSON.equals(protocol) ? json : protobuf;
      }
    };
  }

  /** Reads the settings; reports bad values and uses the next candidate. */
  static Settings settings(ConfigProperties config) {
    return new Settings(
        endpoint(config), protocol(config), headers(config), gzip(config), timeoutMillis(config));
  }

  private static URL endpoint(ConfigProperties config) {
    String tracesKey = TRACES + "endpoint";
    String traces = config.getString(tracesKey);
    if (traces != null) {
      URL url = parseUrl(tracesKey, traces);
      if (url != null) {
        return url;
      }
    }
    String generalKey = GENERAL + "endpoint";
    String general = config.getString(generalKey);
    if (general != null) {
      URL url = parseUrl(generalKey, withTracesPath(general));
      if (url != null) {
        return url;
      }
    }
    return parseUrl("default", withTracesPath(DEFAULT_ENDPOINT));
  }

  /** The general endpoint is a base URL: the signal's path goes after whatever path it has. */
  static String withTracesPath(String base) {
    return base.endsWith("/") ? base + TRACES_PATH : base + '/' + TRACES_PATH;
  }

  private static URL parseUrl(String key, String value) {
    try {
      URL url = new URL(value);
      String scheme = url.getProtocol();
      if (("http".equals(scheme) || "https".equals(scheme)) && !url.getHost().isEmpty()) {
        return url;
      }
    } catch (MalformedURLException e) {
      // reported below
    }
    AgentLog.warn(
        "Invalid value '"
            + value
            + "' for "
            + key
            + " (expected an http:// or https:// URL); ignoring it");
    return null;
  }

  private static String protocol(ConfigProperties config) {
    String key = keyOf(config, "protocol");
    String value = config.getString(key);
    if (value == null) {
      return PROTOCOL_HTTP_PROTOBUF;
    }
    String normalized = value.toLowerCase(Locale.ROOT);
    if (normalized.equals(PROTOCOL_HTTP_PROTOBUF) || normalized.equals(PROTOCOL_HTTP_JSON)) {
      return normalized;
    }
    if (normalized.equals("grpc")) {
      AgentLog.warn(
          key
              + "=grpc is not supported by Weft; using http/protobuf. Point the endpoint at the"
              + " collector's OTLP/HTTP port (4318), not its gRPC port (4317)");
    } else {
      AgentLog.warn(
          "Invalid value '"
              + value
              + "' for "
              + key
              + " (expected http/protobuf or http/json); using http/protobuf");
    }
    return PROTOCOL_HTTP_PROTOBUF;
  }

  private static Map<String, String> headers(ConfigProperties config) {
    Map<String, String> headers = config.getMap(keyOf(config, "headers"));
    return headers.isEmpty() ? Collections.<String, String>emptyMap() : headers;
  }

  private static boolean gzip(ConfigProperties config) {
    String key = keyOf(config, "compression");
    String value = config.getString(key);
    if (value == null || value.equalsIgnoreCase("none")) {
      return false;
    }
    if (value.equalsIgnoreCase("gzip")) {
      return true;
    }
    AgentLog.warn(
        "Invalid value '" + value + "' for " + key + " (expected gzip or none); using none");
    return false;
  }

  private static long timeoutMillis(ConfigProperties config) {
    String key = keyOf(config, "timeout");
    long millis = config.getDurationMillis(key, DEFAULT_TIMEOUT_MILLIS);
    if (millis < 1) {
      AgentLog.warn(
          "Invalid value '"
              + config.getString(key)
              + "' for "
              + key
              + " (expected a duration of at least 1 ms); using "
              + DEFAULT_TIMEOUT_MILLIS
              + "ms");
      return DEFAULT_TIMEOUT_MILLIS;
    }
    return millis;
  }

  /** The {@code .traces.} name of a setting when it is set, else the general name. */
  private static String keyOf(ConfigProperties config, String setting) {
    String traces = TRACES + setting;
    return config.getString(traces) != null ? traces : GENERAL + setting;
  }

  /** The resolved settings; immutable. */
  static final class Settings {
    final URL endpoint;
    final String protocol;
    final Map<String, String> headers;
    final boolean gzip;
    final long timeoutMillis;

    Settings(
        URL endpoint,
        String protocol,
        Map<String, String> headers,
        boolean gzip,
        long timeoutMillis) {
      this.endpoint = endpoint;
      this.protocol = protocol;
      this.headers = headers;
      this.gzip = gzip;
      this.timeoutMillis = timeoutMillis;
    }
  }
}
