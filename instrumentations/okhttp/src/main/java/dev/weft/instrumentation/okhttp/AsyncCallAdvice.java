package dev.weft.instrumentation.okhttp;

import dev.weft.api.Scope;
import net.bytebuddy.asm.Advice;
import okhttp3.Callback;

/**
 * Woven into the method that runs an enqueued call on OkHttp's dispatcher thread ({@code
 * RealCall.AsyncCall.execute()} in 3.x, {@code run()} in 4.x): the context captured at {@code
 * enqueue} is current while the call and its callback run, whatever the dispatcher thread had.
 */
public final class AsyncCallAdvice {

  private AsyncCallAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static Scope onEnter(@Advice.FieldValue("responseCallback") Callback responseCallback) {
    return TracingCallback.attach(responseCallback);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void onExit(@Advice.Enter Scope scope) {
    TracingCallback.detach(scope);
  }
}
