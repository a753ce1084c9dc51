package dev.weft.instrumentation.okhttp;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weft.tooling.ClassLoaderHasClasses;
import dev.weft.tooling.InstrumentationModule;
import dev.weft.tooling.SimpleTypeInstrumentation;
import dev.weft.tooling.TypeInstrumentation;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Client spans for OkHttp 3.x and 4.x: one CLIENT span per call, {@code execute()} or {@code
 * enqueue(Callback)}, however many redirects and retries OkHttp makes inside it. Toggle: {@code
 * otel.instrumentation.okhttp.enabled}.
 *
 * <ul>
 *   <li>Every {@code OkHttpClient} gets {@link TracingInterceptor} as its last application
 *       interceptor when it is constructed: application interceptors run once per call, on the
 *       thread that runs the call, and may send a different request down the chain, which is how
 *       the context reaches the headers without touching the application's request.
 *   <li>{@code RealCall.enqueue} captures the caller's context in a {@link TracingCallback}, and
 *       OkHttp's {@code AsyncCall} makes it current on the dispatcher thread while the call runs,
 *       so an enqueued call's span is the child of the span current at {@code enqueue}.
 * </ul>
 *
 * <p>The class names differ between the major versions ({@code okhttp3.RealCall} in 3.x, {@code
 * okhttp3.internal.connection.RealCall} in 4.x); the methods and fields used have the same names
 * and JVM signatures in both. The module's classes are stateless; see the README for the design.
 */
public final class OkHttpInstrumentationModule extends InstrumentationModule {

  private static final String PACKAGE = "dev.weft.instrumentation.okhttp.";

  /** Shared by the three types, so each class loader is looked at once. */
  private static final ElementMatcher<ClassLoader> HAS_OKHTTP =
      ClassLoaderHasClasses.hasClasses("okhttp3.OkHttpClient", "okhttp3.Interceptor");

  public OkHttpInstrumentationModule() {
    super("okhttp");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Arrays.<TypeInstrumentation>asList(
        SimpleTypeInstrumentation.forAdvice(
            HAS_OKHTTP,
            named("okhttp3.OkHttpClient"),
            isConstructor()
                .and(takesArguments(1))
                .and(takesArgument(0, named("okhttp3.OkHttpClient$Builder"))),
            PACKAGE + "OkHttpClientAdvice",
            Arrays.asList(PACKAGE + "RequestHeaderSetter", PACKAGE + "TracingInterceptor")),
        SimpleTypeInstrumentation.forAdvice(
            HAS_OKHTTP,
            namedOneOf("okhttp3.RealCall", "okhttp3.internal.connection.RealCall"),
            named("enqueue")
                .and(takesArguments(1))
                .and(takesArgument(0, named("okhttp3.Callback"))),
            PACKAGE + "EnqueueAdvice",
            Collections.singletonList(PACKAGE + "TracingCallback")),
        // 3.x runs an AsyncCall through NamedRunnable.run() -> AsyncCall.execute(); 4.x through
        // AsyncCall.run(). Each version declares only one of the two on AsyncCall.
        SimpleTypeInstrumentation.forAdvice(
            HAS_OKHTTP,
            namedOneOf(
                "okhttp3.RealCall$AsyncCall", "okhttp3.internal.connection.RealCall$AsyncCall"),
            namedOneOf("execute", "run").and(takesArguments(0)),
            PACKAGE + "AsyncCallAdvice",
            Collections.singletonList(PACKAGE + "TracingCallback")));
  }
}
