package dev.weft.instrumentation.okhttp;

import net.bytebuddy.asm.Advice;
import okhttp3.Callback;

/**
 * Woven into {@code RealCall.enqueue(Callback)}: hands OkHttp a {@link TracingCallback} that
 * carries the caller's current context to the dispatcher thread and calls the application's
 * callback exactly as OkHttp would have.
 */
public final class EnqueueAdvice {

  private EnqueueAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void onEnter(
      @Advice.Argument(value = 0, readOnly = false) Callback responseCallback) {
    responseCallback = TracingCallback.wrap(responseCallback);
  }
}
