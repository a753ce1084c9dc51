package dev.weft.smoke.springboot27;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

/**
 * Handlers that are not annotated controllers: a functional endpoint, and a second
 * DispatcherServlet at {@code /legacy/*} whose only handler mapping is a {@code
 * SimpleUrlHandlerMapping} with a path pattern and a handler for {@code /*}, which Spring uses
 * for every path the pattern does not match.
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

  /**
   * The legacy servlet's own beans. Deliberately not a {@code @Configuration}: the application's
   * component scan must not pick it up.
   */
  static class LegacyHandlers {

    @Bean
    SimpleUrlHandlerMapping handlerMapping() {
      Map<String, Object> urls = new LinkedHashMap<>();
      urls.put("/items/{id}", (HttpRequestHandler) (request, response) ->
          write(response, "legacy item"));
      urls.put("/*", (HttpRequestHandler) (request, response) ->
          write(response, "legacy fallback"));
      SimpleUrlHandlerMapping mapping = new SimpleUrlHandlerMapping();
      mapping.setUrlMap(urls);
      return mapping;
    }

    private static void write(HttpServletResponse response, String body) throws IOException {
      response.setContentType("text/plain;charset=UTF-8");
      response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }
  }
}
