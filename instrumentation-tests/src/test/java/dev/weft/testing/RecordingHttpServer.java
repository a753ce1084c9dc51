package dev.weft.testing;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on loopback that records the headers of every request it receives, for
 * asserting what an instrumented client sent. Not instrumented itself (the JDK's server is not
 * a servlet container), so the only spans are the client's.
 *
 * <ul>
 *   <li>{@code /success}: 200, body {@code ok}
 *   <li>{@code /status/{code}}: that status, body {@code status {code}}
 *   <li>{@code /redirect}: 302 to {@code /success}
 *   <li>{@code /slow?ms=N}: answers 200 after N ms (for read timeouts)
 * </ul>
 */
public final class RecordingHttpServer implements AutoCloseable {

  /** One request as the server saw it. Header names are lower case. */
  public record Received(String method, String path, Map<String, List<String>> headers) {
    /** The values of one header (lower-case name); empty when absent. */
    public List<String> header(String name) {
      List<String> values = headers.get(name);
      return values == null ? List.of() : values;
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Received> received = new ArrayList<>();

  private RecordingHttpServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public static RecordingHttpServer start() {
    try {
      return new RecordingHttpServer();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:<port><path>}. */
  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port() + path);
  }

  /** The requests received so far, in order. */
  public synchronized List<Received> received() {
    return new ArrayList<>(received);
  }

  public synchronized void reset() {
    received.clear();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      URI uri = exchange.getRequestURI();
      record(exchange.getRequestMethod(), uri.getPath(), exchange.getRequestHeaders());
      try (InputStream body = exchange.getRequestBody()) {
        body.readAllBytes();
      }
      String path = uri.getPath();
      if (path.equals("/success")) {
        respond(exchange, 200, "ok");
      } else if (path.startsWith("/status/")) {
        int code = Integer.parseInt(path.substring("/status/".length()));
        respond(exchange, code, "status " + code);
      } else if (path.equals("/redirect")) {
        exchange.getResponseHeaders().add("Location", "/success");
        exchange.sendResponseHeaders(302, -1);
      } else if (path.equals("/slow")) {
        String query = uri.getQuery();
        long millis = query != null && query.startsWith("ms=") ? Long.parseLong(query.substring(3)) : 1000;
        try {
          Thread.sleep(millis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        respond(exchange, 200, "slow");
      } else {
        respond(exchange, 404, "no such path");
      }
    }
  }

  private synchronized void record(String method, String path, Headers headers) {
    Map<String, List<String>> copy = new TreeMap<>();
    for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
      copy.put(entry.getKey().toLowerCase(java.util.Locale.ROOT), List.copyOf(entry.getValue()));
    }
    received.add(new Received(method, path, copy));
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "text/plain");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
