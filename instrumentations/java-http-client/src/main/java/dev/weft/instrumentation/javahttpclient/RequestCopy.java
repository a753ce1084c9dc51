package dev.weft.instrumentation.javahttpclient;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A copy of an application's {@code HttpRequest} with the trace headers set: the request is
 * immutable, so the call is made with the copy while the application's own object stays as it
 * was (a request sent twice, or retried, never accumulates headers).
 *
 * <p>The copy is rebuilt through the public {@code HttpRequest.Builder} API of JDK 11, which
 * behaves the same on every later JDK: URI, method and body publisher (the same publisher object,
 * so the body is produced exactly as without the agent), headers, timeout, version and {@code
 * expectContinue}. A header the propagators write replaces every application header of the same
 * name, whatever its case, so the server receives it once. A request without a body publisher
 * keeps having none ({@code GET()}/{@code DELETE()}), as the JDK treats that differently from an
 * empty body. (JDK 16 added {@code HttpRequest.newBuilder(request, filter)}, which copies the
 * same fields; this class does not need it and so works on 11 to 15 too.)
 *
 * <p>Helper class: defined in {@code java.net.http}'s class loader. Stateless; thread-safe.
 */
final class RequestCopy {

  private RequestCopy() {}

  /**
   * The request with {@code injected} set.
   *
   * @throws RuntimeException when the JDK's builder refuses a value of the original (possible
   *     only for an application's own {@code HttpRequest} subclass); the caller sends the
   *     original then
   */
  static HttpRequest with(HttpRequest request, InjectedHeaders injected) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri());
    for (Map.Entry<String, List<String>> header : request.headers().map().entrySet()) {
      String name = header.getKey();
      if (!injected.contains(name)) {
        for (String value : header.getValue()) {
          builder.header(name, value);
        }
      }
    }
    for (int i = 0; i < injected.size(); i++) {
      builder.header(injected.name(i), injected.value(i));
    }
    builder.expectContinue(request.expectContinue());
    Optional<Duration> timeout = request.timeout();
    if (timeout.isPresent()) {
      builder.timeout(timeout.get());
    }
    Optional<HttpClient.Version> version = request.version();
    if (version.isPresent()) {
      builder.version(version.get());
    }
    String method = request.method();
    Optional<HttpRequest.BodyPublisher> body = request.bodyPublisher();
    if (body.isPresent()) {
      builder.method(method, body.get());
    } else if ("GET".equals(method)) {
      builder.GET();
    } else if ("DELETE".equals(method)) {
      builder.DELETE();
    } else {
      builder.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return builder.build();
  }
}
