package dev.weft.instrumentation.jaxrs.resteasy;

import dev.weft.instrumentation.jaxrs.JaxrsRoutes;
import net.bytebuddy.asm.Advice;

/**
 * Woven into RESTEasy's {@code ResourceLocatorInvoker.invokeOnTargetObject(HttpRequest,
 * HttpResponse, Object)}, which matches the rest of the path against the sub-resource a locator
 * returned and invokes what it found, all inside this call: the locator's template is the prefix
 * of that method's template while the call runs, and is taken off when it returns or throws.
 */
public final class ResteasyLocatorAdvice {

  private ResteasyLocatorAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static String onEnter(@Advice.FieldValue("method") Object locator) {
    return ResteasyRoutes.enterLocator(locator);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void onExit(@Advice.Enter String outer) {
    JaxrsRoutes.exitLocator(outer);
  }
}
