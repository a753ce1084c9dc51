package dev.weft.instrumentation.apachehttpclient.v5;

import net.bytebuddy.asm.Advice;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;

/**
 * Woven into {@code CloseableHttpAsyncClient.doExecute(HttpHost, AsyncRequestProducer,
 * AsyncResponseConsumer, HandlerFactory, HttpContext, FutureCallback)} implementations, where
 * every (final) {@code execute} overload of the 5.x asynchronous client ends up. The outermost
 * call of the thread starts the span and passes the client wrapped producer, consumer and
 * callback, which inject the context and end the span (see {@link AsyncClientCall}); without a
 * span, the arguments pass unchanged. The span is not made current: the call's work happens on
 * the client's I/O threads. Branch-free, like all advice of this module (see {@code
 * ApacheHttpClient4Advice}).
 */
public final class ApacheAsyncClient5Advice {

  private ApacheAsyncClient5Advice() {}

  @SuppressWarnings({"unchecked", "rawtypes", "UnusedAssignment"})
  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static AsyncClientCall onEnter(
      @Advice.Argument(0) HttpHost target,
      @Advice.Argument(value = 1, readOnly = false) AsyncRequestProducer requestProducer,
      @Advice.Argument(value = 2, readOnly = false) AsyncResponseConsumer responseConsumer,
      @Advice.Argument(value = 5, readOnly = false) FutureCallback callback) {
    AsyncClientCall call = AsyncClientCall.enter(target);
    requestProducer = AsyncClientCall.wrap(call, requestProducer);
    responseConsumer = AsyncClientCall.wrap(call, responseConsumer);
    callback = AsyncClientCall.wrap(call, callback);
    return call;
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void onExit(@Advice.Thrown Throwable thrown, @Advice.Enter AsyncClientCall call) {
    AsyncClientCall.exit(call, thrown);
  }
}
