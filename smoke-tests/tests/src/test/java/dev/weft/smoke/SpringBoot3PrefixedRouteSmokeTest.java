package dev.weft.smoke;

/**
 * The route-naming smoke tests on the Spring Boot 3 app (Spring MVC 6) at context path {@code
 * /app}, its DispatcherServlet mapped at {@code /api/*} ({@code spring.mvc.servlet.path=/api}):
 * every route carries both.
 */
class SpringBoot3PrefixedRouteSmokeTest extends SpringWebMvcRouteSmokeTest {

  @Override
  SmokeApp smokeApp() {
    return SmokeApp.SPRING_BOOT3;
  }

  @Override
  String contextPath() {
    return "/app";
  }

  @Override
  String servletPath() {
    return "/api";
  }
}
