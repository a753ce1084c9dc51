package dev.weft.tooling;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * How the transformer describes the classes it matches and weaves: type descriptions read from
 * class files are kept per class loader and reused by the next class; and each class's pool
 * marks it as the {@link TypeBeingMatched} of its thread.
 *
 * <p>Hierarchy questions asked of every loaded class go to the {@link SuperTypeIndex}, which
 * reads class file headers only. What still needs Byte Buddy's full descriptions is weaving a
 * matched class (its methods, and its super types where frames are computed) and matching the
 * classes already loaded when the agent starts. Byte Buddy's default strategy starts from an
 * empty cache for each class, so the super types that woven classes share (a servlet's {@code
 * GenericServlet}, a driver's base statement) would be located and parsed again for each.
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

  /**
   * Enough for the shared super types of the classes being woven at one time. A description
   * costs about 20 KB of heap and most are never asked again once the application has started, so
   * the cache stays small rather than holding everything startup resolved.
   */
  static final int TYPES_PER_CLASS_LOADER = 32;

  private final Map<ClassLoader, TypePool.CacheProvider> byClassLoader =
      Collections.synchronizedMap(new WeakHashMap<ClassLoader, TypePool.CacheProvider>());
  private final TypePool.CacheProvider bootstrap = new Lru(TYPES_PER_CLASS_LOADER);

  CachingPoolStrategy() {
    super(TypePool.Default.ReaderMode.FAST);
  }

  /**
   * The pool for matching and weaving the class {@code name} as the JVM loads it; also records it
   * as the {@link TypeBeingMatched} of this thread until the transformation completes.
   *
   * <p>A class that {@link IgnoredTypes} rules out by name gets a pool without a cache: the
   * transformer asks it for the name only, and a cache for its class loader would be kept for
   * nothing. That matters for the JDK's reflection accessors, each defined by a class loader of
   * its own: a framework application creates hundreds of them.
   */
  @Override
  public TypePool typePool(ClassFileLocator classFileLocator, ClassLoader classLoader, String name) {
    if (IgnoredTypes.isIgnored(name)) {
      return new TypePool.Default.WithLazyResolution(
          TypePool.CacheProvider.NoOp.INSTANCE, classFileLocator, readerMode);
    }
    TypeBeingMatched.enter(name, classLoader, classFileLocator);
    return super.typePool(classFileLocator, classLoader, name);
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
