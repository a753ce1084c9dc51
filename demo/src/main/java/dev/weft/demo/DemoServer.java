package dev.weft.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;

/**
 * What the demo services share, none of it about tracing: an embedded Jetty on a loopback port
 * of the system's choosing (announced as {@code LISTENING <port>} on standard output, for the
 * launcher), and a plain {@link HttpURLConnection} call to another service.
 */
final class DemoServer {

  /** What another service answered. */
  static final class Answer {
    final int status;
    final String body;

    Answer(int status, String body) {
      this.status = status;
      this.body = body;
    }
  }

  private DemoServer() {}

  /** Serves {@code servlet} at {@code path} until the JVM is stopped. */
  static void serve(String path, HttpServlet servlet) throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder(servlet), path);
    server.setHandler(context);
    server.setStopAtShutdown(true);
    server.start();
    System.out.println("LISTENING " + connector.getLocalPort());
    server.join();
  }

  /** GETs {@code url}; {@code authorization}, when not null, is sent as the Authorization header. */
  static Answer get(String url, String authorization) throws IOException {
    return getAs(url, authorization, null);
  }

  /** {@link #get}, also naming the calling client in {@code X-Client-Id} when not null. */
  static Answer getAs(String url, String authorization, String client) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
    connection.setConnectTimeout(2000);
    connection.setReadTimeout(5000);
    if (authorization != null) {
      connection.setRequestProperty("Authorization", authorization);
    }
    if (client != null) {
      connection.setRequestProperty("X-Client-Id", client);
    }
    int status = connection.getResponseCode();
    InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream();
    return new Answer(status, body == null ? "" : read(body));
  }

  static void reply(HttpServletResponse response, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setContentType(contentType + "; charset=utf-8");
    response.setContentLength(bytes.length);
    OutputStream out = response.getOutputStream();
    out.write(bytes);
  }

  private static String read(InputStream in) throws IOException {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      byte[] buffer = new byte[4096];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        bytes.write(buffer, 0, n);
      }
      return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
    } finally {
      in.close();
    }
  }
}
