package dev.weft.smoke;

/**
 * The server-span smoke tests on the Spring Boot 2.7 (Spring MVC 5.3, javax.servlet, Tomcat 9)
 * fat jar.
 */
class SpringBoot27ServerSpanSmokeTest extends ServerSpanSmokeTest {

  @Override
  SmokeApp smokeApp() {
    return SmokeApp.SPRING_BOOT27;
  }
}
