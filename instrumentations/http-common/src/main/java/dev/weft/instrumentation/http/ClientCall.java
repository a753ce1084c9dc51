package dev.weft.instrumentation.http;

import dev.weft.api.Context;
import dev.weft.api.Scope;
import dev.weft.api.Span;
import dev.weft.api.StatusCode;
import dev.weft.api.Tracing;
import dev.weft.api.propagation.TextMapSetter;

/**
 * One traced outgoing HTTP call: its CLIENT span and the context to send with the request.
 *
 * <p>Created by {@link HttpClientSpans#start}; the instrumentation injects the context into the
 * request, and ends the call exactly once when the response status and headers are known or the
 * call failed. May be ended on another thread than the one that started it (asynchronous
 * clients). Mutators other than {@link #end} are for the starting thread.
 */
public final class ClientCall {

  private final Context context;
  private final Span span;

  ClientCall(Context context, Span span) {
    this.context = context;
    this.span = span;
  }

  /** The context of the call's span: what the next service continues. */
  public Context context() {
    return context;
  }

  public Span span() {
    return span;
  }

  /**
   * Writes the call's context into the request with the configured propagators. The setter must
   * replace a header of the same name, so that a request retried or reused carries it once.
   */
  public <C> void inject(C carrier, TextMapSetter<C> setter) {
    Tracing.propagator().inject(context, carrier, setter);
  }

  /** Makes the call's context current, for work done inside the call on this thread. */
  public Scope makeCurrent() {
    return context.makeCurrent();
  }

  /**
   * Ends the call.
   *
   * @param statusCode the response status, or 0 when there is no response
   * @param protocolVersion {@code 1.1}, {@code 2}, ...; null when unknown
   * @param error what the call threw, or null; it is recorded, never changed
   */
  public void end(int statusCode, String protocolVersion, Throwable error) {
    if (span.isRecording()) {
      if (statusCode > 0) {
        span.setAttribute("http.response.status_code", (long) statusCode);
      }
      if (protocolVersion != null) {
        span.setAttribute("network.protocol.version", protocolVersion);
      }
      if (error != null) {
        span.recordException(error);
        span.setStatus(StatusCode.ERROR);
        span.setAttribute("error.type", error.getClass().getName());
      } else if (statusCode >= 400) {
        // For a client, 4xx is an error as much as 5xx: the call did not get what it asked for.
        span.setStatus(StatusCode.ERROR);
        span.setAttribute("error.type", HttpMethods.statusText(statusCode));
      }
    }
    span.end();
  }
}
