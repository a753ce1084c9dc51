package dev.weft.tooling;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.not;

import dev.weft.api.internal.AdviceErrors;
import dev.weft.core.log.AgentLog;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.Nexus;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.bytecode.member.MethodInvocation;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.JavaModule;

/**
 * The one place that configures Byte Buddy's {@link AgentBuilder}: how classes are woven, what is
 * never woven, and what happens when weaving fails.
 *
 * <ul>
 *   <li>Retransformation with class-format changes disabled: already-loaded classes can be woven
 *       too, and woven classes keep their shape (no added fields or methods), which every JVM
 *       accepts on retransformation.
 *   <li>Names first: {@link IgnoredTypes} rejects most classes by name; then each instrumentation's
 *       class-loader check; only then type matching, on descriptions read from class files and
 *       shared between classes ({@link CachingPoolStrategy}).
 *   <li>A woven class in a named module (a JDK class, say) is first made to read the agent's
 *       classes ({@link ModuleAccess}), then gets its helper classes, then its advice.
 *   <li>Advice is inlined, referred to by name, and wrapped so that a Throwable it raises is
 *       reported once ({@link AdviceErrors}) and never reaches the application.
 *   <li>A class that fails to weave is left as it was, and its instrumentation reported once.
 * </ul>
 */
public final class AgentInstaller {

  private AgentInstaller() {}

  /**
   * Weaves the given modules' instrumentations into classes loaded from now on and into those
   * already loaded.
   *
   * @param agentClasses where the advice and helper class files are read from
   */
  public static ResettableClassFileTransformer install(
      Instrumentation instrumentation,
      List<InstrumentationModule> modules,
      ClassFileLocator agentClasses) {
    ClassDefiner.prepare(instrumentation);
    // Byte Buddy's "nexus" serves initialization strategies the agent does not use; setting it
    // up touches sun.misc.Unsafe, which recent JDKs warn about on the application's stderr.
    if (System.getProperty(Nexus.PROPERTY) == null) {
      System.setProperty(Nexus.PROPERTY, "true");
    }
    Advice.ExceptionHandler reportOnce = reportingExceptionHandler();
    ModuleAccess moduleAccess = new ModuleAccess(instrumentation);

    AgentBuilder builder =
        new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
            .disableClassFormatChanges()
            .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
            .with(AgentBuilder.DescriptionStrategy.Default.POOL_ONLY)
            .with(new CachingPoolStrategy())
            .with(AgentBuilder.LocationStrategy.ForClassLoader.WEAK)
            .with(new TransformationListener())
            .ignore(IgnoredTypes.INSTANCE);

    for (InstrumentationModule module : modules) {
      for (TypeInstrumentation type : module.typeInstrumentations()) {
        AgentBuilder.Transformer.ForAdvice advice =
            new AgentBuilder.Transformer.ForAdvice()
                .include(agentClasses)
                .withExceptionHandler(reportOnce);
        for (TypeInstrumentation.AdviceBinding binding : type.adviceBindings()) {
          net.bytebuddy.matcher.ElementMatcher<? super MethodDescription> methods = binding.methodMatcher();
          // Constructors too (an instrumentation may need to see every instance built); never
          // the type initializer. A binding's own matcher decides which ones it wants.
          advice =
              advice.advice(
                  isMethod().or(isConstructor()).and(not(isAbstract())).and(methods),
                  binding.adviceClassName());
        }
        AgentBuilder.Identified.Extendable typeBuilder =
            builder
                .type(type.typeMatcher(), type.classLoaderMatcher())
                .transform(moduleAccess)
                .transform(new HelperInjector(type.helperClassNames(), agentClasses))
                .transform(advice);
        for (AsmVisitorWrapper visitor : type.visitors()) {
          typeBuilder = typeBuilder.transform(new VisitorTransformer(visitor));
        }
        builder = typeBuilder;
      }
    }
    preloadWovenJdkClasses();
    return builder.installOn(instrumentation);
  }

  /**
   * Loads (without initializing) the JDK classes that instrumentations weave, so that installing
   * the transformer retransforms them. Left to load on demand, one of them may first load from
   * inside another class's transformation (Byte Buddy reading a class file through an
   * application class loader's URL machinery loads {@code java.net.HttpURLConnection}, for one),
   * and Byte Buddy's guard against transforming re-entrantly leaves such a class unwoven for good.
   * A class missing from this JDK (virtual threads before 21) is skipped.
   */
  private static void preloadWovenJdkClasses() {
    ClassLoader bootstrap = null;
    for (String name : IgnoredTypes.JDK_CLASSES_TO_PRELOAD) {
      try {
        Class.forName(name, false, bootstrap);
      } catch (ClassNotFoundException | LinkageError e) {
        AgentLog.debug("Not preloading " + name + ": " + e);
      }
    }
  }

  private static Advice.ExceptionHandler reportingExceptionHandler() {
    try {
      return new Advice.ExceptionHandler.Simple(
          MethodInvocation.invoke(
              new MethodDescription.ForLoadedMethod(
                  AdviceErrors.class.getMethod("report", Throwable.class))));
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Applies one {@link TypeInstrumentation#visitors() visitor} to the woven type. Immutable. */
  private static final class VisitorTransformer implements AgentBuilder.Transformer {
    private final AsmVisitorWrapper visitor;

    VisitorTransformer(AsmVisitorWrapper visitor) {
      this.visitor = visitor;
    }

    @Override
    public DynamicType.Builder<?> transform(
        DynamicType.Builder<?> builder,
        TypeDescription typeDescription,
        ClassLoader classLoader,
        JavaModule module,
        ProtectionDomain protectionDomain) {
      return builder.visit(visitor);
    }
  }

  /**
   * Reports classes that could not be woven; each distinct reason once. A class whose type
   * hierarchy cannot be resolved (a superclass or interface missing from its class loader, common
   * with optional dependencies) is not a failure: the JVM could not load it either, so nothing
   * is lost, and it is mentioned only in debug mode. Also ends the {@link TypeBeingMatched} of
   * each transformation. Thread-safe.
   */
  private static final class TransformationListener extends AgentBuilder.Listener.Adapter {

    @Override
    public void onTransformation(
        TypeDescription typeDescription,
        ClassLoader classLoader,
        JavaModule module,
        boolean loaded,
        DynamicType dynamicType) {
      AgentLog.debug("Woven " + typeDescription.getName() + " in " + classLoader);
    }

    @Override
    public void onError(
        String typeName,
        ClassLoader classLoader,
        JavaModule module,
        boolean loaded,
        Throwable throwable) {
      if (throwable instanceof TypePool.Resolution.NoSuchTypeException) {
        AgentLog.debug("Not matching " + typeName + ": " + throwable.getMessage());
        return;
      }
      AgentLog.warnOnce(
          "weave:" + throwable.getClass().getName() + ':' + throwable.getMessage(),
          "Could not instrument " + typeName + "; it runs unchanged",
          throwable);
    }

    @Override
    public void onComplete(
        String typeName, ClassLoader classLoader, JavaModule module, boolean loaded) {
      TypeBeingMatched.exit(typeName);
    }
  }

}
