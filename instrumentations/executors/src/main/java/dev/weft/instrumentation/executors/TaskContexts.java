package dev.weft.instrumentation.executors;

import dev.weft.api.Context;
import dev.weft.api.Scope;
import dev.weft.api.internal.WeakIdentityMap;
import java.util.concurrent.RunnableScheduledFuture;

/**
 * The context each submitted task is to run with, from the moment it is handed over (or built)
 * until it starts to run: attached on the submitting thread, made current on the running one.
 *
 * <p>Tasks are keyed by identity and held weakly, so a task that is never run (cancelled,
 * rejected, dropped by {@code shutdownNow}) costs nothing once the application lets go of it;
 * its entry, and the context it holds, go at a later attach. A context is attached only when one
 * is current (not the root), so work submitted outside any trace costs one thread-local read.
 * Running a task takes its context out again, except a periodic task, which runs once per
 * period with the context it was scheduled in.
 *
 * <p>Called from code woven into JDK classes, so loaded by the bootstrap class loader.
 * Thread-safe.
 */
public final class TaskContexts {

  private static final WeakIdentityMap<Object, Context> CONTEXTS =
      new WeakIdentityMap<Object, Context>();

  private TaskContexts() {}

  /**
   * On the submitting thread: {@code task} will run with the current context, if any, unless it
   * already has one. The first attachment wins because a task can pass through several hand-overs
   * before it runs, and the first is where the application declared it: a {@code
   * CompletableFuture} stage is built when the application chains it, and only submitted to its
   * executor later, by whichever thread completes the stage before it.
   */
  public static void attachCurrent(Object task) {
    Context current = Context.current();
    if (current != Context.root() && task != null) {
      CONTEXTS.putIfAbsent(task, current);
    }
  }

  /**
   * On the running thread, as {@code task} starts: makes its context current. Returns the scope
   * to close when it ends, or null when no context was attached to it (the thread's own context
   * then stays current: a task run inline by its submitter, for one, is already in its trace).
   */
  public static Scope enter(Object task) {
    if (CONTEXTS.isEmpty()) {
      // Nothing traced is in flight: no lookup, whose first identity hash of a new task object
      // costs a call into the JVM.
      return null;
    }
    Context context = isPeriodic(task) ? CONTEXTS.get(task) : CONTEXTS.remove(task);
    return context == null ? null : context.makeCurrent();
  }

  /** As the task that {@link #enter} returned {@code scope} for ends, normally or not. */
  public static void exit(Scope scope) {
    if (scope != null) {
      scope.close();
    }
  }

  /**
   * Runs a pool worker's task with its context: what {@code ThreadPoolExecutor}'s worker loop
   * calls instead of {@code task.run()}, so that the task object the pool queues, and hands to
   * {@code beforeExecute}, {@code afterExecute} and {@code shutdownNow}'s list, is the
   * application's own.
   */
  public static void runOnWorker(Runnable task) {
    Scope scope = enter(task);
    try {
      task.run();
    } finally {
      exit(scope);
    }
  }

  /** The number of tasks with a context attached, those found collected excluded. */
  public static int attachedCount() {
    return CONTEXTS.size();
  }

  private static boolean isPeriodic(Object task) {
    return task instanceof RunnableScheduledFuture
        && ((RunnableScheduledFuture<?>) task).isPeriodic();
  }
}
