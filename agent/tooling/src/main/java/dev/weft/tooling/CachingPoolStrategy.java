package dev.weft.tooling;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.pool.TypePool;

/**
 * How the transformer describes the classes it matches: type descriptions read from class files
 * are kept per class loader and reused by the next class's matching.
 *
 * <p>Matching a class against {@code hasSuperType(...)} (JDBC statements, servlets, filters)
 * reads its whole hierarchy: every super class and interface, each located through the class
 * loader and parsed. Byte Buddy's default strategy starts from an empty cache for each class, so
 * in an application of 20,000 classes the shared part of those hierarchies ({@code Object},
 * {@code Serializable}, the framework's base classes) is located and parsed again for every
 * one; in a Spring Boot fat jar, where locating a class file goes through nested-jar URLs, that
 * was over a third of the agent-enabled application's startup CPU. Reusing the descriptions
 * removes almost all of it.
 *
 * <p>Bounded: each class loader's cache keeps its {@value #TYPES_PER_CLASS_LOADER} most recently
 * used descriptions; class loaders are held weakly, and a description holds its class loader
 * only weakly (the transformer locates class files through
 * {@link AgentBuilder.LocationStrategy.ForClassLoader#WEAK}), so an undeployed application's
 * loader and its cache are collected.
 *
 * <p>Thread-safe: classes load on many threads at once.
 */
final class CachingPoolStrategy extends AgentBuilder.PoolStrategy.WithTypePoolCache {

  /** Enough for the hierarchies a framework shares; a few MB at most per class loader. */
  static final int TYPES_PER_CLASS_LOADER = 16384;

  private final Map<ClassLoader, TypePool.CacheProvider> byClassLoader =
      Collections.synchronizedMap(new WeakHashMap<ClassLoader, TypePool.CacheProvider>());
  private final TypePool.CacheProvider bootstrap = new Lru(TYPES_PER_CLASS_LOADER);

  CachingPoolStrategy() {
    super(TypePool.Default.ReaderMode.FAST);
  }

  @Override
  protected TypePool.CacheProvider locate(ClassLoader classLoader) {
    if (classLoader == null) {
      return bootstrap;
    }
    synchronized (byClassLoader) {
      TypePool.CacheProvider cache = byClassLoader.get(classLoader);
      if (cache == null) {
        cache = new Lru(TYPES_PER_CLASS_LOADER);
        byClassLoader.put(classLoader, cache);
      }
      return cache;
    }
  }

  /** A cache that forgets its least recently used description beyond a fixed size. */
  static final class Lru implements TypePool.CacheProvider {
    private final Map<String, TypePool.Resolution> resolutions;

    Lru(final int capacity) {
      this.resolutions =
          new LinkedHashMap<String, TypePool.Resolution>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, TypePool.Resolution> eldest) {
              return size() > capacity;
            }
          };
    }

    @Override
    public synchronized TypePool.Resolution find(String name) {
      return resolutions.get(name);
    }

    @Override
    public synchronized TypePool.Resolution register(String name, TypePool.Resolution resolution) {
      TypePool.Resolution earlier = resolutions.get(name);
      if (earlier != null) {
        return earlier;
      }
      resolutions.put(name, resolution);
      return resolution;
    }

    @Override
    public synchronized void clear() {
      resolutions.clear();
    }

    synchronized int size() {
      return resolutions.size();
    }
  }
}
