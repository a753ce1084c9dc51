package dev.weft.instrumentation.httpurlconnection;

import dev.weft.api.propagation.TextMapSetter;
import java.net.HttpURLConnection;

/**
 * Writes propagation headers into a connection with {@code setRequestProperty}, which replaces a
 * header of the same name: a {@code traceparent} the application set itself is not sent twice.
 * The JDK keeps request properties across redirect hops, so every hop carries them. It replaces
 * only one line, though, and the API has no way to remove one: if the application added the same
 * header several times with {@code addRequestProperty}, its other lines go out beside ours.
 *
 * <p>A connection that is already connected refuses new properties ({@code
 * IllegalStateException}); the header is then not sent, and the application's request goes out
 * unchanged. Stateless; thread-safe.
 */
final class RequestPropertySetter implements TextMapSetter<HttpURLConnection> {

  static final RequestPropertySetter INSTANCE = new RequestPropertySetter();

  private RequestPropertySetter() {}

  @Override
  public void set(HttpURLConnection connection, String key, String value) {
    try {
      connection.setRequestProperty(key, value);
    } catch (RuntimeException alreadyConnected) {
      // Too late to add headers; propagating is best effort, the request is the application's.
    }
  }
}
