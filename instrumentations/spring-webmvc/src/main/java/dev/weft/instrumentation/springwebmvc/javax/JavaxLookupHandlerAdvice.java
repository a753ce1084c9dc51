package dev.weft.instrumentation.springwebmvc.javax;

import javax.servlet.http.HttpServletRequest;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code AbstractUrlHandlerMapping.lookupHandler(String, HttpServletRequest)} (String
 * patterns) of a {@code javax.servlet} Spring MVC: a handler returned means a registered path or
 * pattern matched.
 */
public final class JavaxLookupHandlerAdvice {

  private JavaxLookupHandlerAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void onExit(
      @Advice.Argument(1) HttpServletRequest request, @Advice.Return Object handler) {
    JavaxSpringWebMvc.onLookupHandler(request, handler);
  }
}
