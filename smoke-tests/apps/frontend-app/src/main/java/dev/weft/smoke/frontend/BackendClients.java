package dev.weft.smoke.frontend;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The clients the frontend can call the backend with, by the name a request gives in {@code
 * /call/<name>}:
 *
 * <ul>
 *   <li>{@code url-connection}: {@link java.net.HttpURLConnection}
 *   <li>{@code java-http}, {@code java-http-async}: {@link java.net.http.HttpClient} {@code send}
 *       and {@code sendAsync}
 *   <li>{@code apache4}: Apache HttpClient 4 {@code execute(HttpUriRequest)}
 *   <li>{@code apache5}, {@code apache5-async}: Apache HttpClient 5 classic {@code
 *       execute(request, handler)} and async {@code execute(SimpleHttpRequest, callback)}
 *   <li>{@code okhttp}, {@code okhttp-async}: OkHttp 4 {@code Call.execute} and {@code
 *       Call.enqueue}
 * </ul>
 *
 * An asynchronous call is started on the request thread and awaited there, as a service that
 * fans out and joins does; the library completes it on its own threads. Thread-safe.
 */
final class BackendClients implements AutoCloseable {

  private final Map<String, BackendClient> clients;
  private final ApacheClients5 apache5;

  private BackendClients(Map<String, BackendClient> clients, ApacheClients5 apache5) {
    this.clients = Collections.unmodifiableMap(clients);
    this.apache5 = apache5;
  }

  static BackendClients create() {
    JavaHttpClients javaHttp = new JavaHttpClients();
    ApacheClients5 apache5 = new ApacheClients5();
    OkHttpClients okHttp = new OkHttpClients();
    Map<String, BackendClient> clients = new LinkedHashMap<>();
    clients.put("url-connection", new UrlConnectionClient());
    clients.put("java-http", javaHttp::send);
    clients.put("java-http-async", javaHttp::sendAsync);
    clients.put("apache4", new ApacheClient4());
    clients.put("apache5", apache5::classic);
    clients.put("apache5-async", apache5::async);
    clients.put("okhttp", okHttp::execute);
    clients.put("okhttp-async", okHttp::enqueue);
    return new BackendClients(clients, apache5);
  }

  /** The client called {@code name}, or null. */
  BackendClient get(String name) {
    return clients.get(name);
  }

  Set<String> names() {
    return clients.keySet();
  }

  @Override
  public void close() {
    apache5.close();
  }
}
