package dev.weft.smoke.frontend;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code java-http} and {@code java-http-async}: one {@link HttpClient} (HTTP/1.1, as the backend
 * speaks nothing else and the JDK client would otherwise try an h2c upgrade), {@code send} and
 * {@code sendAsync}. Thread-safe.
 */
final class JavaHttpClients {

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofMillis(BackendClient.CONNECT_TIMEOUT_MILLIS))
          .build();

  BackendClient.Response send(String url) throws IOException, InterruptedException {
    HttpResponse<String> response = client.send(request(url), HttpResponse.BodyHandlers.ofString());
    return new BackendClient.Response(response.statusCode(), response.body());
  }

  BackendClient.Response sendAsync(String url)
      throws InterruptedException, ExecutionException, TimeoutException {
    HttpResponse<String> response =
        client
            .sendAsync(request(url), HttpResponse.BodyHandlers.ofString())
            .get(BackendClient.READ_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    return new BackendClient.Response(response.statusCode(), response.body());
  }

  private static HttpRequest request(String url) {
    return HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofMillis(BackendClient.READ_TIMEOUT_MILLIS))
        .GET()
        .build();
  }
}
