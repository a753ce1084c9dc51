package dev.weft.core.export.honeycomb;

import dev.weft.core.config.ConfigProperties;
import dev.weft.core.export.ExporterContext;
import dev.weft.core.export.ExporterSettings;
import dev.weft.core.export.HttpPoster;
import dev.weft.core.export.RetryPolicy;
import dev.weft.core.export.SpanExporter;
import dev.weft.core.export.SpanExporterFactory;
import dev.weft.core.log.AgentLog;
import dev.weft.core.sampler.ParentBasedSampler;
import dev.weft.core.sampler.Sampler;
import dev.weft.core.sampler.TraceIdRatioSampler;
import java.io.UnsupportedEncodingException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLEncoder;
import java.util.Collections;

/**
 * The Honeycomb exporter ({@code otel.traces.exporter=honeycomb}), see {@link
 * HoneycombSpanExporter}. Each setting is read as a system property or, in the environment, as
 * its upper-case name:
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>name</th><th>default</th></tr>
 *   <tr><td>{@code honeycomb.api.key} / {@code HONEYCOMB_API_KEY}</td><td>none: Honeycomb refuses
 *       the events, which one warning at startup says</td></tr>
 *   <tr><td>{@code honeycomb.dataset} / {@code HONEYCOMB_DATASET}</td><td>the service name</td></tr>
 *   <tr><td>{@code honeycomb.api.endpoint} / {@code HONEYCOMB_API_ENDPOINT}</td>
 *       <td>{@code https://api.honeycomb.io}</td></tr>
 *   <tr><td>{@code honeycomb.timeout}: per request</td><td>10 s</td></tr>
 * </table>
 *
 * <p>Every event carries the sample rate the sampler implies, so that Honeycomb's counts stand for
 * all requests: {@code traceidratio} (also under a parent-based sampler) at ratio r sends {@code
 * round(1/r)}; every other sampler 1. Stateless; thread-safe.
 */
public final class HoneycombExporterFactory implements SpanExporterFactory {

  static final String API_KEY = "honeycomb.api.key";
  static final String DATASET = "honeycomb.dataset";
  static final String ENDPOINT = "honeycomb.api.endpoint";
  static final String TIMEOUT = "honeycomb.timeout";
  static final String DEFAULT_ENDPOINT = "https://api.honeycomb.io";
  static final long DEFAULT_TIMEOUT_MILLIS = 10_000;

  @Override
  public String name() {
    return "honeycomb";
  }

  @Override
  public SpanExporter create(ExporterContext context) {
    ConfigProperties config = context.config();
    String key = config.getString(API_KEY);
    if (key == null) {
      AgentLog.warn(
          "No Honeycomb API key: set HONEYCOMB_API_KEY or -D"
              + API_KEY
              + "; Honeycomb will refuse the events");
      key = "";
    }
    String dataset = config.getString(DATASET);
    if (dataset == null) {
      dataset = context.resource().serviceName();
    }
    URL base = ExporterSettings.url(config, ENDPOINT, DEFAULT_ENDPOINT);
    HttpPoster poster =
        HttpPoster.create(
            name(),
            batchUrl(base, dataset),
            Collections.singletonMap("X-Honeycomb-Team", key),
            "application/json",
            true,
            ExporterSettings.timeoutMillis(config, TIMEOUT, DEFAULT_TIMEOUT_MILLIS),
            RetryPolicy.DEFAULT,
            context.userAgent());
    return new HoneycombSpanExporter(
        new HoneycombEventEncoder(
            context.resource(), context.agentVersion(), sampleRate(context.sampler())),
        poster,
        dataset,
        context.exportTimeoutMillis(),
        RetryPolicy.DEFAULT,
        HoneycombSpanExporter.MAX_BATCH_BYTES);
  }

  /** {@code <base>/1/batch/<dataset>}, the dataset percent-encoded as one path segment. */
  static URL batchUrl(URL base, String dataset) {
    String path = base.getPath();
    String prefix = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    try {
      String segment = URLEncoder.encode(dataset, "UTF-8").replace("+", "%20");
      return new URL(base.getProtocol(), base.getHost(), base.getPort(), prefix + "/1/batch/" + segment);
    } catch (UnsupportedEncodingException | MalformedURLException e) {
      throw new IllegalStateException("cannot build the Honeycomb URL", e);
    }
  }

  /** The Honeycomb sample rate the sampler stands for: 1 in N traces kept. */
  static int sampleRate(Sampler sampler) {
    Sampler root = sampler instanceof ParentBasedSampler ? ((ParentBasedSampler) sampler).root() : sampler;
    if (root instanceof TraceIdRatioSampler) {
      double ratio = ((TraceIdRatioSampler) root).ratio();
      if (ratio > 0 && ratio < 1) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(1 / ratio)));
      }
    }
    return 1;
  }
}
