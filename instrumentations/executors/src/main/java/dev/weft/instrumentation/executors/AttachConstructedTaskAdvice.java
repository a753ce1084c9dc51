package dev.weft.instrumentation.executors;

import net.bytebuddy.asm.Advice;

/**
 * Woven into the {@code ForkJoinTask} constructor: a fork/join task runs with the context it was
 * built in. That covers the tasks a pool builds around a submitted {@code Runnable} or {@code
 * Callable}, the subtasks a task forks (built while their parent runs with its context) and a
 * {@code CompletableFuture}'s asynchronous stages (built when the stage is declared).
 */
public final class AttachConstructedTaskAdvice {

  private AttachConstructedTaskAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void onExit(@Advice.This Object task) {
    TaskContexts.attachCurrent(task);
  }
}
