package dev.weft.instrumentation.opentelemetryapi;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weft.tooling.ClassLoaderHasClasses;
import dev.weft.tooling.InstrumentationModule;
import dev.weft.tooling.SimpleTypeInstrumentation;
import dev.weft.tooling.TypeInstrumentation;
import dev.weft.tooling.TypeInstrumentation.AdviceBinding;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.asm.AsmVisitorWrapper;

/**
 * The application's own OpenTelemetry API (any 1.x it ships) answered by the agent, the API's
 * classes left as they are but for two methods: {@code GlobalOpenTelemetry.get()} hands out
 * tracers that start the agent's spans ({@link ApplicationOpenTelemetry}), and {@code
 * ContextStorage.get()} (through {@code LazyStorage}, which it answers with in every 1.x) makes
 * the agent's current context the application's ({@link ApplicationContextStorage}). So a
 * manual span inside a request is the request's child, a JDBC span inside a manual span is its
 * child, and {@code Span.current()} in a {@code @WithSpan} method is that method's span. Nothing
 * is registered with the API's service loaders. Toggle: {@code
 * otel.instrumentation.opentelemetry-api.enabled}, the OpenTelemetry agent's name.
 *
 * <p>The bridge classes are defined in the API's class loader. They use what API 1.0 has, and
 * later versions add only default methods, which they inherit; the one default that must not
 * be inherited, {@code TracerProvider.tracerBuilder} (1.4), is overridden in a way that loads
 * on 1.0 ({@link ApplicationTracerProvider}). Stateless.
 */
public final class OpenTelemetryApiInstrumentationModule extends InstrumentationModule {

  private static final String PACKAGE = "dev.weft.instrumentation.opentelemetryapi.";

  private static final List<String> HELPERS =
      Collections.unmodifiableList(
          Arrays.asList(
              PACKAGE + "SpanContexts$HeaderWriter",
              PACKAGE + "SpanContexts",
              PACKAGE + "ApplicationAttributes$PairCollector",
              PACKAGE + "ApplicationAttributes",
              PACKAGE + "ApplicationSpan",
              PACKAGE + "ApplicationBaggage$EntryCopier",
              PACKAGE + "ApplicationBaggage",
              PACKAGE + "ApplicationContextStorage$Attached",
              PACKAGE + "ApplicationContextStorage$ApplicationScope",
              PACKAGE + "ApplicationContextStorage",
              PACKAGE + "ApplicationSpanBuilder",
              PACKAGE + "ApplicationTracerBuilder$Builder",
              PACKAGE + "ApplicationTracerBuilder",
              PACKAGE + "ApplicationTracerProvider$ApplicationTracer",
              PACKAGE + "ApplicationTracerProvider",
              PACKAGE + "ApplicationTextMapPropagator$Setter",
              PACKAGE + "ApplicationTextMapPropagator$Getter",
              PACKAGE + "ApplicationTextMapPropagator",
              PACKAGE + "ApplicationOpenTelemetry"));

  public OpenTelemetryApiInstrumentationModule() {
    super("opentelemetry-api");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    ClassLoaderHasClasses hasApi =
        ClassLoaderHasClasses.hasClasses(
            "io.opentelemetry.api.GlobalOpenTelemetry", "io.opentelemetry.context.ContextStorage");
    return Arrays.<TypeInstrumentation>asList(
        new SimpleTypeInstrumentation(
            hasApi,
            named("io.opentelemetry.api.GlobalOpenTelemetry"),
            Arrays.asList(
                new AdviceBinding(
                    isStatic().and(namedOneOf("get", "getOrNoop")).and(takesArguments(0)),
                    PACKAGE + "GlobalOpenTelemetryGetAdvice"),
                new AdviceBinding(
                    isStatic().and(named("set")).and(takesArguments(1)),
                    PACKAGE + "GlobalOpenTelemetrySetAdvice")),
            HELPERS,
            Collections.<AsmVisitorWrapper>emptyList()),
        // ContextStorage.get() answers LazyStorage.get(). The storage is woven there, not in the
        // interface itself: the bridge's storage implements that interface, and cannot be
        // defined while the interface is being loaded.
        new SimpleTypeInstrumentation(
            hasApi,
            named("io.opentelemetry.context.LazyStorage"),
            Collections.singletonList(
                new AdviceBinding(
                    isStatic().and(named("get")).and(takesArguments(0)),
                    PACKAGE + "LazyStorageGetAdvice")),
            HELPERS,
            Collections.<AsmVisitorWrapper>emptyList()));
  }
}
