package dev.weft.instrumentation.apachehttpclient;

import static dev.weft.tooling.SuperTypeMatcher.classWithSuperType;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
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
 * Client spans for Apache HttpClient: 4.x (4.3 and later) and 5.x classic and asynchronous.
 * Toggle: {@code otel.instrumentation.apache-httpclient.enabled}.
 *
 * <p>Each client family is woven at the one method all of its public {@code execute} overloads
 * funnel into, above the client's own redirect and retry handling, so that one {@code execute}
 * is one span however many requests it takes:
 *
 * <ul>
 *   <li>4.x: {@code CloseableHttpClient.doExecute(HttpHost, HttpRequest, HttpContext)}, and {@code
 *       execute(HttpHost, HttpRequest, HttpContext)} of the {@code HttpClient} implementations
 *       that are no {@code CloseableHttpClient} (the deprecated decorators, which retry around
 *       the client they wrap);
 *   <li>5.x classic: {@code CloseableHttpClient.doExecute(HttpHost, ClassicHttpRequest,
 *       HttpContext)};
 *   <li>5.x async: {@code CloseableHttpAsyncClient.doExecute(HttpHost, AsyncRequestProducer,
 *       AsyncResponseConsumer, HandlerFactory, HttpContext, FutureCallback)}.
 * </ul>
 */
public final class ApacheHttpClientInstrumentationModule extends InstrumentationModule {

  private static final String PACKAGE = "dev.weft.instrumentation.apachehttpclient.";
  private static final String V4_CLIENT = "org.apache.http.impl.client.CloseableHttpClient";
  private static final String V5_CLASSIC_CLIENT =
      "org.apache.hc.client5.http.impl.classic.CloseableHttpClient";
  private static final String V5_ASYNC_CLIENT =
      "org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient";

  public ApacheHttpClientInstrumentationModule() {
    super("apache-httpclient");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    List<String> v4Helpers = Collections.singletonList(PACKAGE + "v4.ApacheHttpClient4Calls");
    String v4Advice = PACKAGE + "v4.ApacheHttpClient4Advice";
    return Arrays.<TypeInstrumentation>asList(
        SimpleTypeInstrumentation.forAdvice(
            ClassLoaderHasClasses.hasClasses(V4_CLIENT),
            classWithSuperType(V4_CLIENT),
            named("doExecute").and(v4HostRequestContext()),
            v4Advice,
            v4Helpers),
        SimpleTypeInstrumentation.forAdvice(
            ClassLoaderHasClasses.hasClasses("org.apache.http.client.HttpClient"),
            classWithSuperType("org.apache.http.client.HttpClient")
                .and(not(classWithSuperType(V4_CLIENT))),
            named("execute").and(v4HostRequestContext()),
            v4Advice,
            v4Helpers),
        SimpleTypeInstrumentation.forAdvice(
            ClassLoaderHasClasses.hasClasses(V5_CLASSIC_CLIENT),
            classWithSuperType(V5_CLASSIC_CLIENT),
            named("doExecute")
                .and(takesArguments(3))
                .and(takesArgument(0, named("org.apache.hc.core5.http.HttpHost")))
                .and(takesArgument(1, named("org.apache.hc.core5.http.ClassicHttpRequest")))
                .and(takesArgument(2, named("org.apache.hc.core5.http.protocol.HttpContext"))),
            PACKAGE + "v5.ApacheClassicClient5Advice",
            Collections.singletonList(PACKAGE + "v5.ApacheHttpClient5Calls")),
        SimpleTypeInstrumentation.forAdvice(
            ClassLoaderHasClasses.hasClasses(V5_ASYNC_CLIENT),
            classWithSuperType(V5_ASYNC_CLIENT),
            named("doExecute")
                .and(takesArguments(6))
                .and(takesArgument(0, named("org.apache.hc.core5.http.HttpHost")))
                .and(takesArgument(1, named("org.apache.hc.core5.http.nio.AsyncRequestProducer")))
                .and(
                    takesArgument(2, named("org.apache.hc.core5.http.nio.AsyncResponseConsumer")))
                .and(takesArgument(5, named("org.apache.hc.core5.concurrent.FutureCallback"))),
            PACKAGE + "v5.ApacheAsyncClient5Advice",
            Arrays.asList(
                PACKAGE + "v5.ApacheHttpClient5Calls",
                PACKAGE + "v5.AsyncClientCall",
                PACKAGE + "v5.TracingRequestProducer",
                PACKAGE + "v5.TracingRequestChannel",
                PACKAGE + "v5.TracingResponseConsumer",
                PACKAGE + "v5.TracingFutureCallback")));
  }

  /** {@code (HttpHost, HttpRequest, HttpContext)} of HttpClient 4. */
  private static ElementMatcher.Junction<MethodDescription> v4HostRequestContext() {
    return takesArguments(3)
        .and(takesArgument(0, named("org.apache.http.HttpHost")))
        .and(takesArgument(1, named("org.apache.http.HttpRequest")))
        .and(takesArgument(2, named("org.apache.http.protocol.HttpContext")));
  }
}
