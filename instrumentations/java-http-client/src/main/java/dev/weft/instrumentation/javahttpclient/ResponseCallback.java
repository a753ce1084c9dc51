package dev.weft.instrumentation.javahttpclient;

import dev.weft.instrumentation.http.ClientCall;
import java.util.function.BiConsumer;

/**
 * Ends the span of a {@code sendAsync} call when its future completes: with the response, or
 * with the exception the application's {@code get()} reports as the cause (a cancellation too).
 *
 * <p>Attached with {@code whenComplete} to the very future {@code sendAsync} returns, and the
 * dependent future that {@code whenComplete} creates is dropped: the application keeps the
 * JDK's own future, so cancelling it, completing it or chaining on it behaves exactly as without
 * the agent. Runs on whichever thread completes that future (or on the calling thread when it is
 * already complete), and only ends a span there: no blocking, nothing made current.
 *
 * <p>Helper class: defined in {@code java.net.http}'s class loader. Runs once; thread-safe.
 */
final class ResponseCallback implements BiConsumer<Object, Throwable> {

  private final ClientCall call;

  ResponseCallback(ClientCall call) {
    this.call = call;
  }

  @Override
  public void accept(Object response, Throwable error) {
    JavaHttpClientTracing.end(call, response, error);
  }
}
