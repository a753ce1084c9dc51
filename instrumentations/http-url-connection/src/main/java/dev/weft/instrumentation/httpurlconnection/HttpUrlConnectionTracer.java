package dev.weft.instrumentation.httpurlconnection;

import dev.weft.api.Tracer;
import dev.weft.api.Tracing;
import dev.weft.api.internal.AdviceErrors;
import dev.weft.api.internal.WeakIdentityMap;
import dev.weft.instrumentation.http.ClientCall;
import dev.weft.instrumentation.http.HttpClientSpans;
import dev.weft.instrumentation.http.HttpMethods;
import java.io.IOException;
import java.net.HttpURLConnection;

/**
 * What the woven methods of a connection ({@code connect}, {@code getOutputStream}, {@code
 * getInputStream}, {@code getResponseCode}) mean for its span. One span per connection object:
 *
 * <ul>
 *   <li>The outermost of these calls on a thread (the shared {@link HttpClientSpans#DEPTH} is
 *       0) is the application's. The first such call on a connection starts the span and injects
 *       its context into the request headers, before the method body runs and so before the
 *       request line is written; the state is kept in a map weakly keyed by the connection,
 *       since a JDK class cannot get a field under retransformation.
 *   <li>The span ends at the exit of the first outermost {@code getInputStream} or {@code
 *       getResponseCode}: then the response status and headers are known, or the request
 *       failed. {@code connect} and {@code getOutputStream} end it only when they throw. Later
 *       calls find the span ended and do nothing.
 *   <li>Calls nested in these (the JDK's {@code getInputStream} calls {@code connect} and {@code
 *       getResponseCode}; {@code HttpsURLConnectionImpl} delegates every method to a second
 *       connection object) create nothing. A nested {@code getResponseCode} that returns a
 *       status reports it, with the protocol version of its status line, to the outermost call
 *       on the thread: that is how a call learns the status of the last redirect hop, and how
 *       the https wrapper learns what its delegate read.
 *   <li>During each outermost call the span is the current context, so work the JDK does for
 *       the call on that thread (cookie handler, authenticator) is its child.
 *   <li>Nothing happens on the agent's own threads: the exporter's requests are never traced.
 * </ul>
 *
 * <p>Never throws into the application: every failure is reported once and the call proceeds
 * untraced. Thread-safe.
 */
public final class HttpUrlConnectionTracer {

  public static final int CONNECT = 0;
  public static final int GET_OUTPUT_STREAM = 1;
  public static final int GET_INPUT_STREAM = 2;
  public static final int GET_RESPONSE_CODE = 3;

  private static final Tracer TRACER = Tracing.tracer("dev.weft.http-url-connection");

  private static final WeakIdentityMap<HttpURLConnection, ConnectionState> STATES =
      new WeakIdentityMap<HttpURLConnection, ConnectionState>();

  /** The outermost traced call in progress on each thread, in a one-element holder. */
  private static final ThreadLocal<CallScope[]> ACTIVE = new ThreadLocal<CallScope[]>();

  private HttpUrlConnectionTracer() {}

  /**
   * At the start of a woven method. Returns null on the agent's own threads (nothing to undo),
   * otherwise a scope that must be passed to {@link #exit}.
   */
  public static CallScope enter(HttpURLConnection connection) {
    if (HttpClientSpans.isSuppressed()) {
      return null;
    }
    if (HttpClientSpans.DEPTH.enter() > 0) {
      return CallScope.NESTED;
    }
    try {
      return enterOutermost(connection);
    } catch (Throwable t) {
      AdviceErrors.report(t);
      return CallScope.UNTRACED;
    }
  }

  /**
   * At the end of a woven method, also when it threw.
   *
   * @param method which method: {@link #CONNECT}, {@link #GET_OUTPUT_STREAM}, ...
   * @param returnedStatus what {@code getResponseCode} returned; ignored for the others
   * @param thrown what the method threw, or null
   */
  public static void exit(
      CallScope scope,
      HttpURLConnection connection,
      int method,
      int returnedStatus,
      Throwable thrown) {
    if (scope == null) {
      return;
    }
    try {
      if (scope == CallScope.NESTED) {
        if (method == GET_RESPONSE_CODE && thrown == null && returnedStatus > 0) {
          onNestedStatus(connection, returnedStatus);
        }
      } else if (scope != CallScope.UNTRACED) {
        exitOutermost(scope, connection, method, returnedStatus, thrown);
      }
    } catch (Throwable t) {
      AdviceErrors.report(t);
    } finally {
      HttpClientSpans.DEPTH.exit();
    }
  }

  private static CallScope enterOutermost(HttpURLConnection connection) {
    ConnectionState state = STATES.get(connection);
    if (state == null) {
      ConnectionState fresh = new ConnectionState();
      state = STATES.putIfAbsent(connection, fresh);
      if (state == null) {
        state = fresh;
        state.start(TRACER, connection);
      }
    }
    ClientCall call = state.openCall();
    if (call == null) {
      return CallScope.UNTRACED;
    }
    CallScope scope = new CallScope(state, call.makeCurrent());
    activeSlot()[0] = scope;
    return scope;
  }

  private static void exitOutermost(
      CallScope scope,
      HttpURLConnection connection,
      int method,
      int returnedStatus,
      Throwable thrown) {
    try {
      ConnectionState state = scope.state;
      state.followMethod(connection);
      if (method == GET_RESPONSE_CODE) {
        if (thrown == null) {
          // What the application got is the status, whatever the nested calls saw.
          scope.status = returnedStatus;
        }
        state.endWithResponse(scope.status, scope.protocolVersion, thrown);
      } else if (method == GET_INPUT_STREAM) {
        if (thrown == null && scope.status <= 0) {
          askStatus(connection);
        }
        state.endWithResponse(scope.status, scope.protocolVersion, thrown);
      } else if (thrown != null) {
        // connect or getOutputStream failed: no response will come for this request.
        state.endWithResponse(scope.status, scope.protocolVersion, thrown);
      }
    } finally {
      activeSlot()[0] = null;
      scope.contextScope.close();
    }
  }

  /**
   * For a connection class whose {@code getInputStream} does not ask its own {@code
   * getResponseCode}: asks it, once the response is there (never after a failure, where some
   * implementations would send the request again). The call is nested, so it reports through
   * {@link #onNestedStatus}.
   */
  private static void askStatus(HttpURLConnection connection) {
    try {
      connection.getResponseCode();
    } catch (IOException e) {
      // No status then; the span ends without one.
    } catch (RuntimeException e) {
      // Same.
    }
  }

  /** A nested {@code getResponseCode} returned a status: the outermost call records it. */
  private static void onNestedStatus(HttpURLConnection connection, int status) {
    CallScope[] slot = ACTIVE.get();
    CallScope active = slot == null ? null : slot[0];
    if (active == null || active.readingStatusLine) {
      return;
    }
    if (active.status == status && active.protocolVersion != null) {
      // Already known (the https wrapper and its delegate both report): reading the status line
      // again can be costly after an error status, where the JDK re-creates its exception.
      return;
    }
    active.status = status;
    active.readingStatusLine = true;
    try {
      active.protocolVersion = protocolVersion(connection.getHeaderField(0));
    } finally {
      active.readingStatusLine = false;
    }
  }

  /** {@code 1.1} from the status line {@code HTTP/1.1 200 OK}; null when it is not HTTP. */
  static String protocolVersion(String statusLine) {
    if (statusLine == null || !statusLine.startsWith("HTTP/")) {
      return null;
    }
    if (isVersion(statusLine, "HTTP/1.1")) {
      return "1.1";
    }
    if (isVersion(statusLine, "HTTP/1.0")) {
      return "1.0";
    }
    int space = statusLine.indexOf(' ');
    return HttpMethods.protocolVersion(space < 0 ? statusLine : statusLine.substring(0, space));
  }

  private static boolean isVersion(String statusLine, String version) {
    return statusLine.startsWith(version)
        && (statusLine.length() == version.length()
            || statusLine.charAt(version.length()) == ' ');
  }

  private static CallScope[] activeSlot() {
    CallScope[] slot = ACTIVE.get();
    if (slot == null) {
      slot = new CallScope[1];
      ACTIVE.set(slot);
    }
    return slot;
  }

  /** For tests: whether the instrumentation holds state for {@code connection}. */
  static boolean isTracked(HttpURLConnection connection) {
    return STATES.get(connection) != null;
  }
}
