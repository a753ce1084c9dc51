package dev.weft.smoke;

/**
 * The route-naming smoke tests on the Spring Boot 2.7 app (Spring MVC 5.3, javax.servlet), its
 * DispatcherServlet at "/" in the root context.
 */
class SpringBoot27RouteSmokeTest extends SpringWebMvcRouteSmokeTest {

  @Override
  SmokeApp smokeApp() {
    return SmokeApp.SPRING_BOOT27;
  }
}
