package dev.weft.instrumentation.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.ref.WeakReference;
import org.junit.jupiter.api.Test;

class WeakIdentityMapTest {

  @Test
  void get_comparesByIdentity_notEquals() {
    WeakIdentityMap<String> map = new WeakIdentityMap<String>();
    String key = new String("k");
    map.put(key, "v");
    assertEquals("v", map.get(key));
    assertNull(map.get(new String("k")));
    assertEquals("v", map.remove(key));
    assertNull(map.get(key));
  }

  @Test
  void entries_doNotKeepTheirKeysAlive() throws InterruptedException {
    WeakIdentityMap<String> map = new WeakIdentityMap<String>();
    WeakReference<Object> reference = putFresh(map);
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (reference.get() != null || map.size() != 0) {
      if (System.nanoTime() > deadline) {
        fail("key still reachable or entry not purged");
      }
      System.gc();
      Thread.sleep(10);
    }
  }

  private static WeakReference<Object> putFresh(WeakIdentityMap<String> map) {
    Object key = new Object();
    map.put(key, "value");
    return new WeakReference<Object>(key);
  }
}
