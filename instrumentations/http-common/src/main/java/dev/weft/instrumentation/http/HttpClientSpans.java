package dev.weft.instrumentation.http;

import dev.weft.api.AgentThread;
import dev.weft.api.CallDepth;
import dev.weft.api.Context;
import dev.weft.api.Span;
import dev.weft.api.SpanKind;
import dev.weft.api.Tracer;

/**
 * Starts the CLIENT span of one outgoing HTTP call, for every HTTP client instrumentation.
 *
 * <p>One span per logical call: all client instrumentations share {@link #DEPTH}, so when one
 * instrumented client sits on another (a REST client on OkHttp, a library on {@code
 * HttpURLConnection}) only the outermost call is traced. Advice calls {@code DEPTH.enter()} on
 * entry and {@code DEPTH.exit()} on exit unconditionally, and starts a span only at depth 0.
 *
 * <p>Nothing is traced on the agent's own threads ({@link AgentThread}), so the exporter's HTTP
 * traffic never becomes spans. Stateless; thread-safe.
 */
public final class HttpClientSpans {

  /** The nesting depth of outgoing HTTP calls on the current thread, across all clients. */
  public static final CallDepth DEPTH = new CallDepth();

  private HttpClientSpans() {}

  /** Whether calls on the current thread are never traced (the agent's own threads). */
  public static boolean isSuppressed() {
    return AgentThread.isCurrent();
  }

  /**
   * Starts the span of a call as a child of the current context; it is not made current.
   *
   * @param tracer the calling instrumentation's tracer (its name is the span's scope)
   * @param method the request method as the client has it
   * @param url the full URL; user and password in it are redacted
   * @param serverAddress the host the call goes to
   * @param serverPort the port, or -1 for the scheme's default
   * @param defaultPort the scheme's default port, used when {@code serverPort} is -1
   */
  public static ClientCall start(
      Tracer tracer,
      String method,
      String url,
      String serverAddress,
      int serverPort,
      int defaultPort) {
    Context parent = Context.current();
    String normalized = HttpMethods.normalize(method);
    Span span = tracer.start(HttpMethods.spanName(normalized, null), SpanKind.CLIENT, parent);
    if (span.isRecording()) {
      span.setAttribute("http.request.method", normalized);
      if (normalized == HttpMethods.OTHER && method != null) {
        span.setAttribute("http.request.method_original", method);
      }
      if (url != null) {
        span.setAttribute("url.full", UrlRedaction.redact(url));
      }
      if (serverAddress != null) {
        span.setAttribute("server.address", serverAddress);
      }
      int port = serverPort > 0 ? serverPort : defaultPort;
      if (port > 0) {
        span.setAttribute("server.port", (long) port);
      }
    }
    return new ClientCall(parent.with(span), span);
  }
}
