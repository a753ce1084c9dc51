package dev.weft.smoke;

/** The server-span smoke tests on the embedded Jetty 9.4 app (javax.servlet 3.1). */
class Jetty9ServerSpanSmokeTest extends ServletContainerSmokeTest {

  @Override
  SmokeApp smokeApp() {
    return SmokeApp.JETTY9;
  }
}
