package dev.weft.smoke.springboot3jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A handler that fans its work out to the application's own pool ({@link FanOutConfig}) through a
 * {@link CompletableFuture} chain, and the cheap endpoint it calls back.
 *
 * <ul>
 *   <li>{@code GET /orders/{id}/summary}: on the pool, statement 1 (select the order) and
 *       statement 2 (select its open lines) run side by side and meet in {@code thenCombineAsync};
 *       {@code thenComposeAsync} then submits statement 3 (count a view) as a stage of its own,
 *       from a pool thread. Beside them, two HTTP calls to this app's {@code /ping}: one with
 *       {@code java.net.http.HttpClient} in its own {@code supplyAsync}, one with {@code
 *       HttpURLConnection} in a {@code thenApplyAsync} after statement 1. The request thread only
 *       joins. Every statement runs outside a transaction on a connection that the app's HikariCP
 *       pool hands to a pool thread. Answers JSON built from all five results, including the name
 *       of the thread each ran on; 404 (after statement 1 and both calls, without statement 3)
 *       when there is no such order; 502 when a stage failed.
 *   <li>{@code GET /ping?client=<name>}: answers {@code pong <name>} as text, touching nothing.
 * </ul>
 *
 * <p>Thread-safe: the port is published once by the web server's start event.
 */
@RestController
class OrderSummaryController {

  static final String JAVA_HTTP_CLIENT = "java-http-client";
  static final String URL_CONNECTION = "url-connection";

  private final OrderRepository orders;
  private final OrderLineRepository lines;
  private final ExecutorService pool;
  private final HttpClient httpClient;
  private volatile int port = -1;

  OrderSummaryController(
      OrderRepository orders,
      OrderLineRepository lines,
      ExecutorService orderSummaryPool,
      HttpClient selfHttpClient) {
    this.orders = orders;
    this.lines = lines;
    this.pool = orderSummaryPool;
    this.httpClient = selfHttpClient;
  }

  /** The port the calls to {@code /ping} go to: the one this app listens on (0 picks one). */
  @EventListener
  void webServerStarted(WebServerInitializedEvent event) {
    port = event.getWebServer().getPort();
  }

  /** A value and the name of the thread that produced it. */
  record Ran<T>(T value, String thread) {
    static <T> Ran<T> here(T value) {
      return new Ran<>(value, Thread.currentThread().getName());
    }
  }

  /** What the statements found: statement 3's result is absent until it ran (or when skipped). */
  record Found(Ran<Optional<Order>> order, Ran<List<OrderLine>> openLines, Ran<Boolean> view) {}

  @GetMapping(path = "/orders/{id}/summary", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> summary(@PathVariable("id") long id) {
    CompletableFuture<Ran<Optional<Order>>> order =
        CompletableFuture.supplyAsync(() -> Ran.here(orders.findOrder(id)), pool); // statement 1
    CompletableFuture<Ran<List<OrderLine>>> openLines =
        CompletableFuture.supplyAsync(() -> Ran.here(lines.findOpenLines(id)), pool); // statement 2
    CompletableFuture<Found> found =
        order
            .thenCombineAsync(openLines, (o, l) -> new Found(o, l, null), pool)
            .thenComposeAsync(
                partial -> partial.order().value().isEmpty()
                    ? CompletableFuture.completedFuture(partial)
                    : CompletableFuture.supplyAsync(
                        () -> new Found(
                            partial.order(),
                            partial.openLines(),
                            Ran.here(orders.countView(id))), // statement 3
                        pool),
                pool);
    CompletableFuture<Ran<String>> javaHttpPing =
        CompletableFuture.supplyAsync(() -> Ran.here(pingWithJavaHttpClient()), pool);
    CompletableFuture<Ran<String>> urlConnectionPing =
        order.thenApplyAsync(ignored -> Ran.here(pingWithUrlConnection()), pool);

    Found result;
    Ran<String> javaHttp;
    Ran<String> urlConnection;
    try {
      result = found.join();
      javaHttp = javaHttpPing.join();
      urlConnection = urlConnectionPing.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return ResponseEntity.status(502).body(Map.of("error", cause.toString()));
    }
    if (result.order().value().isEmpty()) {
      return ResponseEntity.status(404).body(Map.of("error", "no order " + id));
    }
    return ResponseEntity.ok(toJson(result, javaHttp, urlConnection));
  }

  @GetMapping(path = "/ping", produces = MediaType.TEXT_PLAIN_VALUE)
  String ping(@RequestParam("client") String client) {
    return "pong " + client;
  }

  private String pingWithJavaHttpClient() {
    HttpRequest request =
        HttpRequest.newBuilder(pingUri(JAVA_HTTP_CLIENT)).timeout(FanOutConfig.HTTP_TIMEOUT).build();
    try {
      HttpResponse<String> response = httpClient.send(request, HttpResponse.BodyHandlers.ofString());
      return checked(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while calling /ping", e);
    }
  }

  private String pingWithUrlConnection() {
    try {
      HttpURLConnection connection =
          (HttpURLConnection) pingUri(URL_CONNECTION).toURL().openConnection();
      connection.setConnectTimeout((int) FanOutConfig.HTTP_TIMEOUT.toMillis());
      connection.setReadTimeout((int) FanOutConfig.HTTP_TIMEOUT.toMillis());
      int status = connection.getResponseCode();
      // Read to the end and close, so the connection goes back to the keep-alive cache.
      try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
        String text = body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
        return checked(status, text);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private URI pingUri(String client) {
    return URI.create("http://127.0.0.1:" + port + "/ping?client=" + client);
  }

  private static String checked(int status, String body) {
    if (status != 200) {
      throw new IllegalStateException("/ping answered " + status + ": " + body);
    }
    return body;
  }

  private static Map<String, Object> toJson(
      Found found, Ran<String> javaHttp, Ran<String> urlConnection) {
    Order order = found.order().value().orElseThrow();
    List<String> products = new ArrayList<>();
    for (OrderLine line : found.openLines().value()) {
      products.add(line.product());
    }
    Map<String, Object> pings = new LinkedHashMap<>();
    pings.put(JAVA_HTTP_CLIENT, javaHttp.value());
    pings.put(URL_CONNECTION, urlConnection.value());
    Map<String, Object> threads = new LinkedHashMap<>();
    threads.put("order", found.order().thread());
    threads.put("openLines", found.openLines().thread());
    threads.put("view", found.view().thread());
    threads.put(JAVA_HTTP_CLIENT, javaHttp.thread());
    threads.put(URL_CONNECTION, urlConnection.thread());

    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", order.id());
    json.put("customer", order.customer());
    json.put("status", order.status());
    json.put("openLines", products);
    json.put("viewCounted", found.view().value());
    json.put("pings", pings);
    json.put("threads", threads);
    return json;
  }
}
