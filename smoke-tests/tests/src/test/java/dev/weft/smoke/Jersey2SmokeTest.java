package dev.weft.smoke;

/** The JAX-RS smoke tests on Jersey 2 (javax.ws.rs) and Jetty 9.4. */
class Jersey2SmokeTest extends JaxrsSmokeTest {

  @Override
  SmokeApp smokeApp() {
    return SmokeApp.JERSEY2;
  }
}
