package dev.weft.core.export;

import dev.weft.api.AgentThread;
import dev.weft.core.log.AgentLog;
import dev.weft.core.trace.SpanData;
import dev.weft.core.trace.SpanProcessor;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Hands every ended span to each of several processors, one per exporter ({@code
 * otel.traces.exporter=otlp,zipkin}), so that each backend has its own queue and its own export
 * thread: a backend that is slow, down or rejecting fills and drops only its own queue, and never
 * delays or drops the spans of another.
 *
 * <p>{@link #onEnd} is one non-blocking offer per processor. {@link #forceFlush} and {@link
 * #shutdown} run on all processors at once (one short-lived {@link AgentThread} per processor
 * beyond the first), so the shared timeout is not used up by the slowest backend before the
 * others get their turn.
 *
 * <p>Thread-safe, as the processors are; {@link #shutdown} is idempotent.
 */
public final class FanOutSpanProcessor implements SpanProcessor {

  private final SpanProcessor[] processors;
  private final AtomicBoolean shutdown = new AtomicBoolean();

  private FanOutSpanProcessor(List<? extends SpanProcessor> processors) {
    this.processors = processors.toArray(new SpanProcessor[0]);
  }

  /**
   * A processor for {@code processors}; the processor itself when there is exactly one.
   *
   * @throws IllegalArgumentException when {@code processors} is empty
   */
  public static SpanProcessor of(List<? extends SpanProcessor> processors) {
    if (processors.isEmpty()) {
      throw new IllegalArgumentException("no span processors");
    }
    return processors.size() == 1 ? processors.get(0) : new FanOutSpanProcessor(processors);
  }

  @Override
  public void onEnd(SpanData span) {
    for (SpanProcessor processor : processors) {
      processor.onEnd(span);
    }
  }

  /** Flushes every processor at once; true when all exported everything in time. */
  @Override
  public boolean forceFlush(final long timeoutMillis) {
    return onAllAtOnce(
        "flush",
        timeoutMillis,
        new Action() {
          @Override
          public boolean run(SpanProcessor processor) {
            return processor.forceFlush(timeoutMillis);
          }
        });
  }

  /** Shuts every processor down at once, each bounded by {@code timeoutMillis}. Idempotent. */
  @Override
  public void shutdown(final long timeoutMillis) {
    if (!shutdown.compareAndSet(false, true)) {
      return;
    }
    onAllAtOnce(
        "shutdown",
        timeoutMillis,
        new Action() {
          @Override
          public boolean run(SpanProcessor processor) {
            processor.shutdown(timeoutMillis);
            return true;
          }
        });
  }

  /**
   * Runs {@code action} on every processor concurrently: the first on the calling thread, the
   * others on threads of their own, and waits for them until {@code timeoutMillis} (plus a
   * moment for their own bounded returns) has passed.
   */
  private boolean onAllAtOnce(String what, long timeoutMillis, final Action action) {
    Runner[] runners = new Runner[processors.length - 1];
    for (int i = 1; i < processors.length; i++) {
      Runner runner = new Runner(processors[i], action);
      runners[i - 1] = runner;
      AgentThread thread = new AgentThread("weft-span-" + what + '-' + i, runner);
      runner.thread = thread;
      thread.start();
    }
    boolean success = runSafely(processors[0], action);
    // Each processor bounds its own work by the timeout; the margin lets it return.
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMillis));
    for (Runner runner : runners) {
      try {
        long leftMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        runner.thread.join(Math.max(1, leftMillis) + 100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      success &= runner.done && runner.success;
    }
    return success;
  }

  private static boolean runSafely(SpanProcessor processor, Action action) {
    try {
      return action.run(processor);
    } catch (Throwable t) {
      AgentLog.warn("Span processor " + processor + " failed", t);
      return false;
    }
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("FanOutSpanProcessor[");
    for (int i = 0; i < processors.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(processors[i]);
    }
    return sb.append(']').toString();
  }

  /** What {@link #onAllAtOnce} does to each processor. */
  private interface Action {
    boolean run(SpanProcessor processor);
  }

  /** Runs the action on one processor on a thread of its own. */
  private static final class Runner implements Runnable {
    private final SpanProcessor processor;
    private final Action action;
    Thread thread;
    volatile boolean done;
    volatile boolean success;

    Runner(SpanProcessor processor, Action action) {
      this.processor = processor;
      this.action = action;
    }

    @Override
    public void run() {
      success = runSafely(processor, action);
      done = true;
    }
  }
}
