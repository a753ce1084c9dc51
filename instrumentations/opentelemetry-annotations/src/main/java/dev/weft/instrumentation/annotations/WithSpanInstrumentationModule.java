package dev.weft.instrumentation.annotations;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.hasParameters;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isAnnotatedWith;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.whereAny;

import dev.weft.tooling.ClassFileMentions;
import dev.weft.tooling.ClassLoaderHasClasses;
import dev.weft.tooling.InstrumentationModule;
import dev.weft.tooling.SimpleTypeInstrumentation;
import dev.weft.tooling.TypeInstrumentation;
import dev.weft.tooling.TypeInstrumentation.AdviceBinding;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Every call of a method the application annotated with {@code
 * @io.opentelemetry.instrumentation.annotations.WithSpan} (or the older {@code
 * io.opentelemetry.extension.annotations.WithSpan}) is a span, the child of the span current at
 * the call; parameters annotated with {@code @SpanAttribute} become its attributes. Toggle:
 * {@code otel.instrumentation.opentelemetry-instrumentation-annotations.enabled}, the
 * OpenTelemetry agent's name.
 *
 * <p>Only class loaders that can see one of the annotations are looked at, so an application
 * without them pays one cached lookup per class loader; in those, a class is parsed for its
 * methods' annotations only when its class file mentions the annotation at all ({@link
 * ClassFileMentions}), which few do. Abstract methods are skipped: an
 * annotation on an interface method does not make its implementations traced, as in the
 * OpenTelemetry agent. See {@link WithSpanMethod} for what the span is made of. Stateless.
 */
public final class WithSpanInstrumentationModule extends InstrumentationModule {

  private static final String PACKAGE = "dev.weft.instrumentation.annotations.";

  static final String WITH_SPAN = "io.opentelemetry.instrumentation.annotations.WithSpan";
  static final String OLD_WITH_SPAN = "io.opentelemetry.extension.annotations.WithSpan";
  static final String SPAN_ATTRIBUTE = "io.opentelemetry.instrumentation.annotations.SpanAttribute";
  static final String OLD_SPAN_ATTRIBUTE = "io.opentelemetry.extension.annotations.SpanAttribute";

  public WithSpanInstrumentationModule() {
    super("opentelemetry-instrumentation-annotations");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    ElementMatcher.Junction<MethodDescription> annotated =
        isMethod().and(not(isAbstract())).and(isAnnotatedWith(namedOneOf(WITH_SPAN, OLD_WITH_SPAN)));
    ElementMatcher.Junction<MethodDescription> withAttributes =
        hasParameters(whereAny(isAnnotatedWith(namedOneOf(SPAN_ATTRIBUTE, OLD_SPAN_ATTRIBUTE))));
    List<String> helpers =
        Arrays.asList(
            PACKAGE + "WithSpanMethod",
            PACKAGE + "WithSpanMethod$1",
            PACKAGE + "WithSpanCall",
            PACKAGE + "SpanEndingCallback");
    return Arrays.<TypeInstrumentation>asList(
        new SimpleTypeInstrumentation(
            new ClassLoaderHasAny(
                ClassLoaderHasClasses.hasClasses(WITH_SPAN),
                ClassLoaderHasClasses.hasClasses(OLD_WITH_SPAN)),
            ClassFileMentions.mentionsAny(descriptor(WITH_SPAN), descriptor(OLD_WITH_SPAN))
                .and(declaresMethod(annotated)),
            Arrays.asList(
                new AdviceBinding(annotated.and(not(withAttributes)), PACKAGE + "WithSpanAdvice"),
                new AdviceBinding(annotated.and(withAttributes), PACKAGE + "WithSpanAttributesAdvice")),
            helpers,
            Collections.<AsmVisitorWrapper>emptyList()));
  }

  private static String descriptor(String className) {
    return 'L' + className.replace('.', '/') + ';';
  }

  /** Either of two class loader matchers; each caches its own answers. */
  private static final class ClassLoaderHasAny implements ElementMatcher<ClassLoader> {
    private final ElementMatcher<ClassLoader> first;
    private final ElementMatcher<ClassLoader> second;

    ClassLoaderHasAny(ElementMatcher<ClassLoader> first, ElementMatcher<ClassLoader> second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public boolean matches(ClassLoader loader) {
      return first.matches(loader) || second.matches(loader);
    }
  }
}
