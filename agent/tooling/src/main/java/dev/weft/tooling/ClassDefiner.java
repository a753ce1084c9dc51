package dev.weft.tooling;

import dev.weft.core.log.AgentLog;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * Defines a class from bytes in a given class loader, through {@code ClassLoader.defineClass}.
 *
 * <p>On Java 9 and later that method is reachable by reflection only once the agent has opened
 * {@code java.lang} to itself, which {@link #prepare(Instrumentation)} does through {@code
 * Instrumentation.redefineModule} (the sanctioned way for an agent; no {@code sun.misc.Unsafe},
 * so no warning on recent JDKs). Thread-safe after {@link #prepare}.
 */
final class ClassDefiner {

  private static volatile Method defineClass;

  private ClassDefiner() {}

  /** Makes {@code ClassLoader.defineClass} accessible; returns whether it worked. */
  static boolean prepare(Instrumentation instrumentation) {
    try {
      openJavaLangToAgent(instrumentation);
      Method method =
          ClassLoader.class.getDeclaredMethod(
              "defineClass",
              String.class,
              byte[].class,
              int.class,
              int.class,
              ProtectionDomain.class);
      method.setAccessible(true);
      defineClass = method;
      return true;
    } catch (Exception | LinkageError e) {
      AgentLog.warn(
          "Cannot define helper classes in application class loaders; instrumentations that"
              + " need them stay off",
          e);
      return false;
    }
  }

  static boolean isPrepared() {
    return defineClass != null;
  }

  /**
   * Defines {@code name} in {@code loader}. A class of that name that the loader already defined
   * (a concurrent injection won the race) is not an error.
   */
  static void define(ClassLoader loader, String name, byte[] bytes) throws Exception {
    Method method = defineClass;
    if (method == null) {
      throw new IllegalStateException("helper class injection is not available");
    }
    try {
      method.invoke(loader, name, bytes, 0, bytes.length, null);
    } catch (java.lang.reflect.InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof LinkageError && isAlreadyDefined(loader, name)) {
        return;
      }
      throw e;
    }
  }

  private static boolean isAlreadyDefined(ClassLoader loader, String name) {
    try {
      return Class.forName(name, false, loader).getClassLoader() == loader;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** {@code java.base} opens {@code java.lang} to this class's module; a no-op on Java 8. */
  private static void openJavaLangToAgent(Instrumentation instrumentation) throws Exception {
    Method getModule;
    try {
      getModule = Class.class.getMethod("getModule");
    } catch (NoSuchMethodException java8) {
      return;
    }
    Class<?> moduleType = Class.forName("java.lang.Module");
    Object javaBase = getModule.invoke(ClassLoader.class);
    Object agentModule = getModule.invoke(ClassDefiner.class);
    Method redefineModule =
        Instrumentation.class.getMethod(
            "redefineModule", moduleType, Set.class, Map.class, Map.class, Set.class, Map.class);
    redefineModule.invoke(
        instrumentation,
        javaBase,
        Collections.emptySet(),
        Collections.emptyMap(),
        Collections.singletonMap("java.lang", Collections.singleton(agentModule)),
        Collections.emptySet(),
        Collections.emptyMap());
  }
}
