package dev.weft.instrumentation.apachehttpclient.v5;

import dev.weft.api.Scope;
import org.apache.hc.core5.concurrent.FutureCallback;

/**
 * The application's completion callback (possibly none), ending the call's span when the call
 * fails, is cancelled, or completes without its response head having ended it; and running the
 * application's callback with the context the call was made in current, so that work it starts
 * continues the same trace. What the application's callback throws reaches the client unchanged.
 * A helper class; thread-safe.
 *
 * @param <T> the call's result
 */
final class TracingFutureCallback<T> implements FutureCallback<T> {

  private final FutureCallback<T> delegate;
  private final AsyncClientCall call;

  TracingFutureCallback(FutureCallback<T> delegate, AsyncClientCall call) {
    this.delegate = delegate;
    this.call = call;
  }

  @Override
  public void completed(T result) {
    call.onDone();
    if (delegate != null) {
      Scope scope = call.parent().makeCurrent();
      try {
        delegate.completed(result);
      } finally {
        scope.close();
      }
    }
  }

  @Override
  public void failed(Exception cause) {
    call.onFailure(cause);
    if (delegate != null) {
      Scope scope = call.parent().makeCurrent();
      try {
        delegate.failed(cause);
      } finally {
        scope.close();
      }
    }
  }

  @Override
  public void cancelled() {
    call.onDone();
    if (delegate != null) {
      Scope scope = call.parent().makeCurrent();
      try {
        delegate.cancelled();
      } finally {
        scope.close();
      }
    }
  }
}
