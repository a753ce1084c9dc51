package dev.weft.smoke.springboot3;

import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Handlers that are not annotated controllers: a functional endpoint, and a second
 * DispatcherServlet at {@code /legacy/*} whose only handler mapping is a {@code
 * SimpleUrlHandlerMapping} with a path pattern and a handler for {@code /*}, which Spring uses
 * for every path the pattern does not match ({@link LegacyHandlers}).
 */
@Configuration(proxyBeanMethods = false)
public class OtherHandlers {

  @Bean
  RouterFunction<ServerResponse> greetings() {
    return RouterFunctions.route()
        .GET("/fn/greetings/{name}", request -> ServerResponse.ok()
            .contentType(org.springframework.http.MediaType.TEXT_PLAIN)
            .body("hello " + request.pathVariable("name")))
        .build();
  }

  @Bean
  ServletRegistrationBean<DispatcherServlet> legacyDispatcherServlet() {
    AnnotationConfigWebApplicationContext context = new AnnotationConfigWebApplicationContext();
    context.register(LegacyHandlers.class);
    DispatcherServlet servlet = new DispatcherServlet(context);
    // Only its own mapping (bean "handlerMapping"), not the application's, which it would
    // otherwise find in its parent context.
    servlet.setDetectAllHandlerMappings(false);
    ServletRegistrationBean<DispatcherServlet> registration =
        new ServletRegistrationBean<>(servlet, "/legacy/*");
    registration.setName("legacyDispatcherServlet");
    registration.setLoadOnStartup(1);
    return registration;
  }
}
