package dev.weft.instrumentation.okhttp;

import dev.weft.api.propagation.TextMapSetter;
import okhttp3.Request;

/**
 * Writes propagation headers into an OkHttp request builder with {@code header(name, value)},
 * which replaces every earlier value of that name (case-insensitively), so a header the
 * application set itself is not duplicated. Stateless singleton.
 *
 * <p>A helper class (defined in OkHttp's class loader).
 */
final class RequestHeaderSetter implements TextMapSetter<Request.Builder> {

  static final RequestHeaderSetter INSTANCE = new RequestHeaderSetter();

  private RequestHeaderSetter() {}

  @Override
  public void set(Request.Builder carrier, String key, String value) {
    if (carrier != null && key != null && value != null) {
      carrier.header(key, value);
    }
  }
}
