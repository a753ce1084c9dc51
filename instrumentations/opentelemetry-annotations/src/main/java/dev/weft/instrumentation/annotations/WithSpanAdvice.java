package dev.weft.instrumentation.annotations;

import dev.weft.api.Scope;
import dev.weft.api.Span;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Woven into methods annotated with {@code @WithSpan} that have no {@code @SpanAttribute}
 * parameter: the call is a span, current while the method runs. The method is identified by
 * constants (its class and its name and descriptor), so a call costs one cache lookup, no
 * reflection.
 */
public final class WithSpanAdvice {

  private WithSpanAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static Scope onEnter(
      @Advice.Origin Class<?> type,
      @Advice.Origin("#m#d") String method,
      @Advice.Local("weftSpan") Span span) {
    span = WithSpanCall.start(WithSpanMethod.of(type, method), null);
    return WithSpanCall.makeCurrent(span);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void onExit(
      @Advice.Enter Scope scope,
      @Advice.Local("weftSpan") Span span,
      @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object result,
      @Advice.Thrown Throwable thrown) {
    WithSpanCall.end(span, scope, result, thrown);
  }
}
