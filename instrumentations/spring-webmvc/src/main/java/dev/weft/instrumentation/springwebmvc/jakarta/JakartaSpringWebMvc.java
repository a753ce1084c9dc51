package dev.weft.instrumentation.springwebmvc.jakarta;

import dev.weft.instrumentation.http.HttpServerRoute;
import dev.weft.instrumentation.springwebmvc.common.SpringWebMvcRoutes;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.MappingMatch;

/**
 * The {@code jakarta.servlet} side of the Spring MVC instrumentation (Spring 6.x and 7.x), and the
 * entry point of its advice. A helper class: defined in the class loader of Spring MVC, where the
 * servlet API is. Stateless; thread-safe.
 */
public final class JakartaSpringWebMvc {

  private JakartaSpringWebMvc() {}

  /**
   * Called at the exit of {@code HandlerExecutionChain.applyPreHandle}: names the request's server
   * span after the pattern its handler was mapped by, on the request's own dispatch only (not on
   * an error page, a forward, an include or an async re-dispatch, which would otherwise rename it
   * after {@code /error} or the forward's target).
   */
  public static void onPreHandle(HttpServletRequest request) {
    if (request.getDispatcherType() != DispatcherType.REQUEST) {
      return;
    }
    Object serverContext = request.getAttribute(HttpServerRoute.CONTEXT_ATTRIBUTE);
    if (HttpServerRoute.recordingServerContext(serverContext) == null) {
      return; // not traced, or not sampled: no route to work out
    }
    Object pattern = request.getAttribute(SpringWebMvcRoutes.BEST_MATCHING_PATTERN);
    if (!(pattern instanceof String)) {
      return;
    }
    HttpServletMapping mapping = request.getHttpServletMapping();
    String servletPrefix = null;
    if (mapping != null && mapping.getMappingMatch() == MappingMatch.PATH) {
      servletPrefix =
          SpringWebMvcRoutes.servletPrefix(
              true,
              request.getServletPath(),
              request.getPathInfo(),
              request.getAttribute(SpringWebMvcRoutes.LOOKUP_PATH));
    }
    String route =
        SpringWebMvcRoutes.route(
            (String) pattern,
            request.getAttribute(SpringWebMvcRoutes.URL_MAPPING_EXPOSED) != null,
            request.getAttribute(SpringWebMvcRoutes.URL_LOOKUP_MATCHED) != null,
            request.getContextPath(),
            servletPrefix);
    HttpServerRoute.update(serverContext, request.getMethod(), route);
  }

  /** Called at the exit of {@code AbstractUrlHandlerMapping.lookupHandler}. */
  public static void onLookupHandler(HttpServletRequest request, Object handler) {
    if (handler != null) {
      request.setAttribute(SpringWebMvcRoutes.URL_LOOKUP_MATCHED, Boolean.TRUE);
    }
  }
}
