package dev.weft.smoke;

/**
 * The route-naming smoke tests on the Spring Boot 3 app (Spring MVC 6), its DispatcherServlet at
 * "/" in the root context.
 */
class SpringBoot3RouteSmokeTest extends SpringWebMvcRouteSmokeTest {

  @Override
  SmokeApp smokeApp() {
    return SmokeApp.SPRING_BOOT3;
  }
}
