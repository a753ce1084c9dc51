package dev.weft.instrumentation.annotations;

import dev.weft.api.Scope;
import dev.weft.api.Span;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Woven into methods annotated with {@code @WithSpan} that have at least one {@code
 * @SpanAttribute} parameter: as {@link WithSpanAdvice}, and the arguments of those parameters
 * become attributes of the span. Only these methods pay for the argument array.
 */
public final class WithSpanAttributesAdvice {

  private WithSpanAttributesAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static Scope onEnter(
      @Advice.Origin Class<?> type,
      @Advice.Origin("#m#d") String method,
      @Advice.AllArguments Object[] arguments,
      @Advice.Local("weftSpan") Span span) {
    span = WithSpanCall.start(WithSpanMethod.of(type, method), arguments);
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
