package dev.weft.core.export;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * A real HTTP server on 127.0.0.1 and a free port that records every request and answers with
 * scripted responses, then 200.
 */
public final class TestHttpServer implements AutoCloseable {

  /** One received request, its body un-gzipped when it was sent gzipped. */
  public static final class Request {
    public final String method;
    public final String path;
    final Map<String, List<String>> headers;
    final byte[] rawBody;
    final byte[] body;
    final int remotePort;

    Request(
        String method,
        String path,
        Map<String, List<String>> headers,
        byte[] rawBody,
        byte[] body,
        int remotePort) {
      this.remotePort = remotePort;
      this.method = method;
      this.path = path;
      this.headers = headers;
      this.rawBody = rawBody;
      this.body = body;
    }

    public String header(String name) {
      for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
        if (entry.getKey() != null && entry.getKey().equalsIgnoreCase(name)) {
          return entry.getValue().get(0);
        }
      }
      return null;
    }

    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** A scripted answer; {@code hang} never answers until the server closes. */
  public static final class Response {
    final int status;
    final String body;
    final String[] headers;
    final boolean hang;

    private Response(int status, String body, boolean hang, String... headers) {
      this.status = status;
      this.body = body;
      this.hang = hang;
      this.headers = headers;
    }

    public static Response of(int status, String body, String... headers) {
      return new Response(status, body, false, headers);
    }

    static Response hang() {
      return new Response(0, "", true);
    }
  }

  public final List<Request> requests = new CopyOnWriteArrayList<Request>();
  private final ConcurrentLinkedQueue<Response> script = new ConcurrentLinkedQueue<Response>();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();

  public TestHttpServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        new HttpHandler() {
          @Override
          public void handle(HttpExchange exchange) throws IOException {
            answer(exchange);
          }
        });
    // Handlers that hang must not stop the others.
    server.setExecutor(executor);
    server.start();
  }

  public TestHttpServer enqueue(Response... responses) {
    for (Response response : responses) {
      script.add(response);
    }
    return this;
  }

  public URL url(String path) {
    try {
      return new URL("http://127.0.0.1:" + server.getAddress().getPort() + path);
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void answer(HttpExchange exchange) throws IOException {
    byte[] raw = readAll(exchange.getRequestBody());
    byte[] body = raw;
    if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
      body = readAll(new GZIPInputStream(new java.io.ByteArrayInputStream(raw)));
    }
    requests.add(
        new Request(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getPath(),
            exchange.getRequestHeaders(),
            raw,
            body,
            exchange.getRemoteAddress().getPort()));
    Response response = script.poll();
    if (response == null) {
      response = Response.of(200, "");
    }
    if (response.hang) {
      try {
        closed.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
      return;
    }
    for (int i = 0; i + 1 < response.headers.length; i += 2) {
      exchange.getResponseHeaders().add(response.headers[i], response.headers[i + 1]);
    }
    byte[] bytes = response.body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(response.status, bytes.length == 0 ? -1 : bytes.length);
    OutputStream out = exchange.getResponseBody();
    out.write(bytes);
    out.close();
    exchange.close();
  }

  static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int read;
    while ((read = in.read(buffer)) != -1) {
      out.write(buffer, 0, read);
    }
    in.close();
    return out.toByteArray();
  }

  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
