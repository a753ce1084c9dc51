package dev.weft.core.export;

import dev.weft.core.config.ConfigProperties;
import dev.weft.core.log.AgentLog;

/**
 * The bounds of the {@link BatchSpanProcessor}, read from the OpenTelemetry names ({@code
 * otel.bsp.*}) with the OpenTelemetry SDK's defaults. Immutable and thread-safe.
 *
 * <p>Bad values never fail: each is reported once by {@link ConfigProperties} or here, and the
 * default is used. A batch size larger than the queue is clamped to the queue size, as the SDK
 * specification asks: a batch can never hold more than the queue does.
 */
public final class BatchConfig {

  public static final String MAX_QUEUE_SIZE = "otel.bsp.max.queue.size";
  public static final String MAX_EXPORT_BATCH_SIZE = "otel.bsp.max.export.batch.size";
  public static final String SCHEDULE_DELAY = "otel.bsp.schedule.delay";
  public static final String EXPORT_TIMEOUT = "otel.bsp.export.timeout";

  public static final int DEFAULT_MAX_QUEUE_SIZE = 2048;
  public static final int DEFAULT_MAX_EXPORT_BATCH_SIZE = 512;
  public static final long DEFAULT_SCHEDULE_DELAY_MILLIS = 5000;
  public static final long DEFAULT_EXPORT_TIMEOUT_MILLIS = 30000;

  public static final BatchConfig DEFAULT =
      new BatchConfig(
          DEFAULT_MAX_QUEUE_SIZE,
          DEFAULT_MAX_EXPORT_BATCH_SIZE,
          DEFAULT_SCHEDULE_DELAY_MILLIS,
          DEFAULT_EXPORT_TIMEOUT_MILLIS);

  private final int maxQueueSize;
  private final int maxExportBatchSize;
  private final long scheduleDelayMillis;
  private final long exportTimeoutMillis;

  private BatchConfig(
      int maxQueueSize,
      int maxExportBatchSize,
      long scheduleDelayMillis,
      long exportTimeoutMillis) {
    this.maxQueueSize = maxQueueSize;
    this.maxExportBatchSize = maxExportBatchSize;
    this.scheduleDelayMillis = scheduleDelayMillis;
    this.exportTimeoutMillis = exportTimeoutMillis;
  }

  /**
   * Explicit values, for tests and programmatic setups.
   *
   * @throws IllegalArgumentException when a value is below 1 or the batch is larger than the
   *     queue
   */
  public static BatchConfig of(
      int maxQueueSize,
      int maxExportBatchSize,
      long scheduleDelayMillis,
      long exportTimeoutMillis) {
    if (maxQueueSize < 1
        || maxExportBatchSize < 1
        || maxExportBatchSize > maxQueueSize
        || scheduleDelayMillis < 1
        || exportTimeoutMillis < 1) {
      throw new IllegalArgumentException(
          "invalid batch config: queue "
              + maxQueueSize
              + ", batch "
              + maxExportBatchSize
              + ", delay "
              + scheduleDelayMillis
              + " ms, timeout "
              + exportTimeoutMillis
              + " ms");
    }
    return new BatchConfig(
        maxQueueSize, maxExportBatchSize, scheduleDelayMillis, exportTimeoutMillis);
  }

  /** Reads {@code otel.bsp.*}; never throws. */
  public static BatchConfig fromConfig(ConfigProperties config) {
    int queueSize = config.getInt(MAX_QUEUE_SIZE, DEFAULT_MAX_QUEUE_SIZE, 1);
    int batchSize = config.getInt(MAX_EXPORT_BATCH_SIZE, DEFAULT_MAX_EXPORT_BATCH_SIZE, 1);
    if (batchSize > queueSize) {
      boolean explicit = config.getString(MAX_EXPORT_BATCH_SIZE) != null;
      if (explicit) {
        AgentLog.warn(
            MAX_EXPORT_BATCH_SIZE
                + " ("
                + batchSize
                + ") is larger than "
                + MAX_QUEUE_SIZE
                + " ("
                + queueSize
                + "); using "
                + queueSize);
      }
      // Without an explicit batch size the default simply follows a small queue: no warning.
      batchSize = queueSize;
    }
    long delay = positiveMillis(config, SCHEDULE_DELAY, DEFAULT_SCHEDULE_DELAY_MILLIS);
    long timeout = positiveMillis(config, EXPORT_TIMEOUT, DEFAULT_EXPORT_TIMEOUT_MILLIS);
    return new BatchConfig(queueSize, batchSize, delay, timeout);
  }

  /**
   * A duration of at least 1 ms. Zero is refused rather than taken as "no wait" or "no limit":
   * a zero delay would make the worker spin, and an unlimited export would let one stuck
   * backend hold the queue forever.
   */
  private static long positiveMillis(ConfigProperties config, String name, long defaultMillis) {
    long millis = config.getDurationMillis(name, defaultMillis);
    if (millis < 1) {
      AgentLog.warn(
          "Invalid value '"
              + config.getString(name)
              + "' for "
              + name
              + " (expected a duration of at least 1 ms); using "
              + defaultMillis
              + "ms");
      return defaultMillis;
    }
    return millis;
  }

  public int maxQueueSize() {
    return maxQueueSize;
  }

  public int maxExportBatchSize() {
    return maxExportBatchSize;
  }

  public long scheduleDelayMillis() {
    return scheduleDelayMillis;
  }

  /**
   * How long one export may take, retries included. The processor calls exporters
   * synchronously, so this bound is enforced by the exporters themselves: pass it to them when
   * they are built.
   */
  public long exportTimeoutMillis() {
    return exportTimeoutMillis;
  }

  @Override
  public String toString() {
    return "BatchConfig{maxQueueSize="
        + maxQueueSize
        + ", maxExportBatchSize="
        + maxExportBatchSize
        + ", scheduleDelay="
        + scheduleDelayMillis
        + "ms, exportTimeout="
        + exportTimeoutMillis
        + "ms}";
  }
}
