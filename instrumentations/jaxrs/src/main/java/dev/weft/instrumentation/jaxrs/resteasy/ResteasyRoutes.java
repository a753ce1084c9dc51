package dev.weft.instrumentation.jaxrs.resteasy;

import dev.weft.api.Context;
import dev.weft.instrumentation.http.HttpServerRoute;
import dev.weft.instrumentation.jaxrs.JaxrsRoutes;
import java.lang.reflect.Method;
import org.jboss.resteasy.plugins.server.BaseHttpRequest;
import org.jboss.resteasy.spi.HttpRequest;
import org.jboss.resteasy.spi.metadata.ResourceLocator;

/**
 * Names the server span after the route RESTEasy matched, when it is about to invoke the resource
 * method: before the post-matching filters and the method run, so an exception they throw leaves
 * the route in place.
 *
 * <p>The route is RESTEasy's own knowledge, never re-derived from annotations: the application's
 * base path (context path and servlet mapping prefix, from the request's base URI), the templates
 * of the sub-resource locators passed on the way (see {@link JaxrsRoutes#enterLocator}), and the
 * resource method's full path template from RESTEasy's metadata (class and method {@code @Path}
 * joined), with any regular expression as written. A request RESTEasy matched no method for (404,
 * 405, a locator whose sub-resource has no match) never gets here and keeps the servlet-level
 * name; neither does a locator alone ever name the span.
 *
 * <p>The server span is the one in the request attribute {@link JaxrsRoutes#CONTEXT_ATTRIBUTE}:
 * under a servlet container RESTEasy's request attributes are the servlet request's. An ERROR,
 * FORWARD or INCLUDE dispatch into RESTEasy renames nothing.
 *
 * <p>A helper: defined in RESTEasy's class loader. It calls only RESTEasy methods whose JVM
 * signatures name no {@code javax}/{@code jakarta} type ({@code BaseHttpRequest.getUri()} is the
 * covariant override returning {@code ResteasyUriInfo}), so the same class serves RESTEasy 4.x
 * ({@code javax}) and 5.x/6.x ({@code jakarta}). Stateless; thread-safe.
 */
public final class ResteasyRoutes {

  /** The nested-dispatch attribute names of the servlet API this RESTEasy is built on. */
  private static final String[] NESTED_DISPATCH_ATTRIBUTES =
      JaxrsRoutes.nestedDispatchAttributes(isJakarta());

  private ResteasyRoutes() {}

  /**
   * Called when RESTEasy is about to invoke a resource method.
   *
   * @param resourceMethod the invoker's {@code ResourceMethod} metadata
   * @param request the {@code HttpRequest}
   */
  public static void methodMatched(Object resourceMethod, Object request) {
    if (!(request instanceof BaseHttpRequest) || !(resourceMethod instanceof ResourceLocator)) {
      return;
    }
    BaseHttpRequest httpRequest = (BaseHttpRequest) request;
    Context context =
        HttpServerRoute.recordingServerContext(httpRequest.getAttribute(JaxrsRoutes.CONTEXT_ATTRIBUTE));
    if (context == null || isNestedDispatch(httpRequest)) {
      return;
    }
    String route =
        HttpServerRoute.join(
            httpRequest.getUri().getBaseUri().getPath(),
            JaxrsRoutes.locatorPath(),
            ((ResourceLocator) resourceMethod).getFullpath());
    HttpServerRoute.update(context, httpRequest.getHttpMethod(), route);
  }

  /**
   * Called when RESTEasy is about to match and invoke what a sub-resource locator returned.
   *
   * @param locator the locator invoker's {@code ResourceLocator} metadata
   * @return what {@link JaxrsRoutes#exitLocator} must be given afterwards
   */
  public static String enterLocator(Object locator) {
    return JaxrsRoutes.enterLocator(
        locator instanceof ResourceLocator ? ((ResourceLocator) locator).getFullpath() : null);
  }

  private static boolean isNestedDispatch(HttpRequest request) {
    for (String attribute : NESTED_DISPATCH_ATTRIBUTES) {
      if (request.getAttribute(attribute) != null) {
        return true;
      }
    }
    return false;
  }

  /** RESTEasy 5.x and later are built on {@code jakarta.*}, 4.x on {@code javax.*}. */
  private static boolean isJakarta() {
    for (Method method : HttpRequest.class.getMethods()) {
      if (method.getName().equals("getUri") && method.getParameterTypes().length == 0) {
        return method.getReturnType().getName().startsWith("jakarta.");
      }
    }
    return false;
  }
}
