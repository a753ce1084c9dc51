package dev.weft.smoke;

/**
 * The server-span smoke tests on the Spring Boot 4.0 (Spring MVC 7, jakarta.servlet 6.1, Tomcat
 * 11) fat jar.
 */
class SpringBoot4ServerSpanSmokeTest extends ServerSpanSmokeTest {

  @Override
  SmokeApp smokeApp() {
    return SmokeApp.SPRING_BOOT4;
  }
}
