package dev.weft.smoke;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The smoke applications (modules under {@code smoke-tests/apps}), each a runnable jar whose path
 * the build passes as a system property, and what their server spans are expected to be named.
 */
enum SmokeApp {
  TOMCAT10("tomcat10", "smoke.app.tomcat10.jar", true),
  JETTY9("jetty9", "smoke.app.jetty9.jar", true),
  /**
   * The Tomcat and Jetty apps' servlets on embedded Undertow 2.3 (jakarta.servlet 6.0, {@code
   * smoke-tests/apps/undertow-app}); Undertow's own default servlet answers unmapped paths.
   */
  UNDERTOW("undertow", "smoke.app.undertow.jar", true),
  /**
   * Spring MVC's DispatcherServlet is mapped at "/": the spring-webmvc instrumentation names its
   * spans after the controllers' templates ({@link #route}).
   */
  SPRING_BOOT3("spring-boot3", "smoke.app.spring-boot3.jar", false),
  /**
   * The frontend of the cross-service test ({@code smoke-tests/apps/frontend-app}, Jetty 9.4): it
   * calls a backend with the client a request names, and serves only {@code /call/*}, {@code
   * /hello} and {@code /users/*}, so the tests of the common endpoints leave it out ({@link
   * #servesCommonEndpoints()}).
   */
  FRONTEND("frontend", "smoke.app.frontend.jar", true),
  /**
   * Spring Boot 3 with Spring Data JDBC on in-memory H2 ({@code smoke-tests/apps/spring-boot3-jdbc-app}):
   * serves only {@code /orders/*} and {@code /ping} ({@link JdbcSmokeTest}, {@link
   * FanOutSmokeTest}), so the tests of the common endpoints
   * leave it out ({@link #servesCommonEndpoints()}).
   */
  SPRING_BOOT3_JDBC("spring-boot3-jdbc", "smoke.app.spring-boot3-jdbc.jar", false),
  /**
   * The JAX-RS apps ({@code smoke-tests/apps/jersey-app}, {@code jersey2-app}, {@code
   * resteasy-app}): one shop application under context path {@code /shop}, mapped at {@code
   * /api/*}, on Jersey 3.1 with Tomcat 10.1, Jersey 2 with Jetty 9.4, and RESTEasy 6.2 with Tomcat
   * 10.1. They serve only the shop ({@link JaxrsSmokeTest}), so the tests of the common endpoints
   * leave them out ({@link #servesCommonEndpoints()}).
   */
  JERSEY("jersey", "smoke.app.jersey.jar", false),
  JERSEY2("jersey2", "smoke.app.jersey2.jar", false),
  RESTEASY("resteasy", "smoke.app.resteasy.jar", false),
  /**
   * The Spring Boot 3 app's endpoints and controllers on Spring Boot 2.7: Spring MVC 5.3 on
   * {@code javax.servlet} and Tomcat 9 ({@code smoke-tests/apps/spring-boot27-app}).
   */
  SPRING_BOOT27("spring-boot27", "smoke.app.spring-boot27.jar", false),
  /**
   * The Spring Boot 3 app's endpoints and controllers on Spring Boot 4.0: Spring MVC 7 on
   * {@code jakarta.servlet} 6.1 and Tomcat 11 ({@code smoke-tests/apps/spring-boot4-app}).
   */
  SPRING_BOOT4("spring-boot4", "smoke.app.spring-boot4.jar", false);

  private final String id;
  private final String jarProperty;
  private final boolean servletRoutes;

  SmokeApp(String id, String jarProperty, boolean servletRoutes) {
    this.id = id;
    this.jarProperty = jarProperty;
    this.servletRoutes = servletRoutes;
  }

  /** A short name for logs and service names, e.g. {@code tomcat10}. */
  String id() {
    return id;
  }

  /**
   * True for the apps that serve every endpoint the README lists ({@code /status/*}, {@code
   * /boom}, {@code /async}, ...): all but {@link #FRONTEND}, {@link #SPRING_BOOT3_JDBC} and the
   * JAX-RS apps.
   */
  boolean servesCommonEndpoints() {
    return this != FRONTEND
        && this != SPRING_BOOT3_JDBC
        && this != JERSEY
        && this != JERSEY2
        && this != RESTEASY;
  }

  /** True when span names and {@code http.route} come from the servlet mapping pattern. */
  boolean hasServletRoutes() {
    return servletRoutes;
  }

  /** True when the app serves {@code /forward} (the plain servlet apps). */
  boolean hasForward() {
    return servletRoutes && servesCommonEndpoints();
  }

  /**
   * The expected {@code http.route} of a request that the servlet apps serve by servlet mapping
   * {@code servletRoute}: that mapping on the servlet apps, the matching controller's template on
   * the Spring apps ({@code /users/*} is {@code @GetMapping("/users/{id}")} there).
   */
  String route(String servletRoute) {
    if (servletRoutes) {
      return servletRoute;
    }
    switch (servletRoute) {
      case "/users/*":
        return "/users/{id}";
      case "/status/*":
        return "/status/{code}";
      default:
        return servletRoute;
    }
  }

  /** The expected server span name for a GET on a path served by servlet mapping {@code route}. */
  String spanName(String servletRoute) {
    return "GET " + route(servletRoute);
  }

  /** The app jar; fails the test clearly when the build did not pass or produce it. */
  Path jar() {
    String configured = System.getProperty(jarProperty);
    if (configured == null || configured.isBlank()) {
      throw new AssertionError(
          "system property " + jarProperty + " is not set; run the suite through Maven "
              + "(mvn -pl smoke-tests/tests -am verify) or pass it");
    }
    Path jar = Path.of(configured).toAbsolutePath().normalize();
    if (!Files.isRegularFile(jar)) {
      throw new AssertionError(
          "app jar " + jar + " does not exist; package smoke-tests/apps/" + id + "-app first");
    }
    return jar;
  }

  @Override
  public String toString() {
    return id;
  }
}
