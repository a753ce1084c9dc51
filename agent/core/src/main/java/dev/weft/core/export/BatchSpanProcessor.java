package dev.weft.core.export;

import dev.weft.api.AgentThread;
import dev.weft.core.log.AgentLog;
import dev.weft.core.trace.SpanData;
import dev.weft.core.trace.SpanProcessor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Collects ended spans in a bounded queue and hands them, in batches, to one or more exporters
 * on a single background thread.
 *
 * <p>Application threads only ever call {@link #onEnd}: one lock-free offer to the queue, which
 * never blocks and never allocates. When the queue is full the span is dropped and counted. The
 * worker thread ({@code weft-span-exporter}, an {@link AgentThread} so that instrumentations
 * never trace the export's own HTTP calls; its name ends with the exporters' names, e.g. {@code
 * weft-span-exporter-otlp}) exports a batch as soon as {@code
 * maxExportBatchSize} spans are waiting, or when {@code scheduleDelay} has passed since the last
 * export, whichever comes first. Application threads wake the worker only when the queue
 * reaches the number of spans it is waiting for, so the common {@code onEnd} does no more than
 * the offer and one volatile read.
 *
 * <p>Every exporter receives every batch, one after the other, on the worker thread only; one
 * that fails or throws does not stop the others, nor the worker. A batch counts as exported when
 * every exporter accepted it, else its spans count as dropped ("export failed"). The batch list
 * passed to {@link SpanExporter#export} is reused: exporters must not keep it after returning.
 * The export timeout is enforced by the exporters (they are synchronous), not here.
 *
 * <p>Drops are summed up in one warning at most once per minute while they happen, and once
 * more at shutdown, never one line per span.
 *
 * <p>Thread-safe. {@link #forceFlush} and {@link #shutdown} may be called from any thread;
 * {@link #shutdown} is idempotent, and spans ended after it are dropped silently (still
 * counted).
 */
public final class BatchSpanProcessor implements SpanProcessor {

  static final String WORKER_NAME = "weft-span-exporter";

  private static final long DEFAULT_REPORT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(60);

  /** {@link #spansNeeded} when the worker is not waiting for spans: no producer wakes it. */
  private static final int NOT_WAITING = Integer.MAX_VALUE;

  private static final long ERROR_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final MpscArrayQueue<SpanData> queue;
  private final SpanExporter[] exporters;
  private final BatchConfig config;
  private final long scheduleDelayNanos;
  private final long reportIntervalNanos;
  private final AgentThread worker;
  /** The exporters' names, e.g. {@code otlp}, for the worker's name and the drop reports. */
  private final String exporterNames;

  /**
   * How many queued spans make the worker export; {@link #NOT_WAITING} unless it is parked. The
   * worker writes it before it parks and producers read it after they offer: both are volatile,
   * so either the worker sees the new span or the producer sees the worker waiting.
   */
  private final AtomicInteger spansNeeded = new AtomicInteger(NOT_WAITING);

  private final ConcurrentLinkedQueue<FlushRequest> flushRequests =
      new ConcurrentLinkedQueue<FlushRequest>();
  private final AtomicBoolean shutdownStarted = new AtomicBoolean();

  /** Set at shutdown: {@link #onEnd} drops from now on. */
  private volatile boolean stopped;

  /** Cleared at shutdown, after the final flush: the worker leaves its loop. */
  private volatile boolean running = true;

  /** Spans the queue took: each ends up exported, dropped as export failed, or unsent. */
  private final LongAdder queued = new LongAdder();
  private final LongAdder droppedQueueFull = new LongAdder();
  private final LongAdder droppedAfterShutdown = new LongAdder();
  private final AtomicLong droppedExportFailed = new AtomicLong();
  private final AtomicLong exported = new AtomicLong();

  /** At most one line a minute per exporter and exception type. */
  private final WarningLimiter exporterWarnings = new WarningLimiter(TimeUnit.MINUTES.toNanos(1));

  // Worker thread only.
  private final ArrayList<SpanData> batch;
  private final List<SpanData> batchView;

  // Drop reports; guarded by reportLock (the worker and the shutdown caller both report).
  private final Object reportLock = new Object();
  private long lastReportNanos;
  private long quietSinceNanos;
  private long reportedQueueFull;
  private long reportedExportFailed;

  private BatchSpanProcessor(
      List<SpanExporter> exporters, BatchConfig config, long reportIntervalNanos) {
    this.exporters = exporters.toArray(new SpanExporter[0]);
    this.config = config;
    this.queue = new MpscArrayQueue<SpanData>(config.maxQueueSize());
    this.scheduleDelayNanos = TimeUnit.MILLISECONDS.toNanos(config.scheduleDelayMillis());
    this.reportIntervalNanos = reportIntervalNanos;
    this.batch = new ArrayList<SpanData>(config.maxExportBatchSize());
    this.batchView = Collections.unmodifiableList(batch);
    long now = System.nanoTime();
    // The first drops are reported as soon as the worker sees them; later ones once a minute.
    this.lastReportNanos = now - reportIntervalNanos;
    this.quietSinceNanos = now;
    StringBuilder names = new StringBuilder();
    for (SpanExporter exporter : this.exporters) {
      names.append(names.length() == 0 ? "" : ",").append(exporter.name());
    }
    this.exporterNames = names.toString();
    this.worker = new AgentThread(WORKER_NAME + '-' + exporterNames, new Worker());
  }

  /** A processor that exports to {@code exporter}; its worker thread is running on return. */
  public static BatchSpanProcessor create(SpanExporter exporter, BatchConfig config) {
    return create(Collections.singletonList(exporter), config);
  }

  /**
   * A processor that gives every batch to each of {@code exporters} in turn (e.g. {@code
   * otel.traces.exporter=otlp,console}); its worker thread is running on return.
   */
  public static BatchSpanProcessor create(List<SpanExporter> exporters, BatchConfig config) {
    return create(exporters, config, DEFAULT_REPORT_INTERVAL_NANOS);
  }

  /** As {@link #create(List, BatchConfig)}, with the interval between drop reports; for tests. */
  static BatchSpanProcessor create(
      List<SpanExporter> exporters, BatchConfig config, long reportIntervalNanos) {
    for (SpanExporter exporter : exporters) {
      if (exporter == null) {
        throw new NullPointerException("exporter");
      }
    }
    BatchSpanProcessor processor = new BatchSpanProcessor(exporters, config, reportIntervalNanos);
    processor.worker.start();
    return processor;
  }

  @Override
  public void onEnd(SpanData span) {
    if (stopped) {
      droppedAfterShutdown.increment();
      return;
    }
    if (!queue.offer(span)) {
      droppedQueueFull.increment();
      return;
    }
    queued.increment();
    int needed = spansNeeded.get();
    if (needed != NOT_WAITING
        && queue.size() >= needed
        && spansNeeded.compareAndSet(needed, NOT_WAITING)) {
      // Only the one producer that wins the CAS pays for the wake-up.
      LockSupport.unpark(worker);
    }
  }

  /**
   * Exports every span queued before this call, waiting at most {@code timeoutMillis}.
   *
   * @return whether all of them were accepted by every exporter in time
   */
  @Override
  public boolean forceFlush(long timeoutMillis) {
    if (!running) {
      return queue.isEmpty();
    }
    FlushRequest request = new FlushRequest();
    flushRequests.add(request);
    LockSupport.unpark(worker);
    if (!running && flushRequests.remove(request)) {
      // The worker stopped in between and will not serve the request.
      return queue.isEmpty();
    }
    return request.await(timeoutMillis);
  }

  /**
   * Stops taking spans, exports what is queued (bounded by {@code timeoutMillis}), stops the
   * worker, shuts the exporters down, and reports the drops not reported yet. Later calls do
   * nothing.
   */
  @Override
  public void shutdown(long timeoutMillis) {
    if (!shutdownStarted.compareAndSet(false, true)) {
      return;
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMillis));
    stopped = true;
    forceFlush(timeoutMillis);
    running = false;
    LockSupport.unpark(worker);
    try {
      long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      // join(0) would wait forever.
      worker.join(Math.max(1, remainingMillis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (SpanExporter exporter : exporters) {
      try {
        exporter.shutdown();
      } catch (Throwable t) {
        AgentLog.warn("Exporter " + exporter.name() + " failed to shut down", t);
      }
    }
    reportDrops(System.nanoTime(), true);
  }

  /**
   * Spans taken but neither exported nor failed: waiting in the queue or the worker's batch, or
   * in an export still under way. After shutdown these are the spans that were not sent.
   */
  private long unsent() {
    // Queued first: a batch that completes meanwhile then counts as resolved, never twice.
    long taken = queued.sum();
    return Math.max(0, taken - exported.get() - droppedExportFailed.get());
  }

  /** Spans dropped so far: queue full, export failed, or ended after shutdown. */
  public long droppedSpans() {
    return droppedQueueFull.sum() + droppedExportFailed.get() + droppedAfterShutdown.sum();
  }

  /** Spans every exporter has accepted so far. */
  public long exportedSpans() {
    return exported.get();
  }

  /**
   * What became of the spans this processor was given, by cause, for the agent's summary line:
   * {@code otlp: 98 exported, 2 dropped (queue full: 0, export failed: 2, unsent at shutdown: 0,
   * ended after shutdown: 0)}. Before shutdown the spans still on their way are {@code waiting},
   * not dropped.
   */
  public String countsSummary() {
    boolean atShutdown = shutdownStarted.get();
    long queueFull = droppedQueueFull.sum();
    long exportFailed = droppedExportFailed.get();
    long afterShutdown = droppedAfterShutdown.sum();
    long unsent = unsent();
    long dropped = queueFull + exportFailed + afterShutdown + (atShutdown ? unsent : 0);
    return exporterNames
        + ": "
        + exported.get()
        + " exported, "
        + dropped
        + " dropped (queue full: "
        + queueFull
        + ", export failed: "
        + exportFailed
        + (atShutdown ? ", unsent at shutdown: " : ", waiting: ")
        + unsent
        + ", ended after shutdown: "
        + afterShutdown
        + ")";
  }

  public BatchConfig config() {
    return config;
  }

  /** Whether the worker thread is alive; for tests. */
  boolean isWorkerAlive() {
    return worker.isAlive();
  }

  /** The worker's loop; runs on {@link #worker} only. */
  private void work() {
    long nextExportNanos = System.nanoTime() + scheduleDelayNanos;
    while (running) {
      try {
        if (!flushRequests.isEmpty()) {
          serveFlushRequests();
          nextExportNanos = System.nanoTime() + scheduleDelayNanos;
        } else {
          fillBatch();
          long now = System.nanoTime();
          if (batch.size() >= config.maxExportBatchSize() || now - nextExportNanos >= 0) {
            exportBatch();
            nextExportNanos = System.nanoTime() + scheduleDelayNanos;
          } else {
            waitForSpans(nextExportNanos - now);
          }
        }
        reportDrops(System.nanoTime(), false);
      } catch (Throwable t) {
        // A bug of ours must not end exporting for the life of the JVM.
        AgentLog.warnOnce("bsp.worker." + t.getClass().getName(), "Span export worker error", t);
        // Should the error repeat, do not spin a core on it.
        LockSupport.parkNanos(this, ERROR_PAUSE_NANOS);
      }
    }
    // Whoever still waits for a flush learns that it did not happen.
    FlushRequest request;
    while ((request = flushRequests.poll()) != null) {
      request.complete(false);
    }
  }

  /** Moves queued spans into the batch until it is full or the queue is empty. */
  private void fillBatch() {
    int max = config.maxExportBatchSize();
    while (batch.size() < max) {
      SpanData span = queue.poll();
      if (span == null) {
        return;
      }
      batch.add(span);
    }
  }

  /** Parks until enough spans for a batch are queued, a flush or shutdown asks, or time is up. */
  private void waitForSpans(long nanos) {
    int needed = config.maxExportBatchSize() - batch.size();
    spansNeeded.set(needed);
    // Checked after publishing spansNeeded, so that a span offered meanwhile is not missed.
    if (queue.size() < needed && flushRequests.isEmpty() && running) {
      LockSupport.parkNanos(this, nanos);
    }
    spansNeeded.set(NOT_WAITING);
    if (Thread.interrupted()) {
      // Someone interrupted every thread (an application server undeploying, say). Only
      // shutdown() stops the worker; clearing the flag keeps parkNanos from returning at once.
      AgentLog.debug(worker.getName() + " was interrupted; it keeps running until shutdown");
    }
  }

  /** Exports the spans queued now (not those that arrive meanwhile) and answers the requests. */
  private void serveFlushRequests() {
    List<FlushRequest> requests = new ArrayList<FlushRequest>(2);
    FlushRequest request;
    while ((request = flushRequests.poll()) != null) {
      requests.add(request);
    }
    boolean success = true;
    int toTake = queue.size();
    int max = config.maxExportBatchSize();
    for (int i = 0; i < toTake; i++) {
      SpanData span = queue.poll();
      if (span == null) {
        break;
      }
      batch.add(span);
      if (batch.size() >= max) {
        success &= exportBatch();
      }
    }
    success &= exportBatch();
    for (int i = 0; i < requests.size(); i++) {
      requests.get(i).complete(success);
    }
  }

  /**
   * Gives the batch to every exporter and clears it, whatever happens.
   *
   * @return whether every exporter accepted it (true for an empty batch)
   */
  private boolean exportBatch() {
    int count = batch.size();
    if (count == 0) {
      return true;
    }
    boolean success = true;
    try {
      for (SpanExporter exporter : exporters) {
        success &= exportTo(exporter);
      }
    } finally {
      batch.clear();
    }
    if (success) {
      exported.addAndGet(count);
    } else {
      droppedExportFailed.addAndGet(count);
    }
    return success;
  }

  private boolean exportTo(SpanExporter exporter) {
    try {
      return exporter.export(batchView) == ExportResult.SUCCESS;
    } catch (Throwable t) {
      if (exporterWarnings.tryAcquire(
              exporter.name() + ':' + t.getClass().getName(), System.nanoTime())
          >= 0) {
        AgentLog.warn(
            "Exporter " + exporter.name() + " threw; its batch is dropped and exporting goes on",
            t);
      }
      return false;
    }
  }

  /**
   * Logs one line summing up the drops since the last report: at most once per report
   * interval, and at shutdown whatever was not reported yet.
   */
  private void reportDrops(long now, boolean atShutdown) {
    synchronized (reportLock) {
      long queueFull = droppedQueueFull.sum();
      long exportFailed = droppedExportFailed.get();
      long newQueueFull = queueFull - reportedQueueFull;
      long newExportFailed = exportFailed - reportedExportFailed;
      long unsent = atShutdown ? unsent() : 0;
      if (newQueueFull == 0 && newExportFailed == 0 && unsent == 0) {
        quietSinceNanos = now;
        return;
      }
      if (!atShutdown && now - lastReportNanos < reportIntervalNanos) {
        return;
      }
      long windowStart = Math.max(lastReportNanos, quietSinceNanos);
      long seconds = Math.max(1, (now - windowStart + 999_999_999L) / 1_000_000_000L);
      StringBuilder message = new StringBuilder(160);
      message
          .append("Dropped ")
          .append(newQueueFull + newExportFailed + unsent)
          .append(" spans for ")
          .append(exporterNames)
          .append(" in the last ")
          .append(seconds)
          .append(" s (queue full: ")
          .append(newQueueFull)
          .append(", export failed: ")
          .append(newExportFailed);
      if (atShutdown) {
        message.append(", unsent at shutdown: ").append(unsent);
      }
      message.append(')');
      if (newQueueFull > 0) {
        message
            .append("; ")
            .append(BatchConfig.MAX_QUEUE_SIZE)
            .append(" is ")
            .append(config.maxQueueSize());
      }
      AgentLog.warn(message.toString());
      reportedQueueFull = queueFull;
      reportedExportFailed = exportFailed;
      lastReportNanos = now;
      quietSinceNanos = now;
    }
  }

  @Override
  public String toString() {
    return "BatchSpanProcessor{" + config + ", exporters=" + exporterNames + '}';
  }

  /** The worker thread's task; a named class rather than a lambda for readable stack traces. */
  private final class Worker implements Runnable {
    @Override
    public void run() {
      work();
    }
  }

  /** One caller of {@link #forceFlush} waiting for the worker. */
  private static final class FlushRequest {
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean success;

    void complete(boolean result) {
      success = result;
      done.countDown();
    }

    boolean await(long timeoutMillis) {
      try {
        return done.await(Math.max(0, timeoutMillis), TimeUnit.MILLISECONDS) && success;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }
}
