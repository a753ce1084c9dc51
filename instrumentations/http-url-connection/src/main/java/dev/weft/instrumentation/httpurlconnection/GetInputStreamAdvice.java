package dev.weft.instrumentation.httpurlconnection;

import java.net.HttpURLConnection;
import net.bytebuddy.asm.Advice;

/** Woven into {@code HttpURLConnection.getInputStream()} and its overrides. */
public final class GetInputStreamAdvice {

  private GetInputStreamAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static CallScope onEnter(@Advice.This HttpURLConnection connection) {
    return HttpUrlConnectionTracer.enter(connection);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void onExit(
      @Advice.This HttpURLConnection connection,
      @Advice.Enter CallScope scope,
      @Advice.Thrown Throwable thrown) {
    HttpUrlConnectionTracer.exit(scope, connection, HttpUrlConnectionTracer.GET_INPUT_STREAM, 0, thrown);
  }
}
