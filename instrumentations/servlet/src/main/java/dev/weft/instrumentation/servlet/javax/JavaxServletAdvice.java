package dev.weft.instrumentation.servlet.javax;

import dev.weft.instrumentation.servlet.common.ServerRequestHandle;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code javax.servlet.Servlet.service(ServletRequest, ServletResponse)} and {@code
 * javax.servlet.Filter.doFilter(ServletRequest, ServletResponse, FilterChain)} implementations.
 */
public final class JavaxServletAdvice {

  private JavaxServletAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static ServerRequestHandle onEnter(@Advice.Argument(0) ServletRequest request) {
    return JavaxServletAccessor.enter(request);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void onExit(
      @Advice.Argument(0) ServletRequest request,
      @Advice.Argument(1) ServletResponse response,
      @Advice.Enter ServerRequestHandle handle,
      @Advice.Thrown Throwable thrown) {
    JavaxServletAccessor.exit(handle, request, response, thrown);
  }
}
