package dev.weft.instrumentation.executors;

import dev.weft.api.Context;

/** What a new virtual thread runs: its task, bound to the creating thread's context. Stateless. */
public final class VirtualThreadTasks {

  private VirtualThreadTasks() {}

  /** {@code task} bound to the current context; {@code task} itself outside any trace. */
  public static Runnable wrap(Runnable task) {
    Context current = Context.current();
    return current == Context.root() || task == null ? task : current.wrap(task);
  }
}
