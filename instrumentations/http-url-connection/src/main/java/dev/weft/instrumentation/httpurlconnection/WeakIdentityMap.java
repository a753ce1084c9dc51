package dev.weft.instrumentation.httpurlconnection;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A concurrent map from objects, compared by identity and held weakly, to values: state attached
 * to objects whose class cannot get a field (JDK classes woven under retransformation).
 *
 * <p>Identity, not {@code equals}: the JDK's {@code HttpsURLConnectionImpl} defines {@code
 * equals} and {@code hashCode} by its delegate, and an application's subclass may define them
 * by URL; two connections are never the same call. An entry goes away after its key is
 * collected, at the next operation on the map; a value must therefore not refer to its key, or
 * the key is never collected.
 *
 * <p>Thread-safe and lock-free for readers ({@link ConcurrentHashMap}); values are never null.
 */
final class WeakIdentityMap<K, V> {

  private final ConcurrentHashMap<Object, V> entries = new ConcurrentHashMap<Object, V>();
  private final ReferenceQueue<K> collected = new ReferenceQueue<K>();

  /** The value for {@code key}, or null. */
  V get(K key) {
    expungeCollected();
    return entries.get(new Lookup(key));
  }

  /** Maps {@code key} to {@code value} unless it is mapped; returns the earlier value, or null. */
  V putIfAbsent(K key, V value) {
    expungeCollected();
    return entries.putIfAbsent(new WeakKey<K>(key, collected), value);
  }

  /** The number of entries whose keys were not yet found collected. */
  int size() {
    expungeCollected();
    return entries.size();
  }

  private void expungeCollected() {
    Reference<? extends K> reference;
    while ((reference = collected.poll()) != null) {
      // A cleared key equals only itself, so this removes exactly its own entry.
      entries.remove(reference);
    }
  }

  /** How a key is stored: weakly, with the identity hash it had when it was alive. */
  private static final class WeakKey<K> extends WeakReference<K> {
    private final int hash;

    WeakKey(K key, ReferenceQueue<? super K> queue) {
      super(key, queue);
      this.hash = System.identityHashCode(key);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object other) {
      if (other == this) {
        return true;
      }
      Object key = get();
      if (key == null) {
        return false;
      }
      if (other instanceof Lookup) {
        return ((Lookup) other).key == key;
      }
      return other instanceof WeakKey && ((WeakKey<?>) other).get() == key;
    }
  }

  /** How a key is looked up: strongly, for the duration of one call. */
  private static final class Lookup {
    private final Object key;
    private final int hash;

    Lookup(Object key) {
      this.key = key;
      this.hash = System.identityHashCode(key);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object other) {
      if (other instanceof WeakKey) {
        return ((WeakKey<?>) other).get() == key;
      }
      return other instanceof Lookup && ((Lookup) other).key == key;
    }
  }
}
