package dev.weft.api.propagation;

/**
 * Reads one header (or header-like entry) from a carrier: an incoming request, a message.
 * Implementations are stateless singletons, so extraction allocates no function object.
 *
 * @param <C> the carrier type
 */
public interface TextMapGetter<C> {

  /**
   * The value of {@code key} in {@code carrier}, or null when absent. Keys are given in lower
   * case; a getter over case-insensitive headers (HTTP) must find them whatever their case.
   */
  String get(C carrier, String key);
}
