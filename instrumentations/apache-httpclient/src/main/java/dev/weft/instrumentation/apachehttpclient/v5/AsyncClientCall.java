package dev.weft.instrumentation.apachehttpclient.v5;

import dev.weft.api.Context;
import dev.weft.api.Span;
import dev.weft.api.internal.AdviceErrors;
import dev.weft.instrumentation.apachehttpclient.ApacheHttpClientSupport;
import dev.weft.instrumentation.http.ClientCall;
import dev.weft.instrumentation.http.HttpClientSpans;
import dev.weft.instrumentation.http.HttpMethods;
import dev.weft.instrumentation.http.UrlRedaction;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.net.URIAuthority;

/**
 * One traced call of the HttpClient 5 asynchronous client, from {@code doExecute} until its
 * response head arrives or it fails.
 *
 * <p>{@code doExecute} receives a request <em>producer</em>, not a request: the request itself is
 * known only when the producer hands it to the client's {@code RequestChannel} (on the calling
 * thread for the usual clients, later on an I/O thread for the minimal ones). So the span starts
 * in {@code doExecute}, with the target host, and is completed with the method and URL when the
 * request goes by ({@link #onRequest}), which is also where the context is injected, before the
 * request is sent. The span ends exactly once, on the first of: the response head reaching the
 * response consumer, the consumer or the callback being told of a failure, cancellation, or
 * completion without a response.
 *
 * <p>A helper class (defined in the application's class loader). Its methods are called from
 * the wrappers on the client's threads and never throw: a failure of the instrumentation is
 * reported once and the application's call goes on. Thread-safe.
 */
public final class AsyncClientCall {

  private static final AtomicIntegerFieldUpdater<AsyncClientCall> ENDED =
      AtomicIntegerFieldUpdater.newUpdater(AsyncClientCall.class, "ended");

  private final ClientCall call;
  private final Context parent;
  private final HttpHost target;
  private volatile int ended;

  private AsyncClientCall(ClientCall call, Context parent, HttpHost target) {
    this.call = call;
    this.parent = parent;
    this.target = target;
  }

  /**
   * Entering {@code doExecute}: when it is the outermost client call of the thread (and the
   * thread is not the agent's own), starts the span of a call to {@code target} (null when the
   * request names its host) as a child of the current context; else returns null. Every call
   * must be paired with {@link #exit}, also when this one throws.
   */
  public static AsyncClientCall enter(HttpHost target) {
    if (HttpClientSpans.DEPTH.enter() != 0 || HttpClientSpans.isSuppressed()) {
      return null;
    }
    Context parent = Context.current();
    String host = null;
    int port = -1;
    int defaultPort = 0; // no server.port until the request says which
    String url = null;
    if (target != null) {
      host = target.getHostName();
      port = target.getPort();
      defaultPort = ApacheHttpClientSupport.defaultPort(target.getSchemeName());
      url = target.toURI();
    }
    // The method is not known yet: onRequest names the span when the request goes by.
    ClientCall call =
        HttpClientSpans.start(
            ApacheHttpClientSupport.TRACER, null, url, host, port, defaultPort);
    return new AsyncClientCall(call, parent, target);
  }

  /**
   * Leaving {@code doExecute}, entered with {@link #enter}: if it threw, the call never got under
   * way and no callback will tell of it, so the span ends here with {@code thrown}.
   */
  public static void exit(AsyncClientCall call, Throwable thrown) {
    HttpClientSpans.DEPTH.exit();
    if (call != null && thrown != null) {
      call.onFailure(thrown);
    }
  }

  /** What to pass on instead of {@code producer}: one that injects into the request. */
  public static AsyncRequestProducer wrap(AsyncClientCall call, AsyncRequestProducer producer) {
    return call == null || producer == null
        ? producer
        : new TracingRequestProducer(producer, call);
  }

  /** What to pass on instead of {@code consumer}: one that ends the span at the response head. */
  public static <T> AsyncResponseConsumer<T> wrap(
      AsyncClientCall call, AsyncResponseConsumer<T> consumer) {
    return call == null || consumer == null
        ? consumer
        : new TracingResponseConsumer<T>(consumer, call);
  }

  /**
   * What to pass on instead of {@code callback} (which may be null): one that ends the span on
   * failure and runs the application's callback in the context the call was made in.
   */
  public static <T> FutureCallback<T> wrap(AsyncClientCall call, FutureCallback<T> callback) {
    return call == null ? callback : new TracingFutureCallback<T>(callback, call);
  }

  /** The context the call was made in: where the application's callback runs. */
  Context parent() {
    return parent;
  }

  /** The request is about to be sent: names the span after it and injects the context. */
  void onRequest(HttpRequest request) {
    try {
      Span span = call.span();
      if (span.isRecording()) {
        String method = request.getMethod();
        String normalized = HttpMethods.normalize(method);
        span.updateName(HttpMethods.spanName(normalized, null));
        span.setAttribute("http.request.method", normalized);
        if (normalized == HttpMethods.OTHER && method != null) {
          span.setAttribute("http.request.method_original", method);
        }
        String url = ApacheHttpClient5Calls.url(target, request);
        if (url != null) {
          span.setAttribute("url.full", UrlRedaction.redact(url));
        }
        URIAuthority authority = target == null ? request.getAuthority() : null;
        if (authority != null) {
          // Called without a target: the request alone says where it goes.
          span.setAttribute("server.address", authority.getHostName());
          int port = authority.getPort();
          span.setAttribute(
              "server.port",
              (long)
                  (port > 0 ? port : ApacheHttpClientSupport.defaultPort(request.getScheme())));
        }
      }
      call.inject(request, ApacheHttpClient5Calls.SETTER);
    } catch (Throwable t) {
      AdviceErrors.report(t);
    }
  }

  /** The head of the final response arrived. */
  void onResponse(HttpResponse response, HttpContext context) {
    if (!claimEnd()) {
      return;
    }
    int status = 0;
    String version = null;
    try {
      status = response.getCode();
      version = ApacheHttpClient5Calls.protocolVersion(response, context);
    } catch (Throwable t) {
      AdviceErrors.report(t);
    } finally {
      endQuietly(status, version, null);
    }
  }

  /** The call failed; ends the span unless its response head ended it already. */
  void onFailure(Throwable error) {
    if (claimEnd()) {
      endQuietly(0, null, error);
    }
  }

  /** The call completed or was cancelled; ends the span if nothing else did. */
  void onDone() {
    if (claimEnd()) {
      endQuietly(0, null, null);
    }
  }

  private boolean claimEnd() {
    return ENDED.compareAndSet(this, 0, 1);
  }

  private void endQuietly(int status, String version, Throwable error) {
    try {
      call.end(status, version, error);
    } catch (Throwable t) {
      AdviceErrors.report(t);
    }
  }
}
