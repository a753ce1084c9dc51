package dev.weft.instrumentation.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.weft.api.internal.LogCorrelation;
import net.bytebuddy.asm.Advice;

/**
 * Woven into the constructors of {@code ch.qos.logback.classic.spi.LoggingEvent} that build an
 * event from a logging call (not the no-argument one, used to rebuild an event).
 *
 * <p>When a span is current it captures the event's MDC right away, on the logging thread, through
 * {@code getMDCPropertyMap()} and so {@link LoggingEventMdcAdvice}: an appender that keeps the
 * event and reads its MDC later, on another thread or after the span ended, still finds the ids
 * of the span it was logged in. Outside a span Logback's own lazy capture is left alone.
 */
public final class LoggingEventConstructorAdvice {

  private LoggingEventConstructorAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void onExit(@Advice.This ILoggingEvent event) {
    if (LogCorrelation.currentSpanContext() != null) {
      event.getMDCPropertyMap();
    }
  }
}
