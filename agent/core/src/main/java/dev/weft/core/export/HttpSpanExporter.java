package dev.weft.core.export;

import dev.weft.core.log.AgentLog;
import dev.weft.core.resource.Resource;
import dev.weft.core.trace.SpanData;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Sends each batch as the body of one HTTP POST, in the format of a {@link SpanBatchEncoder},
 * through an {@link HttpPoster} and so with its retry rules (those of the OTLP/HTTP
 * specification), its time bounds and its warnings. The exporter of every protocol that posts a
 * batch and needs nothing from the answer but its status: OTLP/HTTP, Zipkin.
 *
 * <p>Thread-safety: {@link #export} is called by one thread at a time, as {@link SpanExporter}
 * promises; {@link #shutdown} may be called from any thread, also during an export, which it
 * cuts short. Never throws from {@link #export}.
 */
public final class HttpSpanExporter implements SpanExporter {

  private final String name;
  private final SpanBatchEncoder encoder;
  private final Resource resource;
  private final long exportTimeoutNanos;
  private final HttpPoster poster;

  private HttpSpanExporter(Builder builder) {
    this.name = builder.name;
    this.encoder = builder.encoder;
    this.resource = builder.resource;
    this.exportTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(builder.exportTimeoutMillis);
    this.poster =
        new HttpPoster(
            builder.name,
            builder.endpoint,
            builder.headers,
            builder.encoder.contentType(),
            builder.gzip,
            builder.requestTimeoutMillis,
            builder.retryPolicy,
            builder.userAgent,
            builder.sleeper);
  }

  /**
   * A builder.
   *
   * @param name the exporter's short name for logs, e.g. {@code otlp}
   * @param endpoint the full URL the batches are posted to, e.g. {@code
   *     http://localhost:4318/v1/traces}
   */
  public static Builder builder(
      String name, URL endpoint, SpanBatchEncoder encoder, Resource resource) {
    return new Builder(name, endpoint, encoder, resource);
  }

  @Override
  public ExportResult export(List<SpanData> spans) {
    if (spans.isEmpty()) {
      return ExportResult.SUCCESS;
    }
    long deadlineNanos = System.nanoTime() + exportTimeoutNanos;
    byte[] body;
    try {
      body = encoder.encode(resource, spans);
    } catch (Throwable t) {
      // Encoders promise not to throw; should one do so anyway, drop the batch, not the thread.
      AgentLog.warn(
          "Could not encode "
              + spans.size()
              + " spans for "
              + poster.description()
              + "; they are dropped: "
              + t);
      return ExportResult.FAILURE;
    }
    return poster.post(body, spans.size(), "spans", deadlineNanos).success()
        ? ExportResult.SUCCESS
        : ExportResult.FAILURE;
  }

  @Override
  public String name() {
    return name;
  }

  /** Makes every later export fail at once and cuts short the one in progress. Idempotent. */
  @Override
  public void shutdown() {
    poster.shutdown();
  }

  public URL endpoint() {
    return poster.endpoint();
  }

  @Override
  public String toString() {
    return "HttpSpanExporter{" + poster.description() + (poster.gzip() ? ", gzip" : "") + '}';
  }

  /** Settings of an {@link HttpSpanExporter}; not thread-safe, build once. */
  public static final class Builder {
    private final String name;
    private final URL endpoint;
    private final SpanBatchEncoder encoder;
    private final Resource resource;
    private Map<String, String> headers = Collections.emptyMap();
    private boolean gzip;
    private long requestTimeoutMillis = 10_000;
    private long exportTimeoutMillis = BatchConfig.DEFAULT_EXPORT_TIMEOUT_MILLIS;
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
    private String userAgent = "weft-agent";
    private HttpPoster.Sleeper sleeper;

    private Builder(String name, URL endpoint, SpanBatchEncoder encoder, Resource resource) {
      if (name == null || endpoint == null || encoder == null || resource == null) {
        throw new NullPointerException("name, endpoint, encoder and resource are required");
      }
      this.name = name;
      this.endpoint = endpoint;
      this.encoder = encoder;
      this.resource = resource;
    }

    /** Extra request headers, e.g. an API key. Content-Type and Content-Encoding are ours. */
    public Builder headers(Map<String, String> headers) {
      this.headers = headers;
      return this;
    }

    /** Whether bodies are gzip-compressed; off by default. */
    public Builder gzip(boolean gzip) {
      this.gzip = gzip;
      return this;
    }

    /** Connect and read timeout of one request; 10 s by default. */
    public Builder requestTimeoutMillis(long millis) {
      this.requestTimeoutMillis = Math.max(1, millis);
      return this;
    }

    /** The most one export may take, retries included; 30 s by default. */
    public Builder exportTimeoutMillis(long millis) {
      this.exportTimeoutMillis = Math.max(1, millis);
      return this;
    }

    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = retryPolicy;
      return this;
    }

    /** The {@code User-Agent} header, e.g. {@code weft-agent/1.0.0}. */
    public Builder userAgent(String userAgent) {
      this.userAgent = userAgent;
      return this;
    }

    /** Replaces the waits between attempts; for tests. */
    Builder sleeper(HttpPoster.Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    public HttpSpanExporter build() {
      return new HttpSpanExporter(this);
    }
  }
}
