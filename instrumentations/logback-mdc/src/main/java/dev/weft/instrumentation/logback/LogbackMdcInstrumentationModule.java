package dev.weft.instrumentation.logback;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
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
 * Log lines written with Logback (directly or through SLF4J) carry {@code trace_id}, {@code
 * span_id} and {@code trace_flags} in their MDC when they are logged inside a span, so that a
 * pattern such as {@code %X{trace_id}} or a JSON encoder prints the ids of the request that wrote
 * them. Toggle: {@code otel.instrumentation.logback-mdc.enabled}.
 *
 * <p>It weaves {@code LoggingEvent.getMDCPropertyMap()}, whose first call captures the logging
 * thread's MDC into the event: see {@link LoggingEventMdcAdvice}. Logback makes that call when an
 * appender formats the event, or before an {@code AsyncAppender} queues it; an appender that
 * keeps events unformatted would make it later, on another thread, so an event created inside a
 * span makes it at once ({@link LoggingEventConstructorAdvice}). The application's
 * MDC itself is never written, so nothing has to be removed when the span ends and a reused
 * thread can never show an earlier request's ids. The field and method have the same names and
 * types from Logback 1.0 to 1.5. Stateless.
 */
public final class LogbackMdcInstrumentationModule extends InstrumentationModule {

  private static final String PACKAGE = "dev.weft.instrumentation.logback.";

  public LogbackMdcInstrumentationModule() {
    super("logback-mdc");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Collections.<TypeInstrumentation>singletonList(
        new SimpleTypeInstrumentation(
            ClassLoaderHasClasses.hasClasses("ch.qos.logback.classic.spi.LoggingEvent"),
            named("ch.qos.logback.classic.spi.LoggingEvent"),
            Arrays.asList(
                new AdviceBinding(
                    named("getMDCPropertyMap").and(takesArguments(0)),
                    PACKAGE + "LoggingEventMdcAdvice"),
                new AdviceBinding(
                    isConstructor().and(not(takesArguments(0))),
                    PACKAGE + "LoggingEventConstructorAdvice")),
            Collections.singletonList(PACKAGE + "TraceMdc"),
            Collections.<AsmVisitorWrapper>emptyList()));
  }
}
