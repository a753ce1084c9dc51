package dev.weft.tooling;

import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Matches class loaders that can see all of the named classes, by looking for their class files
 * as resources (nothing is loaded or initialised). The answer is remembered per class loader, so
 * the cost is paid once per loader rather than once per class; the loaders are held weakly.
 *
 * <p>This is the cheap "is the library here at all?" test that runs before any type matching.
 * Thread-safe.
 */
public final class ClassLoaderHasClasses implements ElementMatcher<ClassLoader> {

  private final String[] resourceNames;
  private final Map<ClassLoader, Boolean> cache = new WeakHashMap<ClassLoader, Boolean>();
  private final Object lock = new Object();

  private ClassLoaderHasClasses(String[] classNames) {
    resourceNames = new String[classNames.length];
    for (int i = 0; i < classNames.length; i++) {
      resourceNames[i] = classNames[i].replace('.', '/') + ".class";
    }
  }

  /** A matcher for loaders that see every one of {@code classNames}. */
  public static ClassLoaderHasClasses hasClasses(String... classNames) {
    return new ClassLoaderHasClasses(classNames);
  }

  @Override
  public boolean matches(ClassLoader loader) {
    if (loader == null) {
      // The bootstrap loader holds the JDK and the agent; library classes are never there.
      return false;
    }
    synchronized (lock) {
      Boolean known = cache.get(loader);
      if (known != null) {
        return known;
      }
    }
    boolean found = lookUp(loader);
    synchronized (lock) {
      cache.put(loader, found);
    }
    return found;
  }

  private boolean lookUp(ClassLoader loader) {
    try {
      for (String resource : resourceNames) {
        if (loader.getResource(resource) == null) {
          return false;
        }
      }
      return true;
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }
}
