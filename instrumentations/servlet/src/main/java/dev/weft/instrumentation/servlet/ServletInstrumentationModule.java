package dev.weft.instrumentation.servlet;

import static dev.weft.tooling.SuperTypeMatcher.classWithSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weft.tooling.ClassLoaderHasClasses;
import dev.weft.tooling.InstrumentationModule;
import dev.weft.tooling.TypeInstrumentation;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Server spans for servlet containers: {@code javax.servlet} 3.0+ (Tomcat 7-9, Jetty 9-10,
 * Undertow 2) and {@code jakarta.servlet} 5.0+ (Tomcat 10+, Jetty 11+, Spring Boot 3). Weaves
 * every {@code Servlet.service} and {@code Filter.doFilter} implementation; the outermost call of
 * a request owns the span. Weaves {@code AsyncContext.start(Runnable)} too, so that work the
 * container runs for a request stays in its trace. Toggle: {@code
 * otel.instrumentation.servlet.enabled}.
 */
public final class ServletInstrumentationModule extends InstrumentationModule {

  public ServletInstrumentationModule() {
    super("servlet");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    List<String> javaxHelpers =
        Arrays.asList(
            "dev.weft.instrumentation.servlet.javax.JavaxServletAccessor",
            "dev.weft.instrumentation.servlet.javax.JavaxAsyncListener");
    List<String> jakartaHelpers =
        Arrays.asList(
            "dev.weft.instrumentation.servlet.jakarta.JakartaServletAccessor",
            "dev.weft.instrumentation.servlet.jakarta.JakartaAsyncListener");
    return Arrays.<TypeInstrumentation>asList(
        new ServletApiInstrumentation(
            "javax.servlet",
            "dev.weft.instrumentation.servlet.javax.JavaxServletAdvice",
            javaxHelpers),
        new AsyncContextInstrumentation(
            "javax.servlet",
            "dev.weft.instrumentation.servlet.javax.JavaxAsyncStartAdvice",
            javaxHelpers),
        new ServletApiInstrumentation(
            "jakarta.servlet",
            "dev.weft.instrumentation.servlet.jakarta.JakartaServletAdvice",
            jakartaHelpers),
        new AsyncContextInstrumentation(
            "jakarta.servlet",
            "dev.weft.instrumentation.servlet.jakarta.JakartaAsyncStartAdvice",
            jakartaHelpers));
  }

  /** Servlets and filters of one servlet API package. */
  private static final class ServletApiInstrumentation implements TypeInstrumentation {
    private final String apiPackage;
    private final String adviceClassName;
    private final List<String> helpers;

    ServletApiInstrumentation(String apiPackage, String adviceClassName, List<String> helpers) {
      this.apiPackage = apiPackage;
      this.adviceClassName = adviceClassName;
      this.helpers = helpers;
    }

    @Override
    public ElementMatcher<ClassLoader> classLoaderMatcher() {
      return ClassLoaderHasClasses.hasClasses(apiPackage + ".Servlet");
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return classWithSuperType(apiPackage + ".Servlet", apiPackage + ".Filter");
    }

    @Override
    public List<AdviceBinding> adviceBindings() {
      ElementMatcher.Junction<MethodDescription> requestAndResponse =
          takesArgument(0, named(apiPackage + ".ServletRequest"))
              .and(takesArgument(1, named(apiPackage + ".ServletResponse")));
      ElementMatcher<MethodDescription> service =
          isPublic().and(named("service")).and(takesArguments(2)).and(requestAndResponse);
      ElementMatcher<MethodDescription> doFilter =
          isPublic()
              .and(named("doFilter"))
              .and(takesArguments(3))
              .and(requestAndResponse)
              .and(takesArgument(2, named(apiPackage + ".FilterChain")));
      return Arrays.asList(
          new AdviceBinding(service, adviceClassName),
          new AdviceBinding(doFilter, adviceClassName));
    }

    @Override
    public List<String> helperClassNames() {
      return helpers;
    }
  }

  /**
   * The containers' {@code AsyncContext} implementations of one servlet API package: {@code
   * start(Runnable)} hands its task to a container thread, which must run it in the request's
   * trace. A facade delegating to another implementation is woven too; binding twice is harmless.
   */
  private static final class AsyncContextInstrumentation implements TypeInstrumentation {
    private final String apiPackage;
    private final String adviceClassName;
    private final List<String> helpers;

    AsyncContextInstrumentation(String apiPackage, String adviceClassName, List<String> helpers) {
      this.apiPackage = apiPackage;
      this.adviceClassName = adviceClassName;
      this.helpers = helpers;
    }

    @Override
    public ElementMatcher<ClassLoader> classLoaderMatcher() {
      return ClassLoaderHasClasses.hasClasses(apiPackage + ".AsyncContext");
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return classWithSuperType(apiPackage + ".AsyncContext");
    }

    @Override
    public List<AdviceBinding> adviceBindings() {
      ElementMatcher<MethodDescription> start =
          isPublic()
              .and(named("start"))
              .and(takesArguments(1))
              .and(takesArgument(0, named("java.lang.Runnable")));
      return Collections.singletonList(new AdviceBinding(start, adviceClassName));
    }

    @Override
    public List<String> helperClassNames() {
      return helpers;
    }
  }
}
