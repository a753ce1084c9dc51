package dev.weft.smoke;

/** The server-span smoke tests on the embedded Undertow 2.3 app (jakarta.servlet). */
class Undertow2ServerSpanSmokeTest extends ServletContainerSmokeTest {

  @Override
  SmokeApp smokeApp() {
    return SmokeApp.UNDERTOW;
  }
}
