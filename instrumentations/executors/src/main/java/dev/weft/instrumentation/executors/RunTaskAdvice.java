package dev.weft.instrumentation.executors;

import dev.weft.api.Scope;
import net.bytebuddy.asm.Advice;

/**
 * Woven into the methods where a task starts to run ({@code ForkJoinTask.doExec}, and {@code
 * run} of a {@code CompletableFuture}'s asynchronous tasks, which any executor may call): the
 * task's attached context is current until it returns or throws.
 */
public final class RunTaskAdvice {

  private RunTaskAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static Scope onEnter(@Advice.This Object task) {
    return TaskContexts.enter(task);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void onExit(@Advice.Enter Scope scope) {
    TaskContexts.exit(scope);
  }
}
