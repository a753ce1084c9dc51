package dev.weft.instrumentation.javahttpclient;

import dev.weft.instrumentation.http.ClientCall;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code jdk.internal.net.http.HttpClientImpl.send(HttpRequest, BodyHandler)}: the
 * span covers the call until {@code send} returns the response or throws; the request the client
 * sends is a copy that carries the span's context.
 *
 * <p>Never loaded: its bytes are inlined into {@code HttpClientImpl}. Free of branches on
 * purpose: a branch needs a stack map frame, and the one the build's shrinker writes marks the
 * request argument dead after its last use, which Byte Buddy refuses to inline.
 */
public final class SendAdvice {

  private SendAdvice() {}

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
      @Advice.Return HttpResponse<?> response,
      @Advice.Thrown Throwable thrown) {
    JavaHttpClientTracing.endSend(call, response, thrown);
  }
}
