package dev.weft.instrumentation.servlet.common;

import dev.weft.api.Context;
import dev.weft.api.Span;
import dev.weft.api.SpanKind;
import dev.weft.api.StatusCode;
import dev.weft.api.Tracer;
import dev.weft.api.Tracing;
import dev.weft.instrumentation.http.HttpMethods;
import dev.weft.instrumentation.http.HttpServerRoute;
import dev.weft.instrumentation.http.ServerRequestExclusions;

/**
 * The server span of a servlet request: started at the outermost instrumented servlet or filter
 * call, ended when that call returns or, for an asynchronous request, when the request completes.
 *
 * <p>One span per request, whatever runs inside it: the request's context is kept in a request
 * attribute, and a call that finds it there while something is already current on its thread is
 * nested (another filter, a forward, an include) and does nothing. A call that finds it with
 * nothing current is an async dispatch on another thread: it makes the request's context current
 * for its duration and leaves the ending to the async listener.
 *
 * <p>A request that configuration excludes ({@link ServerRequestExclusions}: a health check, say)
 * gets an unsampled span in place of the server span, kept and made current the same way, so
 * that nothing under it is recorded and its outgoing calls say the trace is not sampled.
 *
 * <p>Attributes follow the stable HTTP server semantic conventions. Thread-safe and stateless
 * beyond its accessor.
 *
 * @param <REQ> the HTTP request type
 * @param <RESP> the HTTP response type
 */
public final class ServletServerTracer<REQ, RESP> {

  /**
   * Request attribute holding the {@link Context} of the request's server span; frameworks find
   * the span there to name it after their route ({@link HttpServerRoute}).
   */
  public static final String CONTEXT_ATTRIBUTE = HttpServerRoute.CONTEXT_ATTRIBUTE;

  /** Request attribute set once the async listener is registered. */
  public static final String LISTENER_ATTRIBUTE = "dev.weft.servlet.asyncListener";

  /** Servlet-context attribute holding the application's {@link ServletMappings}. */
  public static final String MAPPINGS_ATTRIBUTE = "dev.weft.servlet.mappings";

  private static final Tracer TRACER = Tracing.tracer("dev.weft.servlet");

  private final ServletAccessor<REQ, RESP> accessor;

  public ServletServerTracer(ServletAccessor<REQ, RESP> accessor) {
    this.accessor = accessor;
  }

  /** At the entry of a servlet or filter call; null when the call has nothing to do. */
  public ServerRequestHandle enter(REQ request) {
    Object existing = accessor.attribute(request, CONTEXT_ATTRIBUTE);
    if (existing instanceof Context) {
      if (Context.current().span().spanContext().isValid()) {
        return null;
      }
      Context context = (Context) existing;
      return new ServerRequestHandle(context, context.span(), context.makeCurrent(), false);
    }

    Context parent = Tracing.propagator().extract(Context.root(), request, accessor);
    if (isExcluded(request)) {
      Context excluded = parent.with(TRACER.startUnsampled(parent));
      accessor.setAttribute(request, CONTEXT_ATTRIBUTE, excluded);
      return new ServerRequestHandle(excluded, excluded.span(), excluded.makeCurrent(), true);
    }
    String method = HttpMethods.normalize(accessor.method(request));
    String route = accessor.route(request);
    String name = HttpMethods.spanName(method, route);
    Span span = TRACER.start(name, SpanKind.SERVER, parent);
    if (span.isRecording()) {
      setRequestAttributes(span, request, method, route);
    }
    Context context = parent.with(span);
    accessor.setAttribute(request, CONTEXT_ATTRIBUTE, context);
    return new ServerRequestHandle(context, span, context.makeCurrent(), true);
  }

  /** Whether configuration says not to trace this request ({@link ServerRequestExclusions}). */
  private boolean isExcluded(REQ request) {
    ServerRequestExclusions exclusions = ServerRequestExclusions.configured();
    if (exclusions.isEmpty()) {
      return false;
    }
    String userAgent = exclusions.hasUserAgents() ? accessor.get(request, "user-agent") : null;
    return exclusions.excludes(accessor.requestUri(request), userAgent);
  }

  /** At the exit of the call {@link #enter} returned {@code handle} for. */
  public void exit(ServerRequestHandle handle, REQ request, RESP response, Throwable thrown) {
    if (handle == null) {
      return;
    }
    handle.scope.close();
    if (!handle.owner) {
      // An async dispatch: the listener registered by the owner ends the span.
      return;
    }
    Span span = handle.span;
    if (thrown != null) {
      recordException(span, accessor.unwrap(thrown));
    }
    if (accessor.isAsyncStarted(request)) {
      if (accessor.attribute(request, LISTENER_ATTRIBUTE) == null) {
        accessor.setAttribute(request, LISTENER_ATTRIBUTE, Boolean.TRUE);
        accessor.addAsyncListener(request, response, handle);
      }
      return;
    }
    end(span, response, thrown != null);
  }

  /**
   * Whether the calling thread's current context holds a valid span. {@code AsyncContext.start}
   * then binds its task to that context, and need not look at the request.
   */
  public static boolean hasCurrentSpan() {
    return Context.current().span().spanContext().isValid();
  }

  /**
   * The task to hand to {@code AsyncContext.start} in place of {@code task}, so that the work runs
   * in the request's trace on the container thread that picks it up: {@code task} bound to the
   * current context when that holds a valid span (the request's own, or a span the application
   * started inside it), else to {@code requestContext} when that is a request's {@link Context}
   * (the value of {@link #CONTEXT_ATTRIBUTE}; {@code start} called from a thread of the
   * application's with nothing current), else {@code task} itself.
   *
   * <p>Wrapping twice (a container's facade delegating to its implementation, both woven) binds
   * the same context twice; the inner binding then finds it current already and changes nothing.
   * A null task is returned as is, for the container to reject as it would without the agent.
   */
  public static Runnable bindAsyncTask(Runnable task, Object requestContext) {
    if (task == null) {
      return null;
    }
    Context current = Context.current();
    if (current.span().spanContext().isValid()) {
      return current.wrap(task);
    }
    if (requestContext instanceof Context) {
      return ((Context) requestContext).wrap(task);
    }
    return task;
  }

  /** The asynchronous request completed: records the final status and ends the span. */
  public void onAsyncComplete(ServerRequestHandle handle, RESP response) {
    end(handle.span, response, false);
  }

  /** The asynchronous request timed out; it completes (and the span ends) afterwards. */
  public void onAsyncTimeout(ServerRequestHandle handle) {
    Span span = handle.span;
    span.setStatus(StatusCode.ERROR, "asynchronous request timed out");
    span.setAttribute("error.type", "timeout");
  }

  /** The asynchronous processing failed; it completes (and the span ends) afterwards. */
  public void onAsyncError(ServerRequestHandle handle, Throwable error) {
    if (error != null) {
      recordException(handle.span, accessor.unwrap(error));
    }
  }

  private void setRequestAttributes(Span span, REQ request, String method, String route) {
    span.setAttribute("http.request.method", method);
    if (method == HttpMethods.OTHER) {
      span.setAttribute("http.request.method_original", accessor.method(request));
    }
    span.setAttribute("url.path", accessor.requestUri(request));
    String query = accessor.queryString(request);
    if (query != null) {
      span.setAttribute("url.query", query);
    }
    span.setAttribute("url.scheme", accessor.scheme(request));
    if (route != null) {
      span.setAttribute("http.route", route);
    }
    span.setAttribute("server.address", accessor.serverName(request));
    span.setAttribute("server.port", (long) accessor.serverPort(request));
    String peer = accessor.remoteAddress(request);
    String forwardedFor = accessor.get(request, "x-forwarded-for");
    span.setAttribute("client.address", HttpMethods.clientAddress(forwardedFor, peer));
    if (peer != null) {
      span.setAttribute("network.peer.address", peer);
    }
    String userAgent = accessor.get(request, "user-agent");
    if (userAgent != null) {
      span.setAttribute("user_agent.original", userAgent);
    }
    String version = HttpMethods.protocolVersion(accessor.protocol(request));
    if (version != null) {
      span.setAttribute("network.protocol.version", version);
    }
  }

  private static void recordException(Span span, Throwable thrown) {
    span.recordException(thrown);
    span.setStatus(StatusCode.ERROR);
    span.setAttribute("error.type", thrown.getClass().getName());
  }

  private void end(Span span, RESP response, boolean threw) {
    int status = accessor.status(response);
    if (threw && !accessor.isCommitted(response)) {
      // The container answers an uncaught exception with 500 after the call returns.
      status = 500;
    }
    if (status > 0) {
      span.setAttribute("http.response.status_code", (long) status);
    }
    if (status >= 500) {
      span.setStatus(StatusCode.ERROR);
      if (!threw) {
        span.setAttribute("error.type", HttpMethods.statusText(status));
      }
    }
    span.end();
  }
}
