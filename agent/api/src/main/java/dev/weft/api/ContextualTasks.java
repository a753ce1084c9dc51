package dev.weft.api;

import java.util.concurrent.Callable;

/**
 * Tasks bound to a context: running one makes the context current on the running thread for the
 * task's duration, then restores what that thread had.
 *
 * <p>Each is immutable and as thread-safe as the task it wraps; {@code toString()} is the task's,
 * so thread dumps and executor logs read as they did without the wrapper.
 */
final class ContextualTasks {

  private ContextualTasks() {}

  /** A runnable bound to a context. */
  static final class ContextualRunnable implements Runnable {
    private final Context context;
    private final Runnable task;

    ContextualRunnable(Context context, Runnable task) {
      if (task == null) {
        throw new NullPointerException("task");
      }
      this.context = context;
      this.task = task;
    }

    @Override
    public void run() {
      Scope scope = context.makeCurrent();
      try {
        task.run();
      } finally {
        scope.close();
      }
    }

    @Override
    public String toString() {
      return task.toString();
    }
  }

  /** A callable bound to a context. */
  static final class ContextualCallable<V> implements Callable<V> {
    private final Context context;
    private final Callable<V> task;

    ContextualCallable(Context context, Callable<V> task) {
      if (task == null) {
        throw new NullPointerException("task");
      }
      this.context = context;
      this.task = task;
    }

    @Override
    public V call() throws Exception {
      Scope scope = context.makeCurrent();
      try {
        return task.call();
      } finally {
        scope.close();
      }
    }

    @Override
    public String toString() {
      return task.toString();
    }
  }
}
