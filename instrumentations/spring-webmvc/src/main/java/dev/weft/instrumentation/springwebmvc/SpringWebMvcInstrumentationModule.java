package dev.weft.instrumentation.springwebmvc;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weft.tooling.ClassLoaderHasClasses;
import dev.weft.tooling.InstrumentationModule;
import dev.weft.tooling.TypeInstrumentation;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Names the servlet instrumentation's server span after the route Spring MVC matched: {@code GET
 * /owners/{ownerId}} instead of the bare {@code GET} of a {@code DispatcherServlet} mapped at
 * {@code /}. Spring 5.x on {@code javax.servlet}, 6.x and 7.x on {@code jakarta.servlet}; no spans
 * of its own. Toggle: {@code otel.instrumentation.spring-webmvc.enabled}.
 *
 * <ul>
 *   <li>{@code HandlerExecutionChain.applyPreHandle}, at its exit: the handler mapping has matched
 *       (annotated controllers, functional endpoints, URL-mapped handlers such as static
 *       resources and view controllers alike, whichever {@code HandlerAdapter} runs them), its
 *       interceptors have exposed the pattern, and the handler has not run, so an exception it
 *       throws leaves the right name.
 *   <li>{@code AbstractUrlHandlerMapping.lookupHandler}: tells a URL mapping's registered path or
 *       pattern from its fallback handler, whose "pattern" is the raw path.
 * </ul>
 *
 * <p>Both types are matched by name alone, and only in class loaders that have Spring MVC: one
 * class-loader check where it is absent. See the README for what each kind of request is named.
 */
public final class SpringWebMvcInstrumentationModule extends InstrumentationModule {

  private static final String PACKAGE = "dev.weft.instrumentation.springwebmvc.";
  private static final String HANDLER_EXECUTION_CHAIN =
      "org.springframework.web.servlet.HandlerExecutionChain";
  private static final String URL_HANDLER_MAPPING =
      "org.springframework.web.servlet.handler.AbstractUrlHandlerMapping";

  /** Shared by both servlet APIs, so that a class loader without Spring MVC is looked at once. */
  private static final ElementMatcher<ClassLoader> HAS_SPRING_WEBMVC =
      ClassLoaderHasClasses.hasClasses(HANDLER_EXECUTION_CHAIN);

  public SpringWebMvcInstrumentationModule() {
    super("spring-webmvc");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Arrays.<TypeInstrumentation>asList(
        new SpringWebMvcTypes("javax", "Javax"), new SpringWebMvcTypes("jakarta", "Jakarta"));
  }

  /**
   * The two Spring MVC types, woven for one servlet API: the method matchers select the
   * overloads taking that API's request, so a class loader that sees both APIs gets each advice
   * where it fits.
   */
  private static final class SpringWebMvcTypes implements TypeInstrumentation {
    private final String request;
    private final String advicePrefix;
    private final ElementMatcher<ClassLoader> classLoaderMatcher;
    private final List<String> helpers;

    /**
     * @param api the servlet API's package root, {@code javax} or {@code jakarta}
     * @param className the prefix of this API's advice and helper class names
     */
    SpringWebMvcTypes(String api, String className) {
      this.request = api + ".servlet.http.HttpServletRequest";
      this.advicePrefix = PACKAGE + api + '.' + className;
      this.classLoaderMatcher =
          new ElementMatcher.Junction.Conjunction<ClassLoader>(
              HAS_SPRING_WEBMVC, ClassLoaderHasClasses.hasClasses(request));
      this.helpers = Collections.singletonList(advicePrefix + "SpringWebMvc");
    }

    @Override
    public ElementMatcher<ClassLoader> classLoaderMatcher() {
      return classLoaderMatcher;
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return namedOneOf(HANDLER_EXECUTION_CHAIN, URL_HANDLER_MAPPING);
    }

    @Override
    public List<AdviceBinding> adviceBindings() {
      return Arrays.asList(
          new AdviceBinding(
              named("applyPreHandle")
                  .and(takesArguments(2))
                  .and(takesArgument(0, named(request))),
              advicePrefix + "PreHandleAdvice"),
          // lookupHandler(String lookupPath, HttpServletRequest): String patterns.
          new AdviceBinding(
              named("lookupHandler").and(takesArguments(2)).and(takesArgument(1, named(request))),
              advicePrefix + "LookupHandlerAdvice"),
          // lookupHandler(RequestPath, String lookupPath, HttpServletRequest): PathPatterns, 5.3+.
          new AdviceBinding(
              named("lookupHandler").and(takesArguments(3)).and(takesArgument(2, named(request))),
              advicePrefix + "PathPatternLookupHandlerAdvice"));
    }

    @Override
    public List<String> helperClassNames() {
      return helpers;
    }
  }
}
