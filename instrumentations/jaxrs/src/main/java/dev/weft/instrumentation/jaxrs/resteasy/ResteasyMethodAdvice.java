package dev.weft.instrumentation.jaxrs.resteasy;

import net.bytebuddy.asm.Advice;

/**
 * Woven into RESTEasy's {@code ResourceMethodInvoker.invokeOnTarget(HttpRequest, HttpResponse,
 * Object)}: the resource method is chosen and its resource (or sub-resource) instance exists, and
 * neither the post-matching filters nor the method itself have run. The invoker's {@code method}
 * field is RESTEasy's metadata of that method, with its full path template.
 */
public final class ResteasyMethodAdvice {

  private ResteasyMethodAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void onEnter(
      @Advice.FieldValue("method") Object resourceMethod, @Advice.Argument(0) Object request) {
    ResteasyRoutes.methodMatched(resourceMethod, request);
  }
}
