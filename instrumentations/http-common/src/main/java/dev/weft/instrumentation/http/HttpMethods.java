package dev.weft.instrumentation.http;

/**
 * The small text rules of the HTTP semantic conventions: known methods, span names, protocol
 * versions, client address. Precomputed constants so the request path builds few strings.
 * Stateless and thread-safe.
 */
public final class HttpMethods {

  /** The method value for a method the conventions do not know. */
  public static final String OTHER = "_OTHER";

  private static final String[] KNOWN = {
    "GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH", "TRACE", "CONNECT"
  };

  private static final String[] STATUS_TEXT = new String[600];

  static {
    for (int i = 100; i < STATUS_TEXT.length; i++) {
      STATUS_TEXT[i] = Integer.toString(i);
    }
  }

  private HttpMethods() {}

  /** The method itself if the conventions know it (the constant instance), else {@link #OTHER}. */
  public static String normalize(String method) {
    if (method != null) {
      for (String known : KNOWN) {
        if (known.equals(method)) {
          return known;
        }
      }
    }
    return OTHER;
  }

  /** {@code GET /users/*}, or the method alone without a route; {@code HTTP} for unknown ones. */
  public static String spanName(String normalizedMethod, String route) {
    String method = normalizedMethod == OTHER ? "HTTP" : normalizedMethod;
    return route == null ? method : method + ' ' + route;
  }

  /** {@code 1.1} from {@code HTTP/1.1}; null when the protocol is not HTTP. */
  public static String protocolVersion(String protocol) {
    if (protocol == null) {
      return null;
    }
    switch (protocol) {
      case "HTTP/1.1":
        return "1.1";
      case "HTTP/1.0":
        return "1.0";
      case "HTTP/2.0":
      case "HTTP/2":
        return "2";
      default:
        return protocol.startsWith("HTTP/") ? protocol.substring(5) : null;
    }
  }

  /** The first address of {@code X-Forwarded-For} when present, else the peer's address. */
  public static String clientAddress(String forwardedFor, String peerAddress) {
    if (forwardedFor != null) {
      int comma = forwardedFor.indexOf(',');
      String first = (comma < 0 ? forwardedFor : forwardedFor.substring(0, comma)).trim();
      if (!first.isEmpty()) {
        return first;
      }
    }
    return peerAddress;
  }

  /** The status code as text, without allocating for the usual ones. */
  public static String statusText(int status) {
    return status >= 0 && status < STATUS_TEXT.length && STATUS_TEXT[status] != null
        ? STATUS_TEXT[status]
        : Integer.toString(status);
  }
}
