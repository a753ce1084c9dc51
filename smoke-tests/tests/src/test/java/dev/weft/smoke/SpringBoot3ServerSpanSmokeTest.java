package dev.weft.smoke;

/** The server-span smoke tests on the Spring Boot 3 fat jar (span names: the bare method). */
class SpringBoot3ServerSpanSmokeTest extends ServerSpanSmokeTest {

  @Override
  SmokeApp smokeApp() {
    return SmokeApp.SPRING_BOOT3;
  }
}
