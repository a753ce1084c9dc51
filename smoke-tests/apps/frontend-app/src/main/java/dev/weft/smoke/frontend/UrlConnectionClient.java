package dev.weft.smoke.frontend;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * {@code url-connection}: the JDK's {@link HttpURLConnection}, as most code uses it: open, set
 * timeouts, read the status, then the body (the error stream for 4xx and 5xx). The body is read
 * to the end and closed, so the JDK keeps the connection alive for the next call. Thread-safe: a
 * connection per call.
 */
final class UrlConnectionClient implements BackendClient {

  @Override
  public Response get(String url) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
    connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
    connection.setReadTimeout(READ_TIMEOUT_MILLIS);
    int status = connection.getResponseCode();
    InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
    if (in == null) {
      return new Response(status, "");
    }
    try (InputStream body = in) {
      return new Response(status, new String(body.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
