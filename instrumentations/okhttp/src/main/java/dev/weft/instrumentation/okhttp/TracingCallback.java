package dev.weft.instrumentation.okhttp;

import dev.weft.api.Context;
import dev.weft.api.Scope;
import java.io.IOException;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Response;

/**
 * The application's {@link Callback} as OkHttp holds it for an enqueued call, with the context
 * that was current when the call was enqueued. OkHttp calls it exactly as it would the
 * application's: each method passes the same arguments straight through, and whatever the
 * application's method throws reaches OkHttp unchanged.
 *
 * <p>The context is made current on the dispatcher thread by {@link AsyncCallAdvice} for the run
 * of the call, so the call's span is the child of the enqueuing span, and so is any span the
 * application's callback starts. Immutable and thread-safe.
 *
 * <p>A helper class (defined in OkHttp's class loader): uses only public members of the agent's
 * classes, no lambdas.
 */
public final class TracingCallback implements Callback {

  private final Callback delegate;
  private final Context context;

  private TracingCallback(Callback delegate, Context context) {
    this.delegate = delegate;
    this.context = context;
  }

  /**
   * The callback to hand OkHttp instead of {@code callback}: a {@code TracingCallback} with the
   * current context; {@code callback} itself when it is null (OkHttp rejects it as without the
   * agent) or already one of ours.
   */
  public static Callback wrap(Callback callback) {
    if (callback == null || callback instanceof TracingCallback) {
      return callback;
    }
    // Even the root context is captured: the dispatcher thread must not run the call in
    // whatever context it happens to have (an executor instrumentation would hand it the context
    // of the thread that promoted the call from the queue, not of the one that enqueued it).
    return new TracingCallback(callback, Context.current());
  }

  /**
   * Makes the enqueuing context current, if {@code callback} is one of ours; returns the scope to
   * close when the call's run ends, or null.
   */
  public static Scope attach(Callback callback) {
    if (callback instanceof TracingCallback) {
      return ((TracingCallback) callback).context.makeCurrent();
    }
    return null;
  }

  /** Closes what {@link #attach} returned, on the same thread; null is nothing to close. */
  public static void detach(Scope scope) {
    if (scope != null) {
      scope.close();
    }
  }

  @Override
  public void onFailure(Call call, IOException e) {
    delegate.onFailure(call, e);
  }

  @Override
  public void onResponse(Call call, Response response) throws IOException {
    delegate.onResponse(call, response);
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
