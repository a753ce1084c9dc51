package dev.weft.tooling;

import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * Which of the agent's target super types (a servlet, a JDBC statement: the names {@link
 * SuperTypeMatcher}s ask about) a class has among itself, its super classes and its interfaces,
 * answered from class file headers and remembered per class loader and class name.
 *
 * <p>Matching every class the JVM loads against {@code hasSuperType(...)} the Byte Buddy way
 * parses each class completely and walks its whole hierarchy once per matcher; in a framework
 * application most of the agent's startup CPU went there. Here a class's header (access flags,
 * super class, interfaces: ASM reads it without visiting members) is combined with what is
 * already known of its direct super types, so each class file of a hierarchy is located and read
 * at most once per class loader, and a class whose super types are known costs a few map lookups.
 *
 * <p>What is remembered: for each class name a class loader resolved, a bit set of the targets
 * it has, tagged with the number of targets registered when it was computed, so that a target
 * registered later (an instrumentation built after matching began) makes older entries stale
 * rather than wrong. At most {@value #MAX_TARGETS} targets; matchers beyond that fall back. The
 * entries of a class loader grow with the classes it resolves (a small fraction of what the
 * loader itself holds); class loaders are held weakly. The {@code java.*} types are remembered
 * once for all class loaders, as only the JDK's loaders may define them.
 *
 * <p>Thread-safe: classes load on many threads at once; two threads computing the same entry
 * store the same value.
 */
final class SuperTypeIndex {

  static final SuperTypeIndex INSTANCE = new SuperTypeIndex();

  static final int MAX_TARGETS = 56;
  private static final int COUNT_SHIFT = 56;
  private static final long BITS_MASK = (1L << COUNT_SHIFT) - 1;
  /** Valid hierarchies are far shallower; a malformed, cyclic one stops here. */
  private static final int MAX_DEPTH = 64;

  /** Registered target names and their bit indexes; replaced, never changed. */
  private volatile Map<String, Integer> targets = Collections.emptyMap();

  private final Map<ClassLoader, Map<String, Long>> byClassLoader =
      new WeakHashMap<ClassLoader, Map<String, Long>>();
  private final Map<String, Long> bootstrap = new ConcurrentHashMap<String, Long>();

  /**
   * The {@code java.*} types, whichever class loader asked: only the JDK's own loaders may define
   * them, so a name stands for the same class everywhere, and the JDK's classes and interfaces
   * that every hierarchy ends in are read once, not once per application class loader. Their
   * super types are resolved as the JDK's loaders see them.
   */
  private final Map<String, Long> javaTypes = new ConcurrentHashMap<String, Long>();

  private static final ClassFileLocator JDK_CLASS_FILES =
      ClassFileLocator.ForClassLoader.ofPlatformLoader();

  /**
   * The entry of a class with none of the targets, one per target count: most entries are that,
   * and sharing it keeps each of them to a map node and a name.
   */
  private final Long[] noTargets = new Long[MAX_TARGETS + 1];

  /**
   * The bit set standing for any of {@code names}, registering those not yet known; 0 once
   * {@value #MAX_TARGETS} targets are taken (the caller then cannot use the index).
   */
  synchronized long bitsFor(String... names) {
    Map<String, Integer> next = new HashMap<String, Integer>(targets);
    long bits = 0;
    for (String name : names) {
      Integer index = next.get(name);
      if (index == null) {
        if (next.size() == MAX_TARGETS) {
          return 0;
        }
        index = next.size();
        next.put(name, index);
      }
      bits |= 1L << index;
    }
    targets = Collections.unmodifiableMap(next);
    return bits;
  }

  /**
   * The targets among the class {@code type} and its super types, as the class is being matched:
   * its own class file comes from the transformer's locator, its super types' through the class
   * loader. A super type whose class file cannot be found contributes its own name only (Byte
   * Buddy would fail to match the class at all).
   */
  long targetsOf(TypeBeingMatched type) {
    Map<String, Integer> snapshot = targets;
    return bitsOf(
        memoOf(type.classLoader), type.classFileLocator, type.name, type.header(), snapshot, 0);
  }

  /** {@code header} is the class's own when at hand, or null to read it through the locator. */
  private long bitsOf(
      Map<String, Long> memo,
      ClassFileLocator locator,
      String name,
      ClassReader header,
      Map<String, Integer> snapshot,
      int depth) {
    if (memo != javaTypes && name.startsWith("java.")) {
      memo = javaTypes;
      locator = JDK_CLASS_FILES;
    }
    Long known = memo.get(name);
    if (known != null && known >>> COUNT_SHIFT == snapshot.size()) {
      return known & BITS_MASK;
    }
    Integer own = snapshot.get(name);
    long bits = own == null ? 0 : 1L << own;
    if (!"java.lang.Object".equals(name) && depth < MAX_DEPTH) {
      if (header == null) {
        header = readHeader(locator, name);
      }
      if (header != null) {
        String superName = header.getSuperName();
        if (superName != null) {
          bits |= bitsOf(memo, locator, binaryName(superName), null, snapshot, depth + 1);
        }
        for (String interfaceName : header.getInterfaces()) {
          bits |= bitsOf(memo, locator, binaryName(interfaceName), null, snapshot, depth + 1);
        }
      }
    }
    memo.put(name, entry(snapshot.size(), bits));
    return bits;
  }

  private Long entry(int targetCount, long bits) {
    if (bits != 0) {
      return ((long) targetCount << COUNT_SHIFT) | bits;
    }
    Long shared = noTargets[targetCount];
    if (shared == null) {
      shared = (long) targetCount << COUNT_SHIFT;
      noTargets[targetCount] = shared;
    }
    return shared;
  }

  /** The header of a class file (ASM parses only the constant pool), or null if unreadable. */
  static ClassReader readHeader(ClassFileLocator locator, String name) {
    try {
      ClassFileLocator.Resolution resolution = locator.locate(name);
      return resolution.isResolved() ? OpenedClassReader.of(resolution.resolve()) : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static String binaryName(String internalName) {
    return internalName.replace('/', '.');
  }

  private Map<String, Long> memoOf(ClassLoader classLoader) {
    if (classLoader == null) {
      return bootstrap;
    }
    synchronized (byClassLoader) {
      Map<String, Long> memo = byClassLoader.get(classLoader);
      if (memo == null) {
        memo = new ConcurrentHashMap<String, Long>();
        byClassLoader.put(classLoader, memo);
      }
      return memo;
    }
  }
}
