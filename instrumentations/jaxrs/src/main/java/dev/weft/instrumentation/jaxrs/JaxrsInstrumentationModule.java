package dev.weft.instrumentation.jaxrs;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weft.tooling.ClassLoaderHasClasses;
import dev.weft.tooling.InstrumentationModule;
import dev.weft.tooling.SimpleTypeInstrumentation;
import dev.weft.tooling.TypeInstrumentation;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
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
        SimpleTypeInstrumentation.forAdvice(
            HAS_JERSEY,
            named("org.glassfish.jersey.server.internal.routing.UriRoutingContext"),
            named("setEndpoint").and(takesArguments(1)),
            PACKAGE + "jersey.JerseyRoutingAdvice",
            Collections.singletonList(PACKAGE + "jersey.JerseyRoutes")),
        SimpleTypeInstrumentation.forAdvice(
            HAS_RESTEASY,
            named("org.jboss.resteasy.core.ResourceMethodInvoker"),
            named("invokeOnTarget").and(invokeWithRequestResponseTarget),
            PACKAGE + "resteasy.ResteasyMethodAdvice",
            resteasyHelpers),
        SimpleTypeInstrumentation.forAdvice(
            HAS_RESTEASY,
            named("org.jboss.resteasy.core.ResourceLocatorInvoker"),
            named("invokeOnTargetObject").and(invokeWithRequestResponseTarget),
            PACKAGE + "resteasy.ResteasyLocatorAdvice",
            resteasyHelpers));
  }
}
