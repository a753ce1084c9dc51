package dev.weft.instrumentation.jaxrs;

import dev.weft.instrumentation.http.HttpServerRoute;

/**
 * What the Jersey and RESTEasy helpers share: when a request's server span may be renamed, and
 * the sub-resource locator templates RESTEasy has passed on the way to a resource method.
 *
 * <p>Loaded with the agent and free of JAX-RS and servlet types, so one copy serves every
 * application; the helpers, which live in the library's class loader, call its public members.
 * Stateless apart from a per-thread locator path that is always restored by the call that set it.
 * Thread-safe.
 */
public final class JaxrsRoutes {

  /** The request attribute that holds the server span's context. */
  public static final String CONTEXT_ATTRIBUTE = HttpServerRoute.CONTEXT_ATTRIBUTE;

  /**
   * The request attributes a servlet container sets while a request is an ERROR, FORWARD or
   * INCLUDE dispatch (Servlet specification, {@code RequestDispatcher}); {@code javax.servlet}
   * first, then {@code jakarta.servlet}. The route of such a dispatch is not the request's route.
   */
  private static final String[][] NESTED_DISPATCH_ATTRIBUTES = {
    {
      "javax.servlet.error.request_uri",
      "javax.servlet.forward.request_uri",
      "javax.servlet.include.request_uri"
    },
    {
      "jakarta.servlet.error.request_uri",
      "jakarta.servlet.forward.request_uri",
      "jakarta.servlet.include.request_uri"
    }
  };

  /**
   * The templates of the RESTEasy sub-resource locators this thread is inside, joined; null
   * outside any. RESTEasy invokes a locator, matches the rest of the path against the class it
   * returned, and invokes the resource method, all within one call on one thread ({@code
   * ResourceLocatorInvoker.invokeOnTargetObject}), which sets and restores this value around it.
   */
  private static final ThreadLocal<String> LOCATOR_PATH = new ThreadLocal<String>();

  private JaxrsRoutes() {}

  /**
   * The names of the attributes that mark a nested dispatch, for the servlet API the library is
   * built on: error, forward, include.
   *
   * @param jakarta whether that is {@code jakarta.servlet}
   */
  public static String[] nestedDispatchAttributes(boolean jakarta) {
    return NESTED_DISPATCH_ATTRIBUTES[jakarta ? 1 : 0].clone();
  }

  /**
   * Enters a RESTEasy sub-resource locator whose template is {@code locatorTemplate}; returns what
   * {@link #exitLocator} must be given when the locator's call returns.
   */
  public static String enterLocator(String locatorTemplate) {
    String outer = LOCATOR_PATH.get();
    if (locatorTemplate != null && !locatorTemplate.isEmpty()) {
      LOCATOR_PATH.set(outer == null ? locatorTemplate : HttpServerRoute.join(outer, locatorTemplate));
    }
    return outer;
  }

  /** Leaves the locator entered by the {@link #enterLocator} call that returned {@code outer}. */
  public static void exitLocator(String outer) {
    if (outer == null) {
      LOCATOR_PATH.remove();
    } else {
      LOCATOR_PATH.set(outer);
    }
  }

  /** The joined templates of the locators this thread is inside, or null outside any. */
  public static String locatorPath() {
    return LOCATOR_PATH.get();
  }
}
