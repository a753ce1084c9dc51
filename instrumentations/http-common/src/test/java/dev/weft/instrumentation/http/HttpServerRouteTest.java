package dev.weft.instrumentation.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HttpServerRouteTest {

  @Test
  void join_putsOneSlashBetweenParts_andNoneAtTheEnd() {
    assertEquals("/app/api/users/{id}", HttpServerRoute.join("/app", "/api/", "users/{id}"));
    assertEquals("/users/{id}", HttpServerRoute.join("", null, "/users/{id}/"));
    assertEquals("/app/owners", HttpServerRoute.join("/app/", "//owners"));
  }

  @Test
  void join_ofNothing_isTheRootRoute() {
    assertEquals("/", HttpServerRoute.join("", "/", null));
    assertEquals("/", HttpServerRoute.join());
  }

  @Test
  void update_withoutAServerContext_doesNothing() {
    HttpServerRoute.update(null, "GET", "/users/{id}");
    HttpServerRoute.update("not a context", "GET", "/users/{id}");
    HttpServerRoute.update(dev.weft.api.Context.root(), "GET", "/users/{id}");
  }
}
