package dev.weft.instrumentation.okhttp;

import java.util.List;
import net.bytebuddy.asm.Advice;
import okhttp3.Interceptor;

/**
 * Woven into the constructor {@code OkHttpClient(OkHttpClient.Builder)}, through which every
 * client is built ({@code new OkHttpClient()}, {@code builder.build()}, {@code
 * client.newBuilder()...build()}).
 *
 * <p>On the constructor's normal return it replaces the client's own (unmodifiable) interceptor
 * list with one that ends with {@link TracingInterceptor}. Writing the client's final field is
 * legal here because the advice is inlined into the constructor; the application's {@code
 * Builder} is left untouched. No {@code onThrowable}: Byte Buddy cannot wrap a constructor's
 * super call, and a constructor that throws built no client to trace.
 */
public final class OkHttpClientAdvice {

  private OkHttpClientAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void onExit(
      @Advice.FieldValue(value = "interceptors", readOnly = false)
          List<Interceptor> interceptors) {
    interceptors = TracingInterceptor.withTracingLast(interceptors);
  }
}
