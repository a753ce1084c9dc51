package dev.weft.instrumentation.springwebmvc.jakarta;

import jakarta.servlet.http.HttpServletRequest;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code AbstractUrlHandlerMapping.lookupHandler(String, HttpServletRequest)} (String
 * patterns) of a {@code jakarta.servlet} Spring MVC: a handler returned means a registered path or
 * pattern matched.
 */
public final class JakartaLookupHandlerAdvice {

  private JakartaLookupHandlerAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void onExit(
      @Advice.Argument(1) HttpServletRequest request, @Advice.Return Object handler) {
    JakartaSpringWebMvc.onLookupHandler(request, handler);
  }
}
