package dev.weft.api.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WeakIdentityMapTest {

  /** Equal to every other instance, like a connection class that compares by URL. */
  private static final class EqualToAll {
    @Override
    public boolean equals(Object other) {
      return other instanceof EqualToAll;
    }

    @Override
    public int hashCode() {
      return 1;
    }
  }

  @Test
  void isEmpty_followsPutsAndRemoves() {
    WeakIdentityMap<Object, String> map = new WeakIdentityMap<>();
    Object key = new Object();
    assertTrue(map.isEmpty());
    map.put(key, "value");
    assertFalse(map.isEmpty());
    assertEquals("value", map.remove(key));
    assertTrue(map.isEmpty());
  }

  @Test
  void keysAreComparedByIdentity_notEquals() {
    WeakIdentityMap<Object, String> map = new WeakIdentityMap<>();
    Object first = new EqualToAll();
    Object second = new EqualToAll();

    assertNull(map.putIfAbsent(first, "first"));
    assertNull(map.putIfAbsent(second, "second"));

    assertEquals("first", map.get(first));
    assertEquals("second", map.get(second));
    assertNull(map.get(new EqualToAll()));
  }

  @Test
  void putIfAbsent_keepsTheFirstValue() {
    WeakIdentityMap<Object, String> map = new WeakIdentityMap<>();
    Object key = new Object();

    assertNull(map.putIfAbsent(key, "first"));
    assertSame("first", map.putIfAbsent(key, "second"));
    assertEquals("first", map.get(key));
  }

  @Test
  void entryGoesAway_onceItsKeyIsCollected() {
    WeakIdentityMap<Object, String> map = new WeakIdentityMap<>();
    Object kept = new Object();
    map.putIfAbsent(kept, "kept");
    map.putIfAbsent(new Object(), "dropped");

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (map.size() != 1) {
      if (System.nanoTime() > deadline) {
        fail("the entry of a collected key is still there: " + map.size() + " entries");
      }
      System.gc();
    }
    assertEquals("kept", map.get(kept));
  }

  @Test
  void put_replaces_nullValueRemoves_andRemoveReturnsTheValue() {
    WeakIdentityMap<Object, String> map = new WeakIdentityMap<>();
    Object key = new Object();
    map.put(key, "first");
    map.put(key, "second");
    assertEquals("second", map.get(key));
    map.put(key, null);
    assertNull(map.get(key));
    map.put(key, "third");
    assertEquals("third", map.remove(key));
    assertNull(map.get(key));
    assertNull(map.get(null));
  }
}
