package dev.weft.tooling;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.loading.ClassInjector;
import net.bytebuddy.utility.JavaModule;

/**
 * A transformation step that lets a class in a named module call the agent's classes once it is
 * woven: before the woven code can run, the class's module is made to read the unnamed module of
 * the bootstrap class loader (where the agent jar is: the API, the instrumentations' common
 * classes) and the unnamed module of the class's own loader (where helper classes are injected).
 *
 * <p>Why: a named module reads only the modules its descriptor names, and never an unnamed module
 * by default. A JDK class woven with advice ({@code java.net.http}'s {@code HttpClientImpl},
 * {@code java.base}'s {@code HttpURLConnection} or executors) would otherwise fail with {@code
 * IllegalAccessError} at its first call into the agent. Classes in unnamed modules (the class
 * path) read every unnamed module already, so nothing is done for them; the same holds on Java 8,
 * which has no modules. Applications on the module path benefit the same way as the JDK.
 *
 * <p>The edges are added with {@code Instrumentation.redefineModule}, the sanctioned way for an
 * agent, once per module (later calls find the edge and do nothing). If that fails the step
 * throws, and Byte Buddy leaves the class unwoven and reports it: the safe outcome. Applied to
 * every type instrumentation by {@link AgentInstaller}. Thread-safe.
 */
final class ModuleAccess implements AgentBuilder.Transformer {

  private static final Method GET_UNNAMED_MODULE = unnamedModuleMethod();

  private final Instrumentation instrumentation;
  private final JavaModule agentModule;

  ModuleAccess(Instrumentation instrumentation) {
    this.instrumentation = instrumentation;
    this.agentModule = JavaModule.ofType(ModuleAccess.class);
  }

  @Override
  public DynamicType.Builder<?> transform(
      DynamicType.Builder<?> builder,
      TypeDescription typeDescription,
      ClassLoader classLoader,
      JavaModule module,
      ProtectionDomain protectionDomain) {
    if (module != null && module.isNamed()) {
      readAgent(module, classLoader);
    }
    return builder;
  }

  /**
   * Makes {@code module} read the agent's module and the unnamed module of {@code classLoader}
   * (null for the bootstrap loader), adding only the edges that are missing.
   */
  void readAgent(JavaModule module, ClassLoader classLoader) {
    Set<JavaModule> missing = new LinkedHashSet<JavaModule>();
    if (agentModule != null && !module.canRead(agentModule)) {
      missing.add(agentModule);
    }
    JavaModule helpers = unnamedModuleOf(classLoader);
    if (helpers != null && !helpers.equals(agentModule) && !module.canRead(helpers)) {
      missing.add(helpers);
    }
    if (missing.isEmpty()) {
      return;
    }
    try {
      ClassInjector.UsingInstrumentation.redefineModule(
          instrumentation,
          module,
          missing,
          Collections.<String, Set<JavaModule>>emptyMap(),
          Collections.<String, Set<JavaModule>>emptyMap(),
          Collections.<Class<?>>emptySet(),
          Collections.<Class<?>, java.util.List<Class<?>>>emptyMap());
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "Cannot make module " + module.getActualName() + " read the agent's classes", e);
    }
  }

  /** The unnamed module of a loader; null on Java 8 or for the bootstrap loader's (the agent). */
  private static JavaModule unnamedModuleOf(ClassLoader classLoader) {
    if (classLoader == null || GET_UNNAMED_MODULE == null) {
      return null;
    }
    try {
      return JavaModule.of(GET_UNNAMED_MODULE.invoke(classLoader));
    } catch (Exception e) {
      throw new IllegalStateException("Cannot find the unnamed module of " + classLoader, e);
    }
  }

  private static Method unnamedModuleMethod() {
    try {
      return ClassLoader.class.getMethod("getUnnamedModule");
    } catch (NoSuchMethodException java8) {
      return null;
    }
  }
}
