package dev.weft.instrumentation.apachehttpclient.v4;

import dev.weft.api.Scope;
import dev.weft.api.propagation.TextMapSetter;
import dev.weft.instrumentation.apachehttpclient.ApacheHttpClientSupport;
import dev.weft.instrumentation.http.ClientCall;
import dev.weft.instrumentation.http.HttpClientSpans;
import java.net.URI;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.HttpResponse;
import org.apache.http.ProtocolVersion;
import org.apache.http.RequestLine;
import org.apache.http.StatusLine;
import org.apache.http.client.methods.HttpUriRequest;

/**
 * The HttpClient 4.x side of the instrumentation, called by {@link ApacheHttpClient4Advice}:
 * starts the span of one {@code execute}, writes its context into the request, and ends it with
 * the response or the exception.
 *
 * <p>A helper class: defined in the class loader of each woven client, where the HttpClient 4 API
 * is; uses only public members of the agent's classes. It is also the header setter, which
 * replaces every line of a header of the same name, so that a request the application reuses,
 * that the client retries, or into which the application copied an incoming request's repeated
 * trace headers (as a proxy does) carries one {@code traceparent} and one {@code tracestate}.
 * ({@code HttpMessage.setHeader} alone would replace only the first line.) Stateless;
 * thread-safe.
 */
public final class ApacheHttpClient4Calls implements TextMapSetter<HttpRequest> {

  private static final ApacheHttpClient4Calls SETTER = new ApacheHttpClient4Calls();

  private ApacheHttpClient4Calls() {}

  /**
   * Entering a client call: when it is the outermost one of the thread (and the thread is not
   * the agent's own), starts its span for a request to {@code target} (null when the client is
   * to find the host itself) and injects the span's context into {@code request}; else returns
   * null. Every call must be paired with {@link #exit}, also when this one throws.
   */
  public static ClientCall enter(HttpHost target, HttpRequest request) {
    if (HttpClientSpans.DEPTH.enter() != 0
        || request == null
        || HttpClientSpans.isSuppressed()) {
      return null;
    }
    String method;
    String uri;
    URI parsed = null;
    if (request instanceof HttpUriRequest) {
      // Cheaper than getRequestLine(), which builds a new line object on every call.
      HttpUriRequest uriRequest = (HttpUriRequest) request;
      method = uriRequest.getMethod();
      parsed = uriRequest.getURI();
      uri = parsed == null ? null : parsed.toString();
    } else {
      RequestLine line = request.getRequestLine();
      method = line.getMethod();
      uri = line.getUri();
    }
    boolean absolute = uri != null && ApacheHttpClientSupport.isAbsolute(uri);
    String host = null;
    int port = -1;
    String scheme = null;
    String url = absolute ? uri : null;
    if (target != null) {
      host = target.getHostName();
      port = target.getPort();
      scheme = target.getSchemeName();
      if (!absolute) {
        url = ApacheHttpClientSupport.fullUrl(target.toURI(), uri);
      }
    } else if (parsed != null && parsed.isAbsolute()) {
      host = parsed.getHost();
      port = parsed.getPort();
      scheme = parsed.getScheme();
    }
    ClientCall call =
        HttpClientSpans.start(
            ApacheHttpClientSupport.TRACER,
            method,
            url,
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
   * Leaving a client call entered with {@link #enter}: if that started a span, restores the
   * context of before the call and ends the span with the response (null when the call threw)
   * or {@code thrown}; the span is ended even if reading the response fails.
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
      StatusLine line = response == null ? null : response.getStatusLine();
      if (line != null) {
        status = line.getStatusCode();
        ProtocolVersion protocol = line.getProtocolVersion();
        if (protocol != null) {
          version = ApacheHttpClientSupport.protocolVersion(protocol.getMajor(), protocol.getMinor());
        }
      }
    } finally {
      call.end(status, version, thrown);
    }
  }

  @Override
  public void set(HttpRequest carrier, String key, String value) {
    carrier.removeHeaders(key);
    carrier.setHeader(key, value);
  }
}
