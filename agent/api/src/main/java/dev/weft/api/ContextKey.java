package dev.weft.api;

/**
 * The key of a value a {@link Context} carries besides its span and baggage. Keys compare by
 * identity: only the holder of a key can read what was stored under it, so two users of the
 * same name never see each other's values. Immutable and thread-safe.
 *
 * @param <T> the type of the value stored under this key
 */
public final class ContextKey<T> {

  private final String name;

  private ContextKey(String name) {
    this.name = name;
  }

  /** A new key; the name is for {@code toString} only. */
  public static <T> ContextKey<T> named(String name) {
    return new ContextKey<T>(name);
  }

  @Override
  public String toString() {
    return name;
  }
}
