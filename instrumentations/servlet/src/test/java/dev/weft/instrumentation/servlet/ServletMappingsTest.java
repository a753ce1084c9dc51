package dev.weft.instrumentation.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.weft.instrumentation.http.HttpMethods;
import dev.weft.instrumentation.servlet.common.ServletMappings;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ServletMappingsTest {

  private final ServletMappings mappings =
      new ServletMappings(Arrays.asList("/hello", "/users/*", "*.do", "/", "/api/v1/*"));

  @Test
  void route_pathMapping_isPatternWithContextPath() {
    assertEquals("/shop/users/*", mappings.route("/shop", "/users", "/42"));
    assertEquals("/api/v1/*", mappings.route("", "/api/v1", "/orders/7"));
  }

  @Test
  void route_rootPathMapping_isSlashStar() {
    assertEquals("/*", mappings.route("", "", "/anything"));
  }

  @Test
  void route_exactMapping_isThePath() {
    assertEquals("/hello", mappings.route("", "/hello", null));
  }

  @Test
  void route_extensionMapping_keepsOnlyTheExtension() {
    assertEquals("/ctx/*.do", mappings.route("/ctx", "/orders/77/edit.do", null));
  }

  @Test
  void route_defaultServlet_isNullSoRawPathsNeverBecomeNames() {
    assertNull(mappings.route("", "/static/app-4f3a9.js", null));
    assertNull(mappings.route("", "/users", null));
  }

  @Test
  void spanName_withAndWithoutRoute() {
    assertEquals("GET /users/*", HttpMethods.spanName("GET", "/users/*"));
    assertEquals("POST", HttpMethods.spanName("POST", null));
    assertEquals("HTTP", HttpMethods.spanName(HttpMethods.normalize("PROPFIND"), null));
  }

  @Test
  void normalize_unknownMethod_isOther() {
    assertEquals(HttpMethods.OTHER, HttpMethods.normalize("get"));
    assertEquals(HttpMethods.OTHER, HttpMethods.normalize(null));
    assertEquals("PATCH", HttpMethods.normalize("PATCH"));
  }

  @Test
  void protocolVersion_andClientAddress() {
    assertEquals("1.1", HttpMethods.protocolVersion("HTTP/1.1"));
    assertEquals("2", HttpMethods.protocolVersion("HTTP/2.0"));
    assertNull(HttpMethods.protocolVersion("SPDY"));
    assertEquals("203.0.113.7", HttpMethods.clientAddress(" 203.0.113.7 , 10.0.0.1", "10.0.0.2"));
    assertEquals("10.0.0.2", HttpMethods.clientAddress(null, "10.0.0.2"));
  }
}
