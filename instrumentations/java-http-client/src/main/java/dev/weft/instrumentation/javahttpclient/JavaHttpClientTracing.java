package dev.weft.instrumentation.javahttpclient;

import dev.weft.api.Tracer;
import dev.weft.api.Tracing;
import dev.weft.api.internal.AdviceErrors;
import dev.weft.core.log.AgentLog;
import dev.weft.instrumentation.http.ClientCall;
import dev.weft.instrumentation.http.HttpClientSpans;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * What the advice woven into {@code HttpClientImpl.send} and {@code sendAsync} calls: starts the
 * call's CLIENT span, puts its context into a copy of the request, and ends the span when the
 * response is there ({@code send} returns or throws; the future of {@code sendAsync} completes).
 *
 * <p>Every entry calls {@code HttpClientSpans.DEPTH.enter()} and every exit {@code exit()}, so
 * that {@code sendAsync(request, handler)} calling {@code sendAsync(request, handler,
 * pushPromiseHandler)}, or an instrumented client built on this one, yields one span. Nothing is
 * traced on the agent's own threads, and nothing for the WebSocket opening handshake (whose
 * request is the JDK's internal {@code HttpRequestImpl}, which must reach the client unchanged).
 *
 * <p>Helper class: defined in {@code java.net.http}'s class loader (see {@link
 * JavaHttpClientInstrumentationModule}). Stateless; thread-safe.
 */
public final class JavaHttpClientTracing {

  private static final Tracer TRACER = Tracing.tracer("dev.weft.java-http-client");

  /** The JDK's internal request type: only the WebSocket handshake passes one to the client. */
  private static final String INTERNAL_REQUEST = "jdk.internal.net.http.HttpRequestImpl";

  private JavaHttpClientTracing() {}

  /**
   * Enters a call; returns its span, or null when this call is not traced (nested in another
   * client call, on an agent thread, or not an application's request).
   */
  public static ClientCall start(HttpRequest request) {
    if (HttpClientSpans.DEPTH.enter() != 0
        || request == null
        || HttpClientSpans.isSuppressed()
        || request.getClass().getName().equals(INTERNAL_REQUEST)) {
      return null;
    }
    URI uri = request.uri();
    if (uri == null) {
      return null;
    }
    return HttpClientSpans.start(
        TRACER,
        request.method(),
        uri.toString(),
        host(uri),
        uri.getPort(),
        "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80);
  }

  /**
   * The request to send instead of {@code request}: a copy carrying the call's context in its
   * headers. The original when the call is not traced ({@code call} null), when the propagators
   * write nothing, or when the copy cannot be made (then the call is still traced, just not
   * continued by the server; said once on stderr).
   */
  public static HttpRequest withContext(HttpRequest request, ClientCall call) {
    if (call == null) {
      return request;
    }
    try {
      InjectedHeaders headers = new InjectedHeaders();
      call.inject(headers, InjectedHeaders.SETTER);
      return headers.size() == 0 ? request : RequestCopy.with(request, headers);
    } catch (RuntimeException e) {
      AgentLog.warnOnce(
          "java-http-client:copy:" + request.getClass().getName(),
          "Cannot add trace headers to a request of type "
              + request.getClass().getName()
              + "; such requests are sent without them",
          e);
      return request;
    }
  }

  /** Exits {@code send}: ends the span with what it returned or threw. */
  public static void endSend(ClientCall call, HttpResponse<?> response, Throwable thrown) {
    HttpClientSpans.DEPTH.exit();
    if (call != null) {
      end(call, response, thrown);
    }
  }

  /**
   * Exits {@code sendAsync}: ends the span when the returned future completes, or now when the
   * method threw. The future itself is left as it is and stays the one the application gets.
   */
  public static void endAsync(ClientCall call, CompletableFuture<?> future, Throwable thrown) {
    HttpClientSpans.DEPTH.exit();
    if (call == null) {
      return;
    }
    if (thrown != null || future == null) {
      end(call, null, thrown);
    } else {
      future.whenComplete(new ResponseCallback(call));
    }
  }

  /** Ends the span; never throws (it may run in a future's completion, on any thread). */
  static void end(ClientCall call, Object response, Throwable error) {
    try {
      if (error != null) {
        call.end(0, null, unwrap(error));
      } else if (response instanceof HttpResponse) {
        HttpResponse<?> httpResponse = (HttpResponse<?>) response;
        call.end(httpResponse.statusCode(), protocolVersion(httpResponse.version()), null);
      } else {
        call.end(0, null, null);
      }
    } catch (Throwable t) {
      AdviceErrors.report(t);
    }
  }

  /**
   * The negotiated version as {@code network.protocol.version} has it: {@code 1.1}, {@code 2}
   * (also when the client asked for HTTP/2 and the server stayed on 1.1, this is what was used).
   */
  static String protocolVersion(HttpClient.Version version) {
    if (version == HttpClient.Version.HTTP_1_1) {
      return "1.1";
    }
    if (version == HttpClient.Version.HTTP_2) {
      return "2";
    }
    // A version newer than this code (HTTP_3 on recent JDKs): HTTP_3 -> 3.
    String name = version == null ? null : version.name();
    return name != null && name.startsWith("HTTP_") ? name.substring(5).replace('_', '.') : null;
  }

  /** What a dependent stage would see wrapped: the exception the application's get() reports. */
  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null
        ? error.getCause()
        : error;
  }

  /** The host without the brackets of an IPv6 literal. */
  private static String host(URI uri) {
    String host = uri.getHost();
    if (host != null && host.length() > 2 && host.charAt(0) == '[') {
      return host.substring(1, host.length() - 1);
    }
    return host;
  }
}
