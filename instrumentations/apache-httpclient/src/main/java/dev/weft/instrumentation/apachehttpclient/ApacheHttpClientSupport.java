package dev.weft.instrumentation.apachehttpclient;

import dev.weft.api.Tracer;
import dev.weft.api.Tracing;

/**
 * What the HttpClient 4 and 5 helpers share that needs no library type: the tracer, the text of
 * a protocol version, and the full URL of a request from the host it goes to and its request
 * URI.
 *
 * <p>Loaded with the agent (it refers only to the JDK and the API), so its members are public:
 * the helpers that call them are defined in the application's class loader, which makes them a
 * different runtime package even where the package name is the same. Stateless; thread-safe.
 */
public final class ApacheHttpClientSupport {

  /** The tracer of every Apache HttpClient span; its name is the spans' instrumentation scope. */
  public static final Tracer TRACER = Tracing.tracer("dev.weft.apache-httpclient");

  private ApacheHttpClientSupport() {}

  /**
   * The {@code network.protocol.version} of a major and minor version: {@code 1.1}, {@code 1.0},
   * {@code 2}; the usual ones without allocating.
   */
  public static String protocolVersion(int major, int minor) {
    if (major == 1) {
      if (minor == 1) {
        return "1.1";
      }
      if (minor == 0) {
        return "1.0";
      }
    } else if (minor == 0) {
      if (major == 2) {
        return "2";
      }
      if (major == 3) {
        return "3";
      }
    }
    // HTTP/2 and HTTP/3 have no minor version in the conventions; anything else is spelled out.
    return major + "." + minor;
  }

  /** The port a scheme implies when the URL names none: 443 for https, else 80. */
  public static int defaultPort(String scheme) {
    return "https".equalsIgnoreCase(scheme) ? 443 : 80;
  }

  /**
   * Whether a request URI is absolute ({@code http://host/path}) rather than a path: it starts
   * with a scheme followed by {@code ://}.
   */
  public static boolean isAbsolute(String uri) {
    for (int i = 0; i < uri.length(); i++) {
      char c = uri.charAt(i);
      if (c == ':') {
        return i > 0 && uri.startsWith("//", i + 1);
      }
      boolean schemeChar =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
      if (!schemeChar) {
        return false;
      }
    }
    return false;
  }

  /**
   * The full URL of a request sent to {@code origin} ({@code http://host:port}, no trailing
   * slash) with request URI {@code path}: the path itself when it is already absolute, the origin
   * alone when there is no path.
   */
  public static String fullUrl(String origin, String path) {
    if (path == null || path.isEmpty()) {
      return origin;
    }
    if (isAbsolute(path)) {
      return path;
    }
    if (origin == null) {
      return null;
    }
    return path.charAt(0) == '/' ? origin + path : origin + '/' + path;
  }
}
