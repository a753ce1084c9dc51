package dev.weft.instrumentation.annotations;

import dev.weft.api.Context;
import dev.weft.api.Scope;
import dev.weft.api.Span;
import dev.weft.api.StatusCode;
import dev.weft.api.Tracer;
import dev.weft.api.Tracing;
import java.util.concurrent.CompletionStage;

/**
 * The span of one call of a {@code @WithSpan} method: started with the method's name, kind and
 * attributes, current while the method runs, and ended when it returns or throws; an exception
 * is recorded and marks the span as an error, and reaches the caller unchanged. A method that
 * returns a {@code CompletionStage} (a {@code CompletableFuture}) has finished its work only when
 * the stage completes, so its span ends then, with the stage's failure if it fails.
 *
 * <p>Stateless and thread-safe. A helper class (defined in the application's class loader).
 */
public final class WithSpanCall {

  private static final Tracer TRACER = Tracing.tracer("dev.weft.opentelemetry-annotations");

  private WithSpanCall() {}

  /**
   * Starts the span of a call.
   *
   * @param arguments the call's arguments, or null when the method has no {@code @SpanAttribute}
   */
  public static Span start(WithSpanMethod method, Object[] arguments) {
    Context parent = method.inheritContext ? Context.current() : Context.root();
    Span span = TRACER.start(method.spanName, method.kind, parent);
    String[] keys = method.attributeKeys;
    if (keys != null && arguments != null && span.isRecording()) {
      for (int i = 0; i < keys.length && i < arguments.length; i++) {
        if (keys[i] != null && arguments[i] != null) {
          setAttribute(span, keys[i], arguments[i]);
        }
      }
    }
    return span;
  }

  /** Makes the call's span current on top of the current context. */
  public static Scope makeCurrent(Span span) {
    return span == null ? null : Context.current().with(span).makeCurrent();
  }

  /** Ends the call: closes its scope, and ends its span now or when the returned stage completes. */
  public static void end(Span span, Scope scope, Object result, Throwable thrown) {
    if (scope != null) {
      scope.close();
    }
    if (span == null) {
      return;
    }
    if (thrown == null && result instanceof CompletionStage) {
      ((CompletionStage<?>) result).whenComplete(new SpanEndingCallback(span));
      return;
    }
    if (thrown != null) {
      fail(span, thrown);
    }
    span.end();
  }

  static void fail(Span span, Throwable thrown) {
    span.recordException(thrown);
    span.setStatus(StatusCode.ERROR);
  }

  private static void setAttribute(Span span, String key, Object value) {
    if (value instanceof String) {
      span.setAttribute(key, (String) value);
    } else if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      span.setAttribute(key, ((Number) value).longValue());
    } else if (value instanceof Double || value instanceof Float) {
      span.setAttribute(key, ((Number) value).doubleValue());
    } else if (value instanceof Boolean) {
      span.setAttribute(key, ((Boolean) value).booleanValue());
    } else if (value instanceof String[]) {
      span.setAttribute(key, (String[]) value);
    } else if (value instanceof long[]) {
      span.setAttribute(key, (long[]) value);
    } else if (value instanceof double[]) {
      span.setAttribute(key, (double[]) value);
    } else if (value instanceof boolean[]) {
      span.setAttribute(key, (boolean[]) value);
    } else {
      span.setAttribute(key, String.valueOf(value));
    }
  }
}
