package dev.weft.api.internal;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A concurrent map from objects, compared by identity and held weakly, to values: the state
 * instrumentations attach to objects whose class cannot get a field (library and JDK classes
 * woven under retransformation, which allows no new fields) — a connection's request, a
 * statement's SQL.
 *
 * <p>Identity, not {@code equals}: two objects that are equal are still two calls (the JDK's
 * {@code HttpsURLConnectionImpl} defines {@code equals} by its delegate; a pool's proxy may define
 * it by what it wraps). An entry goes away after its key is collected, at a later write or
 * {@link #size()}; a value must therefore not refer to its key, or the key is never collected.
 *
 * <p>Thread-safe; reads are lock-free ({@link ConcurrentHashMap}). Values are never null.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class WeakIdentityMap<K, V> {

  private final ConcurrentHashMap<Object, V> entries = new ConcurrentHashMap<Object, V>();
  private final ReferenceQueue<K> collected = new ReferenceQueue<K>();

  /** The value for {@code key}, or null (also for a null key). */
  public V get(K key) {
    return key == null ? null : entries.get(new Lookup(key));
  }

  /** Associates {@code value} with {@code key}; a null value removes the entry. */
  public void put(K key, V value) {
    if (key == null) {
      return;
    }
    expungeCollected();
    if (value == null) {
      entries.remove(new Lookup(key));
    } else {
      entries.put(new WeakKey<K>(key, collected), value);
    }
  }

  /** Maps {@code key} to {@code value} unless it is mapped; returns the earlier value, or null. */
  public V putIfAbsent(K key, V value) {
    if (key == null || value == null) {
      return null;
    }
    expungeCollected();
    return entries.putIfAbsent(new WeakKey<K>(key, collected), value);
  }

  /** Removes the entry of {@code key}; returns its value, or null. */
  public V remove(K key) {
    return key == null ? null : entries.remove(new Lookup(key));
  }

  /**
   * Whether the map holds no entry at all (collected keys not yet removed count as entries).
   * Cheaper than a lookup, which must hash its key: for callers that look up many keys that are
   * mostly absent.
   */
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** The number of entries whose keys were not yet found collected. */
  public int size() {
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
