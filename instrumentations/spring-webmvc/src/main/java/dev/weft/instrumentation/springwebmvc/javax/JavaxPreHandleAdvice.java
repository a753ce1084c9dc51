package dev.weft.instrumentation.springwebmvc.javax;

import javax.servlet.http.HttpServletRequest;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code org.springframework.web.servlet.HandlerExecutionChain.applyPreHandle(
 * HttpServletRequest, HttpServletResponse)} of a {@code javax.servlet} Spring MVC: at its exit the
 * handler mapping has matched and its interceptors have exposed the pattern, and the handler has
 * not run yet. Runs also when an interceptor threw or rejected the request.
 */
public final class JavaxPreHandleAdvice {

  private JavaxPreHandleAdvice() {}

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void onExit(@Advice.Argument(0) HttpServletRequest request) {
    JavaxSpringWebMvc.onPreHandle(request);
  }
}
