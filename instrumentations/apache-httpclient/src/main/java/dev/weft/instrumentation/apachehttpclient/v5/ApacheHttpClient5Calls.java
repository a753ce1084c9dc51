package dev.weft.instrumentation.apachehttpclient.v5;

import dev.weft.api.Scope;
import dev.weft.api.propagation.TextMapSetter;
import dev.weft.instrumentation.apachehttpclient.ApacheHttpClientSupport;
import dev.weft.instrumentation.http.ClientCall;
import dev.weft.instrumentation.http.HttpClientSpans;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.ProtocolVersion;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.net.URIAuthority;

/**
 * The HttpClient 5.x side of the instrumentation: starts and ends the span of one classic {@code
 * execute} (for {@link ApacheClassicClient5Advice}), and reads requests and responses for
 * the asynchronous client ({@link AsyncClientCall}).
 *
 * <p>A helper class: defined in the class loader of each woven client, where the HttpClient 5 API
 * is; uses only public members of the agent's classes. It is also the header setter, which
 * replaces every line of a header of the same name, so that a request the application reuses,
 * that the client retries, or into which the application copied an incoming request's repeated
 * trace headers (as a proxy does) carries one {@code traceparent} and one {@code tracestate}.
 * ({@code HttpMessage.setHeader} alone would replace only the first line.) Stateless;
 * thread-safe.
 */
public final class ApacheHttpClient5Calls implements TextMapSetter<HttpRequest> {

  static final ApacheHttpClient5Calls SETTER = new ApacheHttpClient5Calls();

  private ApacheHttpClient5Calls() {}

  /**
   * Entering a classic client call: when it is the outermost one of the thread (and the thread
   * is not the agent's own), starts its span for a request to {@code target} (null when the
   * request names its host itself) and injects the span's context into {@code request}; else
   * returns null. Every call must be paired with {@link #exit}, also when this one throws.
   */
  public static ClientCall enter(HttpHost target, HttpRequest request) {
    if (HttpClientSpans.DEPTH.enter() != 0
        || request == null
        || HttpClientSpans.isSuppressed()) {
      return null;
    }
    String host;
    int port;
    String scheme;
    if (target != null) {
      host = target.getHostName();
      port = target.getPort();
      scheme = target.getSchemeName();
    } else {
      URIAuthority authority = request.getAuthority();
      host = authority == null ? null : authority.getHostName();
      port = authority == null ? -1 : authority.getPort();
      scheme = request.getScheme();
    }
    ClientCall call =
        HttpClientSpans.start(
            ApacheHttpClientSupport.TRACER,
            request.getMethod(),
            url(target, request),
            host,
            port,
            ApacheHttpClientSupport.defaultPort(scheme));
    call.inject(request, SETTER);
    return call;
  }

  /** Makes the call's span current on this thread; null (nothing to close) without a call. */
  public static Scope makeCurrent(ClientCall call) {
    return call == null ? null : call.makeCurrent();
  }

  /**
   * Leaving a classic client call entered with {@link #enter}: if that started a span, restores
   * the context of before the call and ends the span with the response (null when the call
   * threw) or {@code thrown}; the span is ended even if reading the response fails.
   */
  public static void exit(ClientCall call, Scope scope, HttpResponse response, Throwable thrown) {
    HttpClientSpans.DEPTH.exit();
    if (call == null) {
      return;
    }
    int status = 0;
    String version = null;
    try {
      if (scope != null) {
        scope.close();
      }
      if (response != null) {
        status = response.getCode();
        version = protocolVersion(response, null);
      }
    } finally {
      call.end(status, version, thrown);
    }
  }

  /**
   * The URL of a request: its own scheme and authority when it has them (it was made from an
   * absolute URI), else those of the target it is sent to; user information is left out. Null
   * when neither knows the host.
   */
  static String url(HttpHost target, HttpRequest request) {
    String path = request.getPath();
    URIAuthority authority = request.getAuthority();
    String origin;
    if (authority != null) {
      String scheme = request.getScheme();
      if (scheme == null) {
        scheme = target != null ? target.getSchemeName() : "http";
      }
      int port = authority.getPort();
      origin =
          port < 0
              ? scheme + "://" + authority.getHostName()
              : scheme + "://" + authority.getHostName() + ':' + port;
    } else if (target != null) {
      origin = target.toURI();
    } else {
      origin = null;
    }
    return ApacheHttpClientSupport.fullUrl(origin, path);
  }

  /**
   * The protocol version of a response, else the one the exchange's context records (null
   * context: none); null when neither knows.
   */
  static String protocolVersion(HttpResponse response, HttpContext context) {
    ProtocolVersion version = response.getVersion();
    if (version == null && context != null) {
      version = context.getProtocolVersion();
    }
    return version == null
        ? null
        : ApacheHttpClientSupport.protocolVersion(version.getMajor(), version.getMinor());
  }

  @Override
  public void set(HttpRequest carrier, String key, String value) {
    carrier.removeHeaders(key);
    carrier.setHeader(key, value);
  }
}
