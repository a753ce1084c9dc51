package dev.weft.smoke;

/** The server-span smoke tests on the embedded Tomcat 10.1 app (jakarta.servlet). */
class Tomcat10ServerSpanSmokeTest extends ServletContainerSmokeTest {

  @Override
  SmokeApp smokeApp() {
    return SmokeApp.TOMCAT10;
  }
}
