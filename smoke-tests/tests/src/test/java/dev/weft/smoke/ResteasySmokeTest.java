package dev.weft.smoke;

/** The JAX-RS smoke tests on RESTEasy 6.2 (jakarta.ws.rs) and Tomcat 10.1. */
class ResteasySmokeTest extends JaxrsSmokeTest {

  @Override
  SmokeApp smokeApp() {
    return SmokeApp.RESTEASY;
  }
}
