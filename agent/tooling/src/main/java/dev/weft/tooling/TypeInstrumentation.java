package dev.weft.tooling;

import java.util.Collections;
import java.util.List;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * One kind of type an instrumentation weaves, and the advice it weaves into which methods.
 *
 * <p>Matching runs for every class the JVM loads, so it is ordered from cheap to costly: {@link
 * #classLoaderMatcher()} first (is the library there at all? answered once per class loader),
 * then {@link #typeMatcher()} (which may read the type hierarchy).
 *
 * <p>Advice classes are named, not referenced: they are read as bytes and inlined, never loaded
 * by the agent, because they refer to library types the agent cannot see. Helper classes (see
 * {@link #helperClassNames()}) are defined in the class loader of each woven class before the
 * woven code first runs.
 */
public interface TypeInstrumentation {

  /** Matches the class loaders in which the library is present; cheap and cacheable. */
  ElementMatcher<ClassLoader> classLoaderMatcher();

  /** Matches the types to weave. */
  ElementMatcher<TypeDescription> typeMatcher();

  /**
   * Which methods or constructors get which advice class (by binary name). Exit advice on a
   * constructor cannot use {@code onThrowable} (Byte Buddy cannot catch around the super
   * constructor call); it runs when the constructor returns normally.
   */
  List<AdviceBinding> adviceBindings();

  /**
   * Classes of the instrumentation that refer to library types and must therefore live in the
   * woven class's own class loader, in dependency order (a class before those that extend it).
   */
  default List<String> helperClassNames() {
    return Collections.emptyList();
  }

  /**
   * Rewrites of the woven type beyond advice, such as a call-site substitution where the code
   * to wrap is one call inside a method rather than a whole method; applied after the advice.
   * They must not change the class's shape (no new fields or methods).
   */
  default List<AsmVisitorWrapper> visitors() {
    return Collections.emptyList();
  }

  /** A method matcher and the advice class woven into the methods it matches. */
  final class AdviceBinding {
    private final ElementMatcher<? super MethodDescription> methodMatcher;
    private final String adviceClassName;

    public AdviceBinding(
        ElementMatcher<? super MethodDescription> methodMatcher, String adviceClassName) {
      this.methodMatcher = methodMatcher;
      this.adviceClassName = adviceClassName;
    }

    public ElementMatcher<? super MethodDescription> methodMatcher() {
      return methodMatcher;
    }

    public String adviceClassName() {
      return adviceClassName;
    }
  }
}
