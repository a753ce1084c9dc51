package dev.weft.smoke.springboot3;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

/**
 * The beans of the legacy DispatcherServlet's own context ({@link OtherHandlers}). Deliberately a
 * top-level class without {@code @Configuration}: neither the application's component scan nor
 * its configuration classes (which register their nested classes with {@code @Bean} methods) may
 * put this mapping into the application's own context, where it would answer every unmatched path.
 */
class LegacyHandlers {

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
