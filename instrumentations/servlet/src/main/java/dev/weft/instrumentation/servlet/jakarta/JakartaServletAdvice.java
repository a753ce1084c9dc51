package dev.weft.instrumentation.servlet.jakarta;

import dev.weft.instrumentation.servlet.common.ServerRequestHandle;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code jakarta.servlet.Servlet.service(ServletRequest, ServletResponse)} and {@code
 * jakarta.servlet.Filter.doFilter(ServletRequest, ServletResponse, FilterChain)} implementations.
 */
public final class JakartaServletAdvice {

  private JakartaServletAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static ServerRequestHandle onEnter(@Advice.Argument(0) ServletRequest request) {
    return JakartaServletAccessor.enter(request);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void onExit(
      @Advice.Argument(0) ServletRequest request,
      @Advice.Argument(1) ServletResponse response,
      @Advice.Enter ServerRequestHandle handle,
      @Advice.Thrown Throwable thrown) {
    JakartaServletAccessor.exit(handle, request, response, thrown);
  }
}
