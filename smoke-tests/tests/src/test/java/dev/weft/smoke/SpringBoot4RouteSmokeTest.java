package dev.weft.smoke;

/**
 * The route-naming smoke tests on the Spring Boot 4 app (Spring MVC 7), its DispatcherServlet at
 * "/" in the root context.
 */
class SpringBoot4RouteSmokeTest extends SpringWebMvcRouteSmokeTest {

  @Override
  SmokeApp smokeApp() {
    return SmokeApp.SPRING_BOOT4;
  }
}
