package dev.weft.smoke.springboot3;

import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.servlet.error.DefaultErrorAttributes;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * The smoke-test application on Spring Boot 3 (Spring MVC's DispatcherServlet on embedded Tomcat),
 * with the same endpoints as the servlet apps except {@code /forward}.
 *
 * <p>Listens on 127.0.0.1 at the port of system property {@code app.port} (0 picks a free one),
 * prints {@code READY <port>} on stdout once it accepts requests, and stops on SIGTERM (Boot's
 * shutdown hook).
 */
@SpringBootApplication
@RestController
public class SpringBoot3App {

  /** Completes async requests off the container's threads, as real async code does. */
  private final ScheduledExecutorService asyncCompleter =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "smoke-async-completer");
            t.setDaemon(true);
            return t;
          });

  public static void main(String[] args) {
    OwnSdk.registerIfAsked();
    SpringApplication.run(SpringBoot3App.class, args);
  }

  @GetMapping(path = "/hello", produces = MediaType.TEXT_PLAIN_VALUE)
  String hello() {
    return "hello";
  }

  @GetMapping(path = "/users/{id}", produces = MediaType.TEXT_PLAIN_VALUE)
  String user(@PathVariable("id") String id) {
    return "user /" + id;
  }

  @GetMapping(path = "/status/{code}", produces = MediaType.TEXT_PLAIN_VALUE)
  ResponseEntity<String> status(@PathVariable("code") int code) {
    return ResponseEntity.status(code).body("status " + code);
  }

  @GetMapping("/boom")
  String boom() {
    throw new IllegalStateException("boom");
  }

  @GetMapping(path = "/async", produces = MediaType.TEXT_PLAIN_VALUE)
  DeferredResult<String> async(@RequestParam(name = "delayMs", defaultValue = "0") long delayMs) {
    DeferredResult<String> result = new DeferredResult<>();
    asyncCompleter.schedule(
        () -> result.setResult("async done"), Math.max(0, delayMs), TimeUnit.MILLISECONDS);
    return result;
  }

  /**
   * Uses the application's own Byte Buddy and Jackson, which differ in version from the agent's:
   * the answer is the same with and without the agent only if the agent's copies stay out of the
   * way.
   */
  @GetMapping(path = "/libraries", produces = MediaType.APPLICATION_JSON_VALUE)
  String libraries() throws Exception {
    Class<?> generated =
        new net.bytebuddy.ByteBuddy()
            .subclass(Object.class)
            .name("dev.weft.smoke.springboot3.Generated")
            .method(net.bytebuddy.matcher.ElementMatchers.named("toString"))
            .intercept(net.bytebuddy.implementation.FixedValue.value("made by the app's Byte Buddy"))
            .make()
            .load(getClass().getClassLoader(), net.bytebuddy.dynamic.loading.ClassLoadingStrategy.Default.WRAPPER)
            .getLoaded();
    Map<String, String> answer = new java.util.LinkedHashMap<>();
    answer.put("generated", generated.getDeclaredConstructor().newInstance().toString());
    answer.put("jackson", com.fasterxml.jackson.core.json.PackageVersion.VERSION.toString());
    return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(answer);
  }

  /** Prints the port the tests wait for. */
  @Bean
  ApplicationListener<WebServerInitializedEvent> readyPrinter() {
    return event -> System.out.println("READY " + event.getWebServer().getPort());
  }

  /**
   * Boot's error body without its timestamp: the smoke tests compare responses with and without
   * the agent byte for byte, and a timestamp differs on every response.
   */
  @Bean
  ErrorAttributes errorAttributes() {
    return new DefaultErrorAttributes() {
      @Override
      public Map<String, Object> getErrorAttributes(
          WebRequest request, ErrorAttributeOptions options) {
        Map<String, Object> attributes = super.getErrorAttributes(request, options);
        attributes.remove("timestamp");
        return attributes;
      }
    };
  }
}
