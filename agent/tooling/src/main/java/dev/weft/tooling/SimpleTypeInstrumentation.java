package dev.weft.tooling;

import java.util.Collections;
import java.util.List;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * A {@link TypeInstrumentation} given by its parts: what most instrumentations need, so that they
 * state which types get which advice instead of writing a class to hold it. Immutable.
 */
public final class SimpleTypeInstrumentation implements TypeInstrumentation {

  private final ElementMatcher<ClassLoader> classLoaderMatcher;
  private final ElementMatcher<TypeDescription> typeMatcher;
  private final List<AdviceBinding> adviceBindings;
  private final List<String> helperClassNames;
  private final List<AsmVisitorWrapper> visitors;

  /**
   * @param helperClassNames see {@link TypeInstrumentation#helperClassNames()}
   * @param visitors see {@link TypeInstrumentation#visitors()}
   */
  public SimpleTypeInstrumentation(
      ElementMatcher<ClassLoader> classLoaderMatcher,
      ElementMatcher<TypeDescription> typeMatcher,
      List<AdviceBinding> adviceBindings,
      List<String> helperClassNames,
      List<AsmVisitorWrapper> visitors) {
    this.classLoaderMatcher = classLoaderMatcher;
    this.typeMatcher = typeMatcher;
    this.adviceBindings = adviceBindings;
    this.helperClassNames = helperClassNames;
    this.visitors = visitors;
  }

  /** Types whose {@code methods} get one advice class, which uses {@code helperClassNames}. */
  public static SimpleTypeInstrumentation forAdvice(
      ElementMatcher<ClassLoader> classLoaderMatcher,
      ElementMatcher<TypeDescription> typeMatcher,
      ElementMatcher<? super MethodDescription> methods,
      String adviceClassName,
      List<String> helperClassNames) {
    return new SimpleTypeInstrumentation(
        classLoaderMatcher,
        typeMatcher,
        Collections.singletonList(new AdviceBinding(methods, adviceClassName)),
        helperClassNames,
        Collections.<AsmVisitorWrapper>emptyList());
  }

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    return classLoaderMatcher;
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return typeMatcher;
  }

  @Override
  public List<AdviceBinding> adviceBindings() {
    return adviceBindings;
  }

  @Override
  public List<String> helperClassNames() {
    return helperClassNames;
  }

  @Override
  public List<AsmVisitorWrapper> visitors() {
    return visitors;
  }
}
