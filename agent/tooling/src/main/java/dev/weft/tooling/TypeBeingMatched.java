package dev.weft.tooling;

import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.jar.asm.ClassReader;

/**
 * The class the transformer is matching on this thread: its name, its class loader and the
 * locator that holds its class file as the JVM handed it over. Byte Buddy's type matchers see
 * only a {@code TypeDescription}; matchers that can answer from class file headers ({@link
 * SuperTypeMatcher}) look the rest up here.
 *
 * <p>Set when the transformer builds the class's type pool ({@link CachingPoolStrategy}) and
 * cleared when the transformation completes (the installer's listener). A class loaded while
 * another is being matched on the same thread (a class file read through a class loader can load
 * classes) stacks on top and is popped in turn. A matcher that finds no entry for its type, or one
 * for another type, falls back to Byte Buddy's own reading of the hierarchy.
 *
 * <p>Confined to its thread.
 */
final class TypeBeingMatched {

  /** Deeper nesting is not kept: the outer classes then fall back, which is only slower. */
  private static final int MAX_DEPTH = 8;

  private static final ThreadLocal<TypeBeingMatched> CURRENT = new ThreadLocal<TypeBeingMatched>();

  final String name;
  /** Null for the bootstrap class loader. */
  final ClassLoader classLoader;
  final ClassFileLocator classFileLocator;
  private final TypeBeingMatched outer;
  private final int depth;
  private boolean headerRead;
  /** The class file's header once read; null if it could not be read. */
  private ClassReader header;

  private TypeBeingMatched(
      String name, ClassLoader classLoader, ClassFileLocator classFileLocator, TypeBeingMatched outer) {
    this.name = name;
    this.classLoader = classLoader;
    this.classFileLocator = classFileLocator;
    this.outer = outer != null && outer.depth < MAX_DEPTH ? outer : null;
    this.depth = this.outer == null ? 0 : this.outer.depth + 1;
  }

  /** Records that this thread starts matching the class {@code name}. */
  static void enter(String name, ClassLoader classLoader, ClassFileLocator classFileLocator) {
    CURRENT.set(new TypeBeingMatched(name, classLoader, classFileLocator, CURRENT.get()));
  }

  /** Records that this thread is done with the class {@code name}; no-op for any other name. */
  static void exit(String name) {
    TypeBeingMatched current = CURRENT.get();
    if (current == null || !current.name.equals(name)) {
      return;
    }
    if (current.outer == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(current.outer);
    }
  }

  /**
   * The header of the class file (see {@link SuperTypeIndex#readHeader}), or null if it cannot be
   * read; read once, however many matchers ask.
   */
  ClassReader header() {
    if (!headerRead) {
      header = SuperTypeIndex.readHeader(classFileLocator, name);
      headerRead = true;
    }
    return header;
  }

  /** The class being matched on this thread if it is {@code name}, otherwise null. */
  static TypeBeingMatched current(String name) {
    TypeBeingMatched current = CURRENT.get();
    return current != null && current.name.equals(name) ? current : null;
  }
}
