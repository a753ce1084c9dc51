package dev.weft.instrumentation.springwebmvc.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class SpringWebMvcRoutesTest {

  @Test
  void route_atTheRoot_isThePatternItself() {
    String pattern = "/owners/{ownerId}";

    assertSame(pattern, SpringWebMvcRoutes.route(pattern, false, false, "", null));
  }

  @Test
  void route_prefixesContextPathAndServletPrefix() {
    assertEquals(
        "/app/api/owners/{ownerId}/pets/{petId}",
        SpringWebMvcRoutes.route("/owners/{ownerId}/pets/{petId}", false, false, "/app", "/api"));
    assertEquals("/app/owners", SpringWebMvcRoutes.route("/owners", false, false, "/app", null));
    assertEquals("/api/**", SpringWebMvcRoutes.route("/**", true, true, "", "/api"));
  }

  @Test
  void route_emptyOrRootPattern_isTheBase() {
    assertEquals("/", SpringWebMvcRoutes.route("", false, false, "", null));
    assertEquals("/", SpringWebMvcRoutes.route("/", false, false, null, null));
    assertEquals("/app/api", SpringWebMvcRoutes.route("/", false, false, "/app", "/api"));
  }

  @Test
  void route_trailingSlashPattern_isJoinedLikeEveryOtherRoute() {
    assertEquals("/owners", SpringWebMvcRoutes.route("/owners/", false, false, "", null));
  }

  @Test
  void route_noPattern_isNone() {
    assertNull(SpringWebMvcRoutes.route(null, false, false, "/app", "/api"));
  }

  @Test
  void route_urlMappingsRegisteredPathOrPattern_isTheRoute() {
    assertEquals("/**", SpringWebMvcRoutes.route("/**", true, true, "", null));
    assertEquals("/login", SpringWebMvcRoutes.route("/login", true, true, "", null));
  }

  @Test
  void route_urlMappingsFallbackHandler_isNeverTheRawPath() {
    // A default (or "/*") handler exposes the lookup path itself as its pattern.
    assertNull(SpringWebMvcRoutes.route("/no/such/path/12345", true, false, "", null));
    assertNull(SpringWebMvcRoutes.route("/x-98765", true, false, "/app", "/legacy"));
  }

  @Test
  void route_urlMappingsRootHandler_isTheRootRoute() {
    assertEquals("/", SpringWebMvcRoutes.route("/", true, false, "", null));
    assertEquals("/app", SpringWebMvcRoutes.route("", true, false, "/app", null));
  }

  @Test
  void servletPrefix_prefixMapping_isTheServletPath() {
    assertEquals("/api", SpringWebMvcRoutes.servletPrefix(true, "/api", "/owners/1", null));
    // With parsed PathPatterns Spring keeps no String lookup path.
    assertEquals("/api", SpringWebMvcRoutes.servletPrefix(true, "/api", "/owners/1", null));
    // String patterns matched against the path within the servlet mapping.
    assertEquals(
        "/api", SpringWebMvcRoutes.servletPrefix(true, "/api", "/owners/1", "/owners/1"));
  }

  @Test
  void servletPrefix_notPathMapped_isNone() {
    // DispatcherServlet at "/": its servlet path is the whole path within the application.
    assertNull(SpringWebMvcRoutes.servletPrefix(false, "/owners/1", null, "/owners/1"));
    // "/*" is a path mapping with an empty servlet path.
    assertNull(SpringWebMvcRoutes.servletPrefix(true, "", "/owners/1", null));
  }

  @Test
  void servletPrefix_springMatchedTheFullPath_isNone() {
    // UrlPathHelper.alwaysUseFullPath: the patterns carry the servlet path themselves.
    assertNull(SpringWebMvcRoutes.servletPrefix(true, "/api", "/owners/1", "/api/owners/1"));
    // A request for the prefix itself: Spring falls back to the full path too.
    assertNull(SpringWebMvcRoutes.servletPrefix(true, "/api", null, "/api"));
  }

  @Test
  void servletPrefix_lookupPathOfAnotherShape_keepsThePrefix() {
    assertEquals("/api", SpringWebMvcRoutes.servletPrefix(true, "/api", "/x", "/apx/x"));
    assertEquals("/api", SpringWebMvcRoutes.servletPrefix(true, "/api", "/x", Boolean.TRUE));
  }
}
