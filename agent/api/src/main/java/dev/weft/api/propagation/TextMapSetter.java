package dev.weft.api.propagation;

/**
 * Writes one header (or header-like entry) into a carrier: an outgoing request, a message.
 * Implementations are stateless singletons. Setting a key that is already present replaces it.
 *
 * @param <C> the carrier type
 */
public interface TextMapSetter<C> {

  void set(C carrier, String key, String value);
}
