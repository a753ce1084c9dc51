package dev.weft.instrumentation.servlet.javax;

import javax.servlet.AsyncContext;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code javax.servlet.AsyncContext.start(Runnable)} implementations: the container
 * runs the task bound to the request's context, so that what it does stays in the request's trace.
 */
public final class JavaxAsyncStartAdvice {

  private JavaxAsyncStartAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void onEnter(
      @Advice.This AsyncContext asyncContext,
      @Advice.Argument(value = 0, readOnly = false) Runnable task) {
    task = JavaxServletAccessor.bindAsyncTask(asyncContext, task);
  }
}
