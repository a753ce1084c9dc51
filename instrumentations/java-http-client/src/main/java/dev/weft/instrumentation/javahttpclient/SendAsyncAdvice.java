package dev.weft.instrumentation.javahttpclient;

import dev.weft.instrumentation.http.ClientCall;
import java.net.http.HttpRequest;
import java.util.concurrent.CompletableFuture;
import net.bytebuddy.asm.Advice;

/**
 * Woven into both public {@code jdk.internal.net.http.HttpClientImpl.sendAsync} overloads: the
 * span starts at the call and ends when the returned future completes; the request the client
 * sends is a copy that carries the span's context. The returned future is the JDK's own.
 *
 * <p>Never loaded: its bytes are inlined into {@code HttpClientImpl}. Free of branches on
 * purpose: a branch needs a stack map frame, and the one the build's shrinker writes marks the
 * request argument dead after its last use, which Byte Buddy refuses to inline.
 */
public final class SendAsyncAdvice {

  private SendAsyncAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static ClientCall onEnter(
      @Advice.Argument(value = 0, readOnly = false) HttpRequest request) {
    ClientCall call = JavaHttpClientTracing.start(request);
    request = JavaHttpClientTracing.withContext(request, call);
    return call;
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void onExit(
      @Advice.Enter ClientCall call,
      @Advice.Return CompletableFuture<?> future,
      @Advice.Thrown Throwable thrown) {
    JavaHttpClientTracing.endAsync(call, future, thrown);
  }
}
