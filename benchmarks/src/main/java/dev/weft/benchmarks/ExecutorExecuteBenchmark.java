package dev.weft.benchmarks;

import dev.weft.api.Context;
import dev.weft.api.Scope;
import dev.weft.api.Span;
import dev.weft.api.SpanKind;
import dev.weft.api.Tracing;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The hand-off of a trivial task to a fixed {@link ThreadPoolExecutor}, measured in a JVM without
 * the agent ({@link ExecutorExecuteNoAgentBenchmark}) and in one with it ({@link
 * ExecutorExecuteAgentBenchmark}): the difference is what the executors instrumentation adds to
 * one {@code execute} or {@code submit}, i.e. attaching the submitter's context to the task, and
 * on the worker finding it, making it current around the task and restoring the worker's own.
 *
 * <p>One operation is one task handed over <em>and run</em>: an invocation executes {@value
 * #BATCH} tasks (each increments a shared counter) and then waits, spinning briefly and then
 * parked, until the pool's workers have run all of them; {@code @OperationsPerInvocation} makes
 * the figure per task. A single hand-off followed by a wait would measure the worker's wake-up
 * (microseconds), not the agent's share of it. Since the submitting thread and the workers
 * overlap, the figure is the pipeline's time per task, not the sum of the submitter's and the
 * worker's; on a machine with fewer cores than threads it approaches the CPU time of both. The
 * bytes ({@code -prof gc}) are counted over all threads, so they are the whole hand-off's.
 *
 * <p>Every hand-off is a new task object (16 bytes, in both forks), as a lambda capturing a
 * request's data is in an application: the agent keeps a task's context in a map keyed by the
 * task's identity, so one instance submitted over and over would skip most of its work.
 *
 * <p>{@code currentSpan}: {@code none} runs the batches with no context current on the submitting
 * thread; {@code sampled} with a sampled SERVER span of the agent's tracer current, as in a
 * request's handler (without the agent the API is a no-op and so is the span). Both forks run
 * with {@code otel.traces.exporter=none}; no span is started per task, so the export thread
 * idles.
 *
 * <p>One instance per fork and thread, with its own pool of {@code threads} workers (2 by default;
 * {@code -p threads=N} on a machine with more cores). Setup reports, on the fork's output, which
 * span a task sees as current on the worker, through {@code execute} and through {@code submit}:
 * the submitter's span means the agent propagates context that way; no span while one is current
 * means this fork measures an uninstrumented hand-off.
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
public abstract class ExecutorExecuteBenchmark {

  /** Tasks per invocation: enough that the final wait is a few ns per task. */
  static final int BATCH = 1000;

  /** {@code none}: no context current while submitting; {@code sampled}: a sampled span is. */
  @Param({"none", "sampled"})
  public String currentSpan;

  /** The pool's size (fixed: core = maximum). */
  @Param({"2"})
  public int threads;

  private ThreadPoolExecutor pool;
  private Batch batch;
  private Span parent;
  private Scope scope;

  @Setup
  public void setUp() throws InterruptedException {
    pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(threads, new WorkerFactory());
    pool.prestartAllCoreThreads();
    batch = new Batch(Thread.currentThread());

    if ("sampled".equals(currentSpan)) {
      parent =
          Tracing.tracer("dev.weft.benchmarks")
              .start("GET /bench", SpanKind.SERVER, Context.root());
      scope = Context.root().with(parent).makeCurrent();
    } else if (!"none".equals(currentSpan)) {
      throw new IllegalArgumentException("currentSpan is none or sampled, not " + currentSpan);
    }
    report();
  }

  /** Prints which span a task sees on the worker, so that a fork says what it measures. */
  private void report() throws InterruptedException {
    String submitting = Context.current().span().spanContext().spanIdHex();
    String viaExecute = spanSeenByTask(pool, false);
    String viaSubmit = spanSeenByTask(pool, true);
    if (!Tracing.isInstalled()) {
      if (Boolean.getBoolean(HttpClientCallBenchmark.EXPECT_AGENT)) {
        throw new IllegalStateException(
            "the agent did not start in this fork (see its output above): measuring nothing");
      }
      System.out.println("[weft benchmark] no agent: execute and submit are plain hand-offs");
    } else if (parent == null) {
      System.out.println("[weft benchmark] agent installed, no context current while submitting;"
          + " the task sees span '" + viaExecute + "' through execute, '" + viaSubmit
          + "' through submit (empty: none)");
    } else if (viaExecute.equals(submitting) && viaSubmit.equals(submitting)) {
      System.out.println("[weft benchmark] agent installed, current span " + submitting
          + " (recording: " + parent.isRecording() + ", sampled: "
          + parent.spanContext().isSampled() + ") is current in the task on the worker through"
          + " execute and submit: executors are instrumented");
    } else {
      System.out.println("[weft benchmark] agent installed, current span " + submitting
          + ", but the task on the worker sees '" + viaExecute + "' through execute, '"
          + viaSubmit + "' through submit (empty: none): where it is not the current span, the"
          + " executors instrumentation is not in this agent jar, and this fork measures an"
          + " uninstrumented hand-off");
    }
  }

  /**
   * Runs one task on {@code pool} through {@code execute} or {@code submit} and returns the hex id
   * of the span current in it on the worker (empty for none).
   */
  static String spanSeenByTask(ThreadPoolExecutor pool, boolean viaSubmit)
      throws InterruptedException {
    String[] seen = new String[1];
    CountDownLatch ran = new CountDownLatch(1);
    Runnable probe =
        () -> {
          Span span = Context.current().span();
          seen[0] = span.spanContext().isValid() ? span.spanContext().spanIdHex() : "";
          ran.countDown();
        };
    if (viaSubmit) {
      pool.submit(probe);
    } else {
      pool.execute(probe);
    }
    if (!ran.await(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the probe task did not run within 10 s");
    }
    return seen[0];
  }

  @TearDown
  public void tearDown() throws InterruptedException {
    if (scope != null) {
      scope.close();
    }
    if (parent != null) {
      parent.end();
    }
    if (pool != null) {
      pool.shutdown();
      if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the pool did not stop within 10 s");
      }
    }
  }

  /**
   * {@value #BATCH} {@link ThreadPoolExecutor#execute} of a new counting task, then waits until
   * all ran. Returns the number of tasks run so far.
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long execute() {
    Batch b = batch;
    long target = b.expect(BATCH);
    ThreadPoolExecutor p = pool;
    for (int i = 0; i < BATCH; i++) {
      p.execute(new Tick(b));
    }
    return b.await(target);
  }

  /**
   * {@value #BATCH} {@link ExecutorService#submit(Runnable)} of a new counting task (each in a
   * {@code FutureTask} the caller drops), then waits until all ran. Returns the number of tasks
   * run so far.
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long submit() {
    Batch b = batch;
    long target = b.expect(BATCH);
    ExecutorService p = pool;
    for (int i = 0; i < BATCH; i++) {
      p.submit(new Tick(b));
    }
    return b.await(target);
  }

  /** The trivial task: counts one run in its batch. Immutable. */
  static final class Tick implements Runnable {
    private final Batch batch;

    Tick(Batch batch) {
      this.batch = batch;
    }

    @Override
    public void run() {
      batch.ran();
    }
  }

  /**
   * Counts the tasks run; the run that completes a batch wakes the submitting thread.
   *
   * <p>Thread-safe: {@link #ran} runs concurrently on every worker; {@link #expect} and {@link
   * #await} are called by the one submitting thread, {@code expect} only when no task is pending.
   */
  static final class Batch {
    /** Spins before parking: short, since on two cores a spinning waiter slows the workers. */
    private static final int SPINS = 100;

    private final AtomicLong ran = new AtomicLong();
    private final Thread waiter;
    /**
     * The count at which the current batch is complete. Written before the batch's tasks are
     * submitted, so the queue's hand-off publishes it to the workers.
     */
    private volatile long target;

    Batch(Thread waiter) {
      this.waiter = waiter;
    }

    /** Starts a batch of {@code tasks}; returns the count that completes it. */
    long expect(int tasks) {
      long t = ran.get() + tasks;
      target = t;
      return t;
    }

    /** One task ran. */
    void ran() {
      // Exactly one run reaches the target: the previous batch had completed before this one
      // was submitted.
      if (ran.incrementAndGet() == target) {
        LockSupport.unpark(waiter);
      }
    }

    /** Waits until {@code target} runs happened; returns the count. */
    long await(long target) {
      int spins = 0;
      long count;
      while ((count = ran.get()) < target) {
        if (spins < SPINS) {
          spins++;
          Thread.onSpinWait();
        } else {
          // A stale permit or a spurious return only makes the loop check again.
          LockSupport.park(this);
        }
      }
      return count;
    }
  }

  /** Names the workers, so that a thread dump of a fork reads. */
  private static final class WorkerFactory implements ThreadFactory {
    private final AtomicInteger next = new AtomicInteger();

    @Override
    public Thread newThread(Runnable r) {
      Thread thread = new Thread(r, "weft-bench-worker-" + next.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }
}
