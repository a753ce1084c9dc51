package dev.weft.instrumentation.jaxrs;

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
 * Server spans named after the JAX-RS resource template the implementation matched ({@code GET
 * /shop/api/users/{id}}), for Jersey 2.x ({@code javax.ws.rs}) and 3.x ({@code jakarta.ws.rs}) and
 * RESTEasy 4.x ({@code javax}) to 6.x ({@code jakarta}) under a servlet container. Makes no span
 * of its own: it renames the servlet instrumentation's, through {@code HttpServerRoute}. Toggle:
 * {@code otel.instrumentation.jaxrs.enabled}.
 *
 * <ul>
 *   <li>Jersey: {@code UriRoutingContext.setEndpoint}, where routing has found the resource method
 *       and holds every matched template.
 *   <li>RESTEasy: {@code ResourceMethodInvoker.invokeOnTarget}, where the resource method is about
 *       to be filtered and invoked, and {@code ResourceLocatorInvoker.invokeOnTargetObject}, inside
 *       which a sub-resource locator's result is matched and invoked.
 * </ul>
 *
 * <p>Each woven class is named exactly, behind a class-loader check for the implementation, so an
 * application without Jersey or RESTEasy pays one resource lookup per class loader. Stateless.
 */
public final class JaxrsInstrumentationModule extends InstrumentationModule {

  private static final String PACKAGE = "dev.weft.instrumentation.jaxrs.";

  /** Jersey 2.x and 3.x share these names. */
  private static final ElementMatcher<ClassLoader> HAS_JERSEY =
      ClassLoaderHasClasses.hasClasses(
          "org.glassfish.jersey.server.internal.routing.UriRoutingContext",
          "org.glassfish.jersey.server.ExtendedUriInfo");

  /**
   * RESTEasy 4.x and later; 3.x keeps its {@code ResteasyUriInfo} in another package, which the
   * helper's calls do not reach, so it is left alone (servlet-level names).
   */
  private static final ElementMatcher<ClassLoader> HAS_RESTEASY =
      ClassLoaderHasClasses.hasClasses(
          "org.jboss.resteasy.core.ResourceMethodInvoker",
          "org.jboss.resteasy.specimpl.ResteasyUriInfo");

  public JaxrsInstrumentationModule() {
    super("jaxrs");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    ElementMatcher<MethodDescription> invokeWithRequestResponseTarget =
        takesArguments(3)
            .and(takesArgument(0, named("org.jboss.resteasy.spi.HttpRequest")))
            .and(takesArgument(1, named("org.jboss.resteasy.spi.HttpResponse")))
            .and(takesArgument(2, Object.class));
    List<String> resteasyHelpers =
        Collections.singletonList(PACKAGE + "resteasy.ResteasyRoutes");
    return Arrays.<TypeInstrumentation>asList(
        new JaxrsType(
            HAS_JERSEY,
            "org.glassfish.jersey.server.internal.routing.UriRoutingContext",
            named("setEndpoint").and(takesArguments(1)),
            PACKAGE + "jersey.JerseyRoutingAdvice",
            Collections.singletonList(PACKAGE + "jersey.JerseyRoutes")),
        new JaxrsType(
            HAS_RESTEASY,
            "org.jboss.resteasy.core.ResourceMethodInvoker",
            named("invokeOnTarget").and(invokeWithRequestResponseTarget),
            PACKAGE + "resteasy.ResteasyMethodAdvice",
            resteasyHelpers),
        new JaxrsType(
            HAS_RESTEASY,
            "org.jboss.resteasy.core.ResourceLocatorInvoker",
            named("invokeOnTargetObject").and(invokeWithRequestResponseTarget),
            PACKAGE + "resteasy.ResteasyLocatorAdvice",
            resteasyHelpers));
  }

  /** One class of an implementation, named exactly, and the advice for one of its methods. */
  private static final class JaxrsType implements TypeInstrumentation {
    private final ElementMatcher<ClassLoader> classLoader;
    private final String typeName;
    private final ElementMatcher<? super MethodDescription> methods;
    private final String adviceClassName;
    private final List<String> helpers;

    JaxrsType(
        ElementMatcher<ClassLoader> classLoader,
        String typeName,
        ElementMatcher<? super MethodDescription> methods,
        String adviceClassName,
        List<String> helpers) {
      this.classLoader = classLoader;
      this.typeName = typeName;
      this.methods = methods;
      this.adviceClassName = adviceClassName;
      this.helpers = helpers;
    }

    @Override
    public ElementMatcher<ClassLoader> classLoaderMatcher() {
      return classLoader;
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return named(typeName);
    }

    @Override
    public List<AdviceBinding> adviceBindings() {
      return Collections.singletonList(new AdviceBinding(methods, adviceClassName));
    }

    @Override
    public List<String> helperClassNames() {
      return helpers;
    }
  }
}
