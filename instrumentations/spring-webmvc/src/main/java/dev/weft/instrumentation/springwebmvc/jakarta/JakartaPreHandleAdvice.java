package dev.weft.instrumentation.springwebmvc.jakarta;

import jakarta.servlet.http.HttpServletRequest;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code org.springframework.web.servlet.HandlerExecutionChain.applyPreHandle(
 * HttpServletRequest, HttpServletResponse)} of a {@code jakarta.servlet} Spring MVC: at its exit the
 * handler mapping has matched and its interceptors have exposed the pattern, and the handler has
 * not run yet. Runs also when an interceptor threw or rejected the request.
 */
public final class JakartaPreHandleAdvice {

  private JakartaPreHandleAdvice() {}

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void onExit(@Advice.Argument(0) HttpServletRequest request) {
    JakartaSpringWebMvc.onPreHandle(request);
  }
}
