package dev.weft.smoke.frontend;

/**
 * One way of making a GET to the backend. Implementations are thread-safe and keep their
 * library's client for the life of the app, as real services do (connection pools included).
 */
interface BackendClient {

  /** How long any call may take, so a hung backend fails the request instead of hanging it. */
  int CONNECT_TIMEOUT_MILLIS = 5_000;
  int READ_TIMEOUT_MILLIS = 20_000;

  /**
   * GETs {@code url} and returns the response with its whole body; a 4xx or 5xx is a response,
   * not an exception.
   *
   * @throws Exception when the call fails (connection refused, timeout, ...)
   */
  Response get(String url) throws Exception;

  /** A backend response: status and body as UTF-8 text. */
  final class Response {
    private final int status;
    private final String body;

    Response(int status, String body) {
      this.status = status;
      this.body = body;
    }

    int status() {
      return status;
    }

    String body() {
      return body;
    }
  }
}
