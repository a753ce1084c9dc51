package dev.weft.instrumentation.log4j;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weft.tooling.ClassLoaderHasClasses;
import dev.weft.tooling.InstrumentationModule;
import dev.weft.tooling.SimpleTypeInstrumentation;
import dev.weft.tooling.TypeInstrumentation;
import java.util.Collections;
import java.util.List;

/**
 * Log lines written with Log4j 2.7 or later carry {@code trace_id}, {@code span_id} and {@code
 * trace_flags} in their context data (what {@code %X{trace_id}} and the JSON layouts print) when
 * they are logged inside a span. Toggle: {@code otel.instrumentation.log4j-context-data.enabled}.
 *
 * <p>Log4j asks {@code ContextDataInjectorFactory.createInjector()} for the object that fills
 * every event's context data on the logging thread, also for asynchronous loggers; the factory's
 * answer, whichever injector the configuration chose, is wrapped in a {@link
 * TraceContextDataInjector}. The application's {@code ThreadContext} is never written. Stateless.
 */
public final class Log4jContextDataInstrumentationModule extends InstrumentationModule {

  private static final String PACKAGE = "dev.weft.instrumentation.log4j.";

  public Log4jContextDataInstrumentationModule() {
    super("log4j-context-data");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Collections.<TypeInstrumentation>singletonList(
        SimpleTypeInstrumentation.forAdvice(
            ClassLoaderHasClasses.hasClasses(
                "org.apache.logging.log4j.core.impl.ContextDataInjectorFactory",
                "org.apache.logging.log4j.core.ContextDataInjector"),
            named("org.apache.logging.log4j.core.impl.ContextDataInjectorFactory"),
            named("createInjector").and(isStatic()).and(takesArguments(0)),
            PACKAGE + "CreateInjectorAdvice",
            Collections.singletonList(PACKAGE + "TraceContextDataInjector")));
  }
}
