package dev.weft.instrumentation.servlet.common;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The URL patterns of one web application's servlets, indexed to tell which kind of mapping
 * matched a request when the servlet API cannot say (before Servlet 4.0's {@code
 * HttpServletMapping}): a path mapping leaves a path info, while an exact, extension or default
 * mapping does not and is told apart by looking the servlet path up.
 *
 * <p>Built once per web application and kept in a servlet-context attribute. Immutable and
 * thread-safe.
 */
public final class ServletMappings {

  private final Set<String> exact = new HashSet<String>();
  private final Set<String> extensions = new HashSet<String>();

  /** @param patterns every URL pattern of every servlet of the application */
  public ServletMappings(Collection<String> patterns) {
    for (String pattern : patterns) {
      if (pattern.startsWith("*.")) {
        extensions.add(pattern.substring(1));
      } else if (!pattern.endsWith("/*") && !pattern.equals("/")) {
        exact.add(pattern);
      }
    }
  }

  /**
   * The route of a request, context path included, or null when the default servlet ({@code /})
   * served it: its path is the raw request path, which must never become a span name.
   */
  public String route(String contextPath, String servletPath, String pathInfo) {
    String context = contextPath == null ? "" : contextPath;
    String servlet = servletPath == null ? "" : servletPath;
    if (pathInfo != null) {
      return servlet.isEmpty() ? context + "/*" : context + servlet + "/*";
    }
    if (servlet.isEmpty()) {
      return context + '/';
    }
    if (exact.contains(servlet)) {
      return context + servlet;
    }
    int dot = servlet.lastIndexOf('.');
    if (dot > servlet.lastIndexOf('/') && extensions.contains(servlet.substring(dot))) {
      return context + "/*" + servlet.substring(dot);
    }
    return null;
  }
}
