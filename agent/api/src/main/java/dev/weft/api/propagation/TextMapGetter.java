package dev.weft.api.propagation;

import java.util.Collections;
import java.util.Iterator;

/**
 * Reads headers (or header-like entries) from a carrier: an incoming request, a message.
 * Implementations are stateless singletons, so extraction allocates no function object.
 *
 * <p>Keys are given in lower case; a getter over case-insensitive headers (HTTP) must find them
 * whatever their case. Propagators read through {@link #getAll}, so that a header sent on several
 * lines is seen whole; a getter over a carrier that can hold repeated headers (every HTTP request)
 * must override it.
 *
 * @param <C> the carrier type
 */
public interface TextMapGetter<C> {

  /** The (first) value of {@code key} in {@code carrier}, or null when absent. */
  String get(C carrier, String key);

  /**
   * Every value of {@code key} in {@code carrier}, one per header line, in the order received;
   * empty when absent. Never null. The values are as sent: the propagators combine them into one
   * comma-separated value, as HTTP prescribes (RFC 7230 section 3.2.2, now RFC 9110 section 5.3),
   * and decide what a repeated field means.
   *
   * <p>The default returns {@link #get}'s value alone, which is right only for carriers that hold
   * one value per key (a map of message properties).
   */
  default Iterator<String> getAll(C carrier, String key) {
    String value = get(carrier, key);
    return value == null
        ? Collections.<String>emptyIterator()
        : Collections.singletonList(value).iterator();
  }
}
