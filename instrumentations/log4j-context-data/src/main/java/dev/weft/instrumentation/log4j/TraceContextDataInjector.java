package dev.weft.instrumentation.log4j;

import dev.weft.api.SpanContext;
import dev.weft.api.internal.LogCorrelation;
import java.util.List;
import org.apache.logging.log4j.core.ContextDataInjector;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.util.ReadOnlyStringMap;
import org.apache.logging.log4j.util.SortedArrayStringMap;
import org.apache.logging.log4j.util.StringMap;

/**
 * The injector Log4j chose, plus the ids of the span current on the logging thread: {@code
 * trace_id}, {@code span_id} and {@code trace_flags}, each only where the application's context
 * data has no value for it.
 *
 * <p>The keys are written into the map Log4j handed over for this event ({@code reusable}) when
 * that is what the delegate filled. When the delegate answered with another map, such as the
 * frozen map its copy-on-write {@code ThreadContext} shares between events of a thread, the keys
 * go into a copy, so that the thread's context data never gains them. Without a current span the
 * delegate's answer is returned untouched. {@link #rawContextData()}, which lookups such as
 * {@code $${ctx:user}} read, is the delegate's.
 *
 * <p>Immutable and thread-safe as far as the delegate is. A helper class (defined in Log4j's class
 * loader): uses only public members of the agent's classes.
 */
public final class TraceContextDataInjector implements ContextDataInjector {

  private final ContextDataInjector delegate;

  private TraceContextDataInjector(ContextDataInjector delegate) {
    this.delegate = delegate;
  }

  /** {@code injector} wrapped once; null and an already wrapped injector are returned as they are. */
  public static ContextDataInjector wrap(ContextDataInjector injector) {
    if (injector == null || injector instanceof TraceContextDataInjector) {
      return injector;
    }
    return new TraceContextDataInjector(injector);
  }

  @Override
  public StringMap injectContextData(List<Property> properties, StringMap reusable) {
    StringMap contextData = delegate.injectContextData(properties, reusable);
    SpanContext spanContext = LogCorrelation.currentSpanContext();
    if (spanContext == null || contextData == null) {
      return contextData;
    }
    boolean hasTraceId = contextData.containsKey(LogCorrelation.TRACE_ID);
    boolean hasSpanId = contextData.containsKey(LogCorrelation.SPAN_ID);
    boolean hasFlags = contextData.containsKey(LogCorrelation.TRACE_FLAGS);
    if (hasTraceId && hasSpanId && hasFlags) {
      return contextData;
    }
    StringMap target = contextData;
    if (contextData != reusable || contextData.isFrozen()) {
      target = new SortedArrayStringMap(contextData.size() + 3);
      target.putAll(contextData);
    }
    if (!hasTraceId) {
      target.putValue(LogCorrelation.TRACE_ID, spanContext.traceIdHex());
    }
    if (!hasSpanId) {
      target.putValue(LogCorrelation.SPAN_ID, spanContext.spanIdHex());
    }
    if (!hasFlags) {
      target.putValue(LogCorrelation.TRACE_FLAGS, LogCorrelation.traceFlags(spanContext));
    }
    return target;
  }

  @Override
  public ReadOnlyStringMap rawContextData() {
    return delegate.rawContextData();
  }
}
