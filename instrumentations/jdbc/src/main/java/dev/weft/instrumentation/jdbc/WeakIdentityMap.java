package dev.weft.instrumentation.jdbc;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A concurrent map from objects, compared by identity and held weakly, to values: how the agent
 * attaches state (a prepared statement's SQL, a connection's database) to JDBC objects whose
 * classes cannot get fields under retransformation. An entry never keeps its key alive, so
 * statements and connections stay collectable; entries of collected keys are purged on later
 * writes. Values must not refer to their key (that would keep it alive).
 *
 * <p>Identity, not {@code equals}: a driver's or pool's {@code equals} may be anything (a proxy
 * may even forward it), and must not run inside the agent. Thread-safe; null keys are ignored,
 * a null value removes the entry.
 */
public final class WeakIdentityMap<V> {

  private final ConcurrentHashMap<Object, V> map = new ConcurrentHashMap<Object, V>();
  private final ReferenceQueue<Object> collected = new ReferenceQueue<Object>();

  /** The value for {@code key}, or null. Allocates one small lookup key. */
  public V get(Object key) {
    if (key == null) {
      return null;
    }
    return map.get(new LookupKey(key));
  }

  /** Associates {@code value} with {@code key}; a null value removes the entry. */
  public void put(Object key, V value) {
    if (key == null) {
      return;
    }
    purge();
    if (value == null) {
      map.remove(new LookupKey(key));
    } else {
      map.put(new WeakKey(key, collected), value);
    }
  }

  /** Removes the entry of {@code key}, returning its value or null. */
  public V remove(Object key) {
    if (key == null) {
      return null;
    }
    return map.remove(new LookupKey(key));
  }

  /** The number of entries, including those of keys collected but not yet purged. */
  public int size() {
    purge();
    return map.size();
  }

  private void purge() {
    Object reference;
    while ((reference = collected.poll()) != null) {
      map.remove(reference);
    }
  }

  /** Either kind of key: the referent it stands for, or null once collected. */
  private interface Key {
    Object referent();
  }

  private static boolean sameReferent(Key key, Object other) {
    if (other == key) {
      return true;
    }
    if (!(other instanceof Key)) {
      return false;
    }
    Object referent = key.referent();
    return referent != null && referent == ((Key) other).referent();
  }

  /** The stored key: weak, hashed by the referent's identity hash computed once. */
  private static final class WeakKey extends WeakReference<Object> implements Key {
    private final int hash;

    WeakKey(Object referent, ReferenceQueue<Object> queue) {
      super(referent, queue);
      this.hash = System.identityHashCode(referent);
    }

    @Override
    public Object referent() {
      return get();
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object other) {
      return sameReferent(this, other);
    }
  }

  /** A short-lived strong key for lookups, equal to the stored key of the same referent. */
  private static final class LookupKey implements Key {
    private final Object referent;

    LookupKey(Object referent) {
      this.referent = referent;
    }

    @Override
    public Object referent() {
      return referent;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(referent);
    }

    @Override
    public boolean equals(Object other) {
      return sameReferent(this, other);
    }
  }
}
