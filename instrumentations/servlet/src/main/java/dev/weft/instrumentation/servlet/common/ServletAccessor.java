package dev.weft.instrumentation.servlet.common;

import dev.weft.api.propagation.TextMapGetter;

/**
 * What {@link ServletServerTracer} needs from one servlet API ({@code javax.servlet} or {@code
 * jakarta.servlet}), so that the tracing logic exists once while the API-specific adapters stay
 * thin. Implementations are stateless singletons defined in the application's class loader.
 *
 * <p>As a {@link TextMapGetter}, it reads request headers, every line of a repeated one ({@code
 * getHeaders}); servlet header lookup is case-insensitive, as propagators require.
 *
 * @param <REQ> the HTTP request type
 * @param <RESP> the HTTP response type
 */
public interface ServletAccessor<REQ, RESP> extends TextMapGetter<REQ> {

  String method(REQ request);

  String requestUri(REQ request);

  String queryString(REQ request);

  String scheme(REQ request);

  String serverName(REQ request);

  int serverPort(REQ request);

  String remoteAddress(REQ request);

  String protocol(REQ request);

  /** The route of the servlet mapping that matched, context path included; null if none. */
  String route(REQ request);

  Object attribute(REQ request, String name);

  void setAttribute(REQ request, String name, Object value);

  boolean isAsyncStarted(REQ request);

  /** Registers a listener that ends {@code handle}'s span when the asynchronous request ends. */
  void addAsyncListener(REQ request, RESP response, ServerRequestHandle handle);

  /**
   * The exception to record for {@code thrown}: the cause of a {@code ServletException} that a
   * framework wrapped around the application's own exception, else {@code thrown} itself.
   */
  Throwable unwrap(Throwable thrown);

  int status(RESP response);

  boolean isCommitted(RESP response);
}
