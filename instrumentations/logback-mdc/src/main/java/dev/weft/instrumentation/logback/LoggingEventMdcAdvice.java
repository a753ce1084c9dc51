package dev.weft.instrumentation.logback;

import java.util.Map;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code ch.qos.logback.classic.spi.LoggingEvent.getMDCPropertyMap()}.
 *
 * <p>Only the call that finds the event's {@code mdcPropertyMap} field still empty does anything:
 * that is the call which copies the logging thread's MDC into the event, and it runs on the
 * logging thread, where the request's span is current. Its result, with the trace keys added by
 * {@link TraceMdc}, is stored back into the same field, so later calls (on an appender's thread,
 * after serialization) return the same map and no field is added to Logback's class. An event
 * whose map the application set with {@code setMDCPropertyMap} is left as it is.
 */
public final class LoggingEventMdcAdvice {

  private LoggingEventMdcAdvice() {}

  /** Whether this call is the one that fills the event's MDC. */
  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static boolean onEnter(
      @Advice.FieldValue("mdcPropertyMap") Map<String, String> mdcPropertyMap) {
    return mdcPropertyMap == null;
  }

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void onExit(
      @Advice.Enter boolean filling,
      @Advice.Return(readOnly = false) Map<String, String> result,
      @Advice.FieldValue(value = "mdcPropertyMap", readOnly = false)
          Map<String, String> mdcPropertyMap) {
    if (filling) {
      Map<String, String> withTrace = TraceMdc.withCurrentTrace(result);
      if (withTrace != result) {
        mdcPropertyMap = withTrace;
        result = withTrace;
      }
    }
  }
}
