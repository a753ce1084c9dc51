package dev.weft.instrumentation.springwebmvc.javax;

import dev.weft.instrumentation.http.HttpServerRoute;
import dev.weft.instrumentation.springwebmvc.common.SpringWebMvcRoutes;
import javax.servlet.DispatcherType;
import javax.servlet.http.HttpServletMapping;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.MappingMatch;

/**
 * The {@code javax.servlet} side of the Spring MVC instrumentation (Spring 5.x and earlier), and
 * the entry point of its advice. A helper class: defined in the class loader of Spring MVC, where
 * the servlet API is. Stateless; thread-safe.
 *
 * <p>Spring 5 runs on Servlet 3.1 containers too, whose API lacks {@code HttpServletMapping}: there
 * (or where the container cannot say) a {@code DispatcherServlet} mapped by path prefix is told by
 * the request having a path info, which of all mappings only a prefix mapping gives.
 */
public final class JavaxSpringWebMvc {

  /** Whether the servlet API this class was defined against has {@code HttpServletMapping}. */
  private static final boolean SERVLET_4 = hasServletMapping();

  private JavaxSpringWebMvc() {}

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
    String pathInfo = request.getPathInfo();
    String servletPrefix = null;
    if (isPathMapped(request, pathInfo)) {
      servletPrefix =
          SpringWebMvcRoutes.servletPrefix(
              true,
              request.getServletPath(),
              pathInfo,
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

  private static boolean isPathMapped(HttpServletRequest request, String pathInfo) {
    if (SERVLET_4) {
      HttpServletMapping mapping = request.getHttpServletMapping();
      MappingMatch match = mapping == null ? null : mapping.getMappingMatch();
      if (match != null) {
        return match == MappingMatch.PATH;
      }
    }
    return pathInfo != null;
  }

  /** Looked up once, when the class is initialised: reflection, but never on a request. */
  private static boolean hasServletMapping() {
    try {
      HttpServletRequest.class.getMethod("getHttpServletMapping");
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    } catch (RuntimeException e) {
      return false;
    } catch (LinkageError e) {
      return false;
    }
  }
}
