package dev.weft.smoke;

/**
 * The route-naming smoke tests on the Spring Boot 2.7 app (Spring MVC 5.3, javax.servlet) at
 * context path {@code /app}, its DispatcherServlet mapped at {@code /api/*} ({@code
 * spring.mvc.servlet.path=/api}): every route carries both.
 */
class SpringBoot27PrefixedRouteSmokeTest extends SpringWebMvcRouteSmokeTest {

  @Override
  SmokeApp smokeApp() {
    return SmokeApp.SPRING_BOOT27;
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
