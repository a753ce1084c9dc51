package dev.weft.instrumentation.springwebmvc.javax;

import javax.servlet.http.HttpServletRequest;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code AbstractUrlHandlerMapping.lookupHandler(RequestPath, String,
 * HttpServletRequest)} (parsed {@code PathPattern}s, Spring 5.3+) of a {@code javax.servlet} Spring
 * MVC: a handler returned means a registered path or pattern matched.
 */
public final class JavaxPathPatternLookupHandlerAdvice {

  private JavaxPathPatternLookupHandlerAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void onExit(
      @Advice.Argument(2) HttpServletRequest request, @Advice.Return Object handler) {
    JavaxSpringWebMvc.onLookupHandler(request, handler);
  }
}
