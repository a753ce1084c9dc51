package dev.weft.instrumentation.springwebmvc.common;

import dev.weft.instrumentation.http.HttpServerRoute;

/**
 * The route of a request Spring MVC's {@code DispatcherServlet} dispatched, built from what the
 * winning handler mapping left in the request's attributes, and the one case where that must not
 * be used. API-independent: the {@code javax} and {@code jakarta} helpers read the request and call
 * in here, so the rules exist once.
 *
 * <p>The route is the context path, the servlet path of a {@code DispatcherServlet} mapped by
 * prefix ({@code /api/*}) and Spring's best-matching pattern, joined: {@code
 * /app/api/owners/{ownerId}}. The pattern is relative to exactly that base, since it was matched
 * against the path within the servlet mapping (Spring's default), except where Spring was told to
 * match the whole path within the application ({@link #servletPrefix}).
 *
 * <p>A URL handler mapping ({@code SimpleUrlHandlerMapping}, {@code BeanNameUrlHandlerMapping}:
 * view controllers, static resources) exposes the request's own lookup path as the "pattern" when
 * no registered path or pattern matched and it falls back to its default handler (which is also
 * where a handler registered for {@code /*} goes): that is the raw path, and never becomes a route
 * ({@link #route}). Stateless and thread-safe.
 */
public final class SpringWebMvcRoutes {

  /** {@code HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE}: the pattern the handler matched by. */
  public static final String BEST_MATCHING_PATTERN =
      "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";

  /**
   * {@code HandlerMapping.INTROSPECT_TYPE_LEVEL_MAPPING}: set by a URL handler mapping, and only by
   * one, where it exposes its pattern; so its presence says which kind of mapping the pattern came
   * from.
   */
  public static final String URL_MAPPING_EXPOSED =
      "org.springframework.web.servlet.HandlerMapping.introspectTypeLevelMapping";

  /**
   * {@code UrlPathHelper.PATH_ATTRIBUTE}: the path String patterns were matched against (Spring
   * 5.3+ with {@code AntPathMatcher}; absent with parsed {@code PathPattern}s).
   */
  public static final String LOOKUP_PATH = "org.springframework.web.util.UrlPathHelper.PATH";

  /**
   * Set by this instrumentation on the request when a URL handler mapping found a registered path
   * or pattern for it ({@code AbstractUrlHandlerMapping.lookupHandler} returned a handler), as
   * opposed to falling back to a handler registered for no path.
   */
  public static final String URL_LOOKUP_MATCHED = "dev.weft.spring-webmvc.urlLookupMatched";

  private SpringWebMvcRoutes() {}

  /**
   * The full route for {@code pattern}, or null when there is none to give.
   *
   * @param pattern the value of {@link #BEST_MATCHING_PATTERN}; null when no mapping set one
   * @param exposedByUrlMapping whether {@link #URL_MAPPING_EXPOSED} is set
   * @param urlLookupMatched whether {@link #URL_LOOKUP_MATCHED} is set
   * @param contextPath the request's context path ("" for the root context)
   * @param servletPrefix from {@link #servletPrefix}; null or "" for none
   * @return null for a URL mapping's fallback handler, whose "pattern" is the raw lookup path
   *     (the root path {@code /} excepted: it is a route like any other)
   */
  public static String route(
      String pattern,
      boolean exposedByUrlMapping,
      boolean urlLookupMatched,
      String contextPath,
      String servletPrefix) {
    if (pattern == null) {
      return null;
    }
    if (exposedByUrlMapping && !urlLookupMatched && !isRoot(pattern)) {
      return null;
    }
    if (isEmpty(contextPath) && isEmpty(servletPrefix) && isJoined(pattern)) {
      // The common case (an application at the root, DispatcherServlet at "/"): the pattern is
      // the route as it is, with nothing to allocate.
      return pattern;
    }
    return HttpServerRoute.join(contextPath, servletPrefix, pattern);
  }

  /**
   * The part of the request's path between the context path and what Spring matched its pattern
   * against: the servlet path of a {@code DispatcherServlet} mapped by path prefix ({@code /api}
   * for {@code /api/*}); null for one mapped at {@code /} (whose servlet path is the whole path
   * within the application), and null when Spring matched the whole path within the application
   * anyway ({@code UrlPathHelper.alwaysUseFullPath}, told by {@code lookupPath} being exactly the
   * servlet path and path info).
   *
   * @param pathMapped whether the servlet was mapped by path prefix: the servlet mapping's match is
   *     {@code PATH}, or (before Servlet 4.0 says) the request has a path info
   * @param lookupPath the value of {@link #LOOKUP_PATH}
   */
  public static String servletPrefix(
      boolean pathMapped, String servletPath, String pathInfo, Object lookupPath) {
    if (!pathMapped || isEmpty(servletPath)) {
      return null;
    }
    if (lookupPath instanceof String) {
      String lookup = (String) lookupPath;
      String info = pathInfo == null ? "" : pathInfo;
      if (lookup.length() == servletPath.length() + info.length()
          && lookup.startsWith(servletPath)
          && lookup.endsWith(info)) {
        return null;
      }
    }
    return servletPath;
  }

  private static boolean isRoot(String pattern) {
    return pattern.isEmpty() || (pattern.length() == 1 && pattern.charAt(0) == '/');
  }

  /** Whether {@link HttpServerRoute#join} would return {@code pattern} unchanged. */
  private static boolean isJoined(String pattern) {
    int length = pattern.length();
    if (length == 0 || pattern.charAt(0) != '/') {
      return false;
    }
    return length == 1 || (pattern.charAt(1) != '/' && pattern.charAt(length - 1) != '/');
  }

  private static boolean isEmpty(String value) {
    return value == null || value.isEmpty();
  }
}
