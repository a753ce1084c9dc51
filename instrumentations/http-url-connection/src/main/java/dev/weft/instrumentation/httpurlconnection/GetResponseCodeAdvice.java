package dev.weft.instrumentation.httpurlconnection;

import java.net.HttpURLConnection;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code HttpURLConnection.getResponseCode()} and its overrides. Its return value is
 * the response status, also when the call is nested inside another of the connection's methods
 * (the JDK's {@code getInputStream} asks it after each response head it reads).
 */
public final class GetResponseCodeAdvice {

  private GetResponseCodeAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static CallScope onEnter(@Advice.This HttpURLConnection connection) {
    return HttpUrlConnectionTracer.enter(connection);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void onExit(
      @Advice.This HttpURLConnection connection,
      @Advice.Enter CallScope scope,
      @Advice.Return int status,
      @Advice.Thrown Throwable thrown) {
    HttpUrlConnectionTracer.exit(
        scope, connection, HttpUrlConnectionTracer.GET_RESPONSE_CODE, status, thrown);
  }
}
