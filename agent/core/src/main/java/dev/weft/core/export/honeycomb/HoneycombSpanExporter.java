package dev.weft.core.export.honeycomb;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.weft.core.export.ExportResult;
import dev.weft.core.export.HttpPoster;
import dev.weft.core.export.RetryPolicy;
import dev.weft.core.export.SpanExporter;
import dev.weft.core.export.WarningLimiter;
import dev.weft.core.log.AgentLog;
import dev.weft.core.trace.SpanData;
import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Sends spans to Honeycomb's batch events API ({@code POST /1/batch/<dataset>}), one event per
 * span and per span event ({@link HoneycombEventEncoder}), through an {@link HttpPoster}: gzip,
 * the API key in {@code X-Honeycomb-Team}, and the retry rules of every HTTP exporter for the
 * request as a whole.
 *
 * <p>A batch whose body would exceed {@code maxBatchBytes} (Honeycomb's limit is 5 MB) is sent as
 * several requests, none of which is lost because another failed. Honeycomb answers a request
 * with one status per event, in order: 202 accepted; 429 and 5xx, which are sent again (alone,
 * after the {@link RetryPolicy} backoff, within the export timeout); anything else, which is
 * dropped. Events dropped in one export are reported in one warning, counted by status and
 * Honeycomb's reason, at most once a minute per kind.
 *
 * <p>The API key is only ever a request header: it is in no log line and not in {@link
 * #toString()}.
 *
 * <p>Thread-safety: {@link #export} is called by one thread at a time, as {@link SpanExporter}
 * promises; {@link #shutdown} may be called from any thread and cuts an export short.
 */
final class HoneycombSpanExporter implements SpanExporter {

  /** Honeycomb's documented maximum size of a batch request body (uncompressed). */
  static final int MAX_BATCH_BYTES = 5_000_000;

  private static final long WARNING_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
  private static final JsonFactory JSON = new JsonFactory();

  private final HoneycombEventEncoder encoder;
  private final HttpPoster poster;
  private final String dataset;
  private final long exportTimeoutNanos;
  private final RetryPolicy retryPolicy;
  private final int maxBatchBytes;
  private final WarningLimiter warnings = new WarningLimiter(WARNING_INTERVAL_NANOS);
  private volatile boolean shutdown;

  HoneycombSpanExporter(
      HoneycombEventEncoder encoder,
      HttpPoster poster,
      String dataset,
      long exportTimeoutMillis,
      RetryPolicy retryPolicy,
      int maxBatchBytes) {
    this.encoder = encoder;
    this.poster = poster;
    this.dataset = dataset;
    this.exportTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(exportTimeoutMillis);
    this.retryPolicy = retryPolicy;
    this.maxBatchBytes = maxBatchBytes;
  }

  @Override
  public ExportResult export(List<SpanData> spans) {
    if (shutdown) {
      return ExportResult.FAILURE;
    }
    if (spans.isEmpty()) {
      return ExportResult.SUCCESS;
    }
    long deadlineNanos = System.nanoTime() + exportTimeoutNanos;
    List<byte[]> events;
    try {
      events = encoder.encode(spans);
    } catch (Throwable t) {
      AgentLog.warn(
          "Could not encode " + spans.size() + " spans for " + describe() + "; dropped: " + t);
      return ExportResult.FAILURE;
    }
    Rejections rejections = new Rejections();
    boolean lostARequest = false;
    List<byte[]> pending = events;
    for (int attempt = 1; !pending.isEmpty(); attempt++) {
      List<byte[]> retry = new ArrayList<byte[]>();
      for (List<byte[]> chunk : chunks(pending)) {
        if (!send(chunk, deadlineNanos, retry, rejections)) {
          lostARequest = true; // the poster has said why
        }
      }
      pending = retry;
      if (pending.isEmpty()) {
        break;
      }
      long delayMillis = retryPolicy.delayMillis(attempt);
      long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
      if (attempt >= retryPolicy.maxAttempts()
          || delayMillis >= remainingMillis
          || !poster.pause(delayMillis)) {
        rejections.giveUp(pending.size());
        break;
      }
    }
    rejections.report(events.size());
    return lostARequest ? ExportResult.FAILURE : ExportResult.SUCCESS;
  }

  /** Splits events into request bodies of at most {@code maxBatchBytes}, in order. */
  List<List<byte[]>> chunks(List<byte[]> events) {
    List<List<byte[]>> chunks = new ArrayList<List<byte[]>>();
    List<byte[]> current = new ArrayList<byte[]>();
    long size = 2; // [ and ]
    for (byte[] event : events) {
      long added = event.length + (current.isEmpty() ? 0 : 1);
      if (!current.isEmpty() && size + added > maxBatchBytes) {
        chunks.add(current);
        current = new ArrayList<byte[]>();
        size = 2;
        added = event.length;
      }
      current.add(event);
      size += added;
    }
    if (!current.isEmpty()) {
      chunks.add(current);
    }
    return chunks;
  }

  /**
   * One request; events Honeycomb asks to have again go to {@code retry}.
   *
   * @return false when the request as a whole failed (its events are lost)
   */
  private boolean send(
      List<byte[]> chunk, long deadlineNanos, List<byte[]> retry, Rejections rejections) {
    byte[] body = HoneycombEventEncoder.jsonArray(chunk);
    HttpPoster.Outcome outcome = poster.post(body, chunk.size(), "events", deadlineNanos);
    if (!outcome.success()) {
      return false;
    }
    List<Status> statuses = parseStatuses(outcome.responseBody());
    if (statuses == null || statuses.size() != chunk.size()) {
      // Without one status per event there is no telling which were refused: count them sent.
      warn(
          "response",
          "Honeycomb's answer from "
              + describe()
              + " does not list one status per event ("
              + (statuses == null ? "unreadable" : statuses.size() + " for " + chunk.size())
              + "); counting the events as accepted");
      return true;
    }
    for (int i = 0; i < statuses.size(); i++) {
      Status status = statuses.get(i);
      if (status.code >= 200 && status.code < 300) {
        continue;
      }
      if (isRetryable(status.code)) {
        retry.add(chunk.get(i));
      } else {
        rejections.reject(status);
      }
    }
    return true;
  }

  /** Throttled or a server-side failure of that one event; anything else will not pass. */
  static boolean isRetryable(int status) {
    return status == 429 || (status >= 500 && status <= 599);
  }

  /** {@code [{"status":202},{"status":400,"error":"..."}]}, or null when it is not that. */
  static List<Status> parseStatuses(byte[] body) {
    try (JsonParser parser = JSON.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        return null;
      }
      List<Status> statuses = new ArrayList<Status>();
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.START_OBJECT) {
        int code = -1;
        String error = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.getCurrentName();
          JsonToken value = parser.nextToken();
          if ("status".equals(field) && value == JsonToken.VALUE_NUMBER_INT) {
            code = parser.getIntValue();
          } else if ("error".equals(field) && value == JsonToken.VALUE_STRING) {
            error = parser.getText();
          } else {
            parser.skipChildren();
          }
        }
        statuses.add(new Status(code, error));
      }
      return token == JsonToken.END_ARRAY ? statuses : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private void warn(String key, String message) {
    long suppressed = warnings.tryAcquire(key, System.nanoTime());
    if (suppressed < 0) {
      return;
    }
    AgentLog.warn(
        poster.redact(
            suppressed > 0
                ? message + " (" + suppressed + " more like this in the last minute)"
                : message));
  }

  private String describe() {
    return poster.description() + " dataset '" + dataset + "'";
  }

  @Override
  public String name() {
    return "honeycomb";
  }

  @Override
  public void shutdown() {
    shutdown = true;
    poster.shutdown();
  }

  /** Where the batches go: {@code <endpoint>/1/batch/<dataset>}. */
  URL endpoint() {
    return poster.endpoint();
  }

  @Override
  public String toString() {
    return "HoneycombSpanExporter{" + describe() + '}';
  }

  /** One event's status in Honeycomb's answer. */
  static final class Status {
    final int code;
    final String error;

    Status(int code, String error) {
      this.code = code;
      this.error = error;
    }
  }

  /** The events one export lost, by reason, for one warning. */
  private final class Rejections {
    private final Map<String, Integer> byReason = new LinkedHashMap<String, Integer>();
    private int total;

    void reject(Status status) {
      String error =
          status.error == null || status.error.isEmpty()
              ? ""
              : " '" + printable(status.error) + "'";
      count(status.code + error);
    }

    void giveUp(int events) {
      for (int i = 0; i < events; i++) {
        count("still refused as retryable when the export timeout or attempts ran out");
      }
    }

    private void count(String reason) {
      Integer n = byReason.get(reason);
      byReason.put(reason, n == null ? 1 : n + 1);
      total++;
    }

    void report(int events) {
      if (total == 0) {
        return;
      }
      StringBuilder message = new StringBuilder(160);
      message
          .append("Honeycomb rejected ")
          .append(total)
          .append(" of ")
          .append(events)
          .append(" events for ")
          .append(describe())
          .append(':');
      String separator = " ";
      for (Map.Entry<String, Integer> entry : byReason.entrySet()) {
        message.append(separator).append(entry.getValue()).append(" x ").append(entry.getKey());
        separator = ", ";
      }
      warn("rejected", message.toString());
    }
  }

  /** One line, at most 200 characters: a reason from the server cannot forge log lines. */
  static String printable(String text) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), 200));
    for (int i = 0; i < text.length() && out.length() < 200; i++) {
      char c = text.charAt(i);
      out.append(c < 0x20 || c == 0x7f ? ' ' : c);
    }
    return out.toString();
  }
}
