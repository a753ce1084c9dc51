package dev.weft.smoke;

/**
 * The HTTP clients the frontend app calls its backend with ({@code GET /call/<id>}), and the agent
 * instrumentation module that must turn each call into a CLIENT span.
 */
enum FrontendClient {
  URL_CONNECTION("url-connection", "http-url-connection"),
  JAVA_HTTP("java-http", "java-http-client"),
  JAVA_HTTP_ASYNC("java-http-async", "java-http-client"),
  APACHE4("apache4", "apache-httpclient"),
  APACHE5("apache5", "apache-httpclient"),
  APACHE5_ASYNC("apache5-async", "apache-httpclient"),
  OKHTTP("okhttp", "okhttp"),
  OKHTTP_ASYNC("okhttp-async", "okhttp");

  private final String id;
  private final String instrumentation;

  FrontendClient(String id, String instrumentation) {
    this.id = id;
    this.instrumentation = instrumentation;
  }

  /** The name in the frontend's {@code /call/<id>} path. */
  String id() {
    return id;
  }

  /** The agent instrumentation module responsible for this client's spans, for messages. */
  String instrumentation() {
    return instrumentation;
  }

  @Override
  public String toString() {
    return id;
  }
}
