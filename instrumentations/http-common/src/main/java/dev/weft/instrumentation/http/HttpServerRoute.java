package dev.weft.instrumentation.http;

import dev.weft.api.Context;
import dev.weft.api.Span;

/**
 * Where a web framework tells the server span which route it matched: the span is renamed
 * {@code {method} {route}} and gets {@code http.route}. The server instrumentation names the span
 * from what it knows first (the servlet mapping); a framework that routes every request through
 * one servlet (Spring MVC's {@code DispatcherServlet}, a JAX-RS servlet) knows the real route only
 * later, and overrides it here.
 *
 * <p>The server span is found through the request attribute {@link #CONTEXT_ATTRIBUTE}, which the
 * servlet instrumentation sets on every request it traces: a framework reads it from the request
 * it is routing (directly, or through its own request object's properties, which the JAX-RS
 * servlet containers back with the servlet request's attributes), so no other span that happens
 * to be current is ever renamed.
 *
 * <p>A route must be a template, never a raw path: callers pass what the framework matched
 * ({@code /owners/{ownerId}}), and nothing when it matched nothing. Stateless and thread-safe.
 */
public final class HttpServerRoute {

  /** Request attribute holding the {@link Context} of the request's server span. */
  public static final String CONTEXT_ATTRIBUTE = "dev.weft.servlet.context";

  private HttpServerRoute() {}

  /**
   * Names the server span held by {@code contextAttribute} (the value of {@link
   * #CONTEXT_ATTRIBUTE}) after {@code route}; does nothing when that is not a server context, or
   * {@code route} is null or empty.
   *
   * @param method the request's method as received
   * @param route the full route: context path, servlet path and the framework's template
   */
  public static void update(Object contextAttribute, String method, String route) {
    Context context = recordingServerContext(contextAttribute);
    if (context == null || route == null || route.isEmpty()) {
      return;
    }
    Span span = context.span();
    span.updateName(HttpMethods.spanName(HttpMethods.normalize(method), route));
    span.setAttribute("http.route", route);
  }

  /**
   * The server context held by {@code contextAttribute} (the value of {@link #CONTEXT_ATTRIBUTE})
   * when its span records, else null: a request outside a traced servlet request, or one not
   * sampled, needs no route worked out, so frameworks ask this before building one.
   */
  public static Context recordingServerContext(Object contextAttribute) {
    if (contextAttribute instanceof Context) {
      Context context = (Context) contextAttribute;
      if (context.span().isRecording()) {
        return context;
      }
    }
    return null;
  }

  /**
   * Joins route parts that may each lack or carry slashes ({@code "/app"}, {@code "api/"}, {@code
   * "/users/{id}"}) into one route with single slashes between parts and none at the end, except
   * the root route {@code "/"}. Null and empty parts are skipped.
   */
  public static String join(String... parts) {
    StringBuilder route = new StringBuilder();
    for (String part : parts) {
      if (part == null) {
        continue;
      }
      int start = 0;
      int end = part.length();
      while (start < end && part.charAt(start) == '/') {
        start++;
      }
      while (end > start && part.charAt(end - 1) == '/') {
        end--;
      }
      if (start < end) {
        route.append('/').append(part, start, end);
      }
    }
    return route.length() == 0 ? "/" : route.toString();
  }
}
