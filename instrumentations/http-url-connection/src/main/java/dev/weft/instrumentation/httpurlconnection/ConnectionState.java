package dev.weft.instrumentation.httpurlconnection;

import dev.weft.api.Span;
import dev.weft.api.Tracer;
import dev.weft.instrumentation.http.ClientCall;
import dev.weft.instrumentation.http.HttpClientSpans;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * What the instrumentation knows of one connection object: the call (span) of its request from
 * the first method that does network I/O until the response head is known; after that, only
 * that the connection has been traced, so that it never yields a second span.
 *
 * <p>Holds no reference to the connection (it is the value of a map weakly keyed by it).
 * Thread-safety: an application may connect on one thread and read on another, so the call is
 * volatile and ends exactly once (compare-and-set), whichever thread gets there.
 */
final class ConnectionState {

  private static final AtomicReferenceFieldUpdater<ConnectionState, ClientCall> CALL =
      AtomicReferenceFieldUpdater.newUpdater(ConnectionState.class, ClientCall.class, "call");

  /** Null before {@link #start} and after the span ended. */
  private volatile ClientCall call;

  /** Whether the span is named GET and may yet become a POST (see {@link #followMethod}). */
  private volatile boolean startedAsGet;

  /**
   * Starts the span of the connection's request and writes its context into the request
   * headers. Called once, before the connection sends anything.
   */
  void start(Tracer tracer, HttpURLConnection connection) {
    URL url = connection.getURL();
    String method = connection.getRequestMethod();
    ClientCall started =
        url == null
            ? HttpClientSpans.start(tracer, method, null, null, -1, -1)
            : HttpClientSpans.start(
                tracer,
                method,
                url.toString(),
                serverAddress(url.getHost()),
                url.getPort(),
                url.getDefaultPort());
    startedAsGet = "GET".equals(method);
    // Published before injecting, so that the span ends even if injection fails half-way.
    call = started;
    started.inject(connection, RequestPropertySetter.INSTANCE);
  }

  /** The call while its span is open; null before it started and after it ended. */
  ClientCall openCall() {
    return call;
  }

  /**
   * Renames a GET span to POST when the connection turned the request into one: the JDK sends a
   * GET with {@code doOutput} set as a POST once {@code getOutputStream} is called. The other
   * change the JDK makes, POST to GET on a 301/302/303 redirect, is not followed: the span is the
   * call the application made.
   */
  void followMethod(HttpURLConnection connection) {
    ClientCall open = call;
    if (open == null || !startedAsGet) {
      return;
    }
    if ("POST".equals(connection.getRequestMethod())) {
      startedAsGet = false;
      Span span = open.span();
      span.updateName("POST");
      span.setAttribute("http.request.method", "POST");
    }
  }

  /**
   * Ends the call with what the calling method learnt: the latest response status ({@code
   * status}, 0 or less when none arrived) and what the method threw.
   *
   * <p>The JDK reports an error status by throwing ({@code FileNotFoundException} for 404 and
   * 410, an {@code IOException} naming the status otherwise) although the response arrived
   * whole; then the status is the outcome, as with every other client, and the exception is not
   * recorded. Any other exception is.
   */
  void endWithResponse(int status, String protocolVersion, Throwable thrown) {
    if (status <= 0) {
      end(0, null, thrown);
    } else if (thrown == null || status >= 400) {
      end(status, protocolVersion, null);
    } else {
      end(status, protocolVersion, thrown);
    }
  }

  /** Ends the call once; later calls do nothing. */
  void end(int status, String protocolVersion, Throwable error) {
    ClientCall ending = CALL.getAndSet(this, null);
    if (ending != null) {
      ending.end(status, protocolVersion, error);
    }
  }

  /** {@code ::1} from {@code [::1]}: {@code server.address} is the address, not URL syntax. */
  static String serverAddress(String host) {
    if (host != null && host.length() > 1 && host.charAt(0) == '[') {
      int end = host.charAt(host.length() - 1) == ']' ? host.length() - 1 : host.length();
      return host.substring(1, end);
    }
    return host;
  }
}
