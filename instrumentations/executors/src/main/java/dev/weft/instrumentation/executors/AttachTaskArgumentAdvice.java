package dev.weft.instrumentation.executors;

import net.bytebuddy.asm.Advice;

/**
 * Woven into the methods that hand a task to an executor ({@code ThreadPoolExecutor.execute},
 * {@code ScheduledThreadPoolExecutor.delayedExecute}, {@code ForkJoinPool.execute/submit/invoke}
 * of a {@code ForkJoinTask}): the task, the first argument, runs with the submitter's context.
 */
public final class AttachTaskArgumentAdvice {

  private AttachTaskArgumentAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void onEnter(@Advice.Argument(0) Object task) {
    TaskContexts.attachCurrent(task);
  }
}
