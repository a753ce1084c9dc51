package dev.weft.instrumentation.springwebmvc.jakarta;

import jakarta.servlet.http.HttpServletRequest;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code AbstractUrlHandlerMapping.lookupHandler(RequestPath, String,
 * HttpServletRequest)} (parsed {@code PathPattern}s, Spring 5.3+) of a {@code jakarta.servlet} Spring
 * MVC: a handler returned means a registered path or pattern matched.
 */
public final class JakartaPathPatternLookupHandlerAdvice {

  private JakartaPathPatternLookupHandlerAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void onExit(
      @Advice.Argument(2) HttpServletRequest request, @Advice.Return Object handler) {
    JakartaSpringWebMvc.onLookupHandler(request, handler);
  }
}
