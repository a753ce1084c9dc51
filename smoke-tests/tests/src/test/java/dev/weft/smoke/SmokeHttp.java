package dev.weft.smoke;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The tests' HTTP client for one app: HTTP/1.1 (the apps speak nothing else, and the JDK client
 * would otherwise offer an h2c upgrade), a known User-Agent, and timeouts on connect and on every
 * request so a hung app fails the test instead of hanging the build. Thread-safe.
 */
final class SmokeHttp {

  static final String USER_AGENT = "weft-smoke-tests/1.0";
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

  /**
   * A response as the test saw it.
   *
   * @param status the HTTP status
   * @param body the body as UTF-8 text
   * @param contentType the Content-Type header, or "" when absent
   * @param elapsed from sending the request to having the whole body
   */
  record Response(int status, String body, String contentType, Duration elapsed) {}

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(CONNECT_TIMEOUT)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private final int port;
  private final Runnable beforeEachRequest;

  SmokeHttp(int port) {
    this(port, () -> {});
  }

  /** A client that runs {@code beforeEachRequest} before sending each request. */
  SmokeHttp(int port, Runnable beforeEachRequest) {
    this.port = port;
    this.beforeEachRequest = beforeEachRequest;
  }

  /**
   * GETs {@code pathAndQuery} from the app.
   *
   * @param headers extra request headers as name, value, name, value, ...
   */
  Response get(String pathAndQuery, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
            .timeout(REQUEST_TIMEOUT)
            .header("User-Agent", USER_AGENT)
            .GET();
    for (int i = 0; i + 1 < headers.length; i += 2) {
      if (headers[i].equalsIgnoreCase("User-Agent")) {
        request.setHeader(headers[i], headers[i + 1]);
      } else {
        request.header(headers[i], headers[i + 1]);
      }
    }
    beforeEachRequest.run();
    long start = System.nanoTime();
    HttpResponse<byte[]> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + pathAndQuery + " on port " + port + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted during GET " + pathAndQuery, e);
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    return new Response(
        response.statusCode(),
        new String(response.body(), StandardCharsets.UTF_8),
        response.headers().firstValue("Content-Type").orElse(""),
        elapsed);
  }

  /**
   * Sends {@code method pathAndQuery} without a body (POST, DELETE, ...) to the app.
   *
   * @param headers extra request headers as name, value, name, value, ...
   */
  Response send(String method, String pathAndQuery, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
            .timeout(REQUEST_TIMEOUT)
            .header("User-Agent", USER_AGENT)
            .method(method, HttpRequest.BodyPublishers.noBody());
    for (int i = 0; i + 1 < headers.length; i += 2) {
      if (headers[i].equalsIgnoreCase("User-Agent")) {
        request.setHeader(headers[i], headers[i + 1]);
      } else {
        request.header(headers[i], headers[i + 1]);
      }
    }
    beforeEachRequest.run();
    long start = System.nanoTime();
    HttpResponse<byte[]> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + pathAndQuery + " on port " + port + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted during " + method + " " + pathAndQuery, e);
    }
    return new Response(
        response.statusCode(),
        new String(response.body(), StandardCharsets.UTF_8),
        response.headers().firstValue("Content-Type").orElse(""),
        Duration.ofNanos(System.nanoTime() - start));
  }
}
