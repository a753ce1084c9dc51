package dev.weft.instrumentation.annotations;

import dev.weft.api.Span;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;

/**
 * Ends the span of a {@code @WithSpan} call that returned a {@code CompletionStage} when the stage
 * completes, with the stage's failure (unwrapped from {@code CompletionException}) recorded.
 * Registered on the application's stage; the stage the application holds is unchanged.
 *
 * <p>Runs once; thread-safe. A helper class (defined in the application's class loader).
 */
public final class SpanEndingCallback implements BiConsumer<Object, Throwable> {

  private final Span span;

  SpanEndingCallback(Span span) {
    this.span = span;
  }

  @Override
  public void accept(Object result, Throwable failure) {
    if (failure != null) {
      Throwable cause =
          failure instanceof CompletionException && failure.getCause() != null
              ? failure.getCause()
              : failure;
      WithSpanCall.fail(span, cause);
    }
    span.end();
  }
}
