package dev.weft.instrumentation.javahttpclient;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * A loopback server that upgrades cleartext HTTP/1.1 to HTTP/2 ({@code Upgrade: h2c}), the way
 * the JDK client negotiates HTTP/2 for {@code http:} URIs; answers 200 {@code ok} and records the
 * {@code traceparent} values of each request. Jetty's core API: no servlets, so no server spans.
 */
final class H2cServer implements AutoCloseable {

  private final Server server = new Server();
  private final ServerConnector connector;
  private final List<List<String>> traceparents = new ArrayList<>();

  private H2cServer() throws Exception {
    HttpConfiguration config = new HttpConfiguration();
    connector =
        new ServerConnector(
            server, new HttpConnectionFactory(config), new HTTP2CServerConnectionFactory(config));
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback) {
            record(request.getHeaders().getValuesList("traceparent"));
            response.setStatus(200);
            Content.Sink.write(response, true, "ok", callback);
            return true;
          }
        });
    server.start();
  }

  static H2cServer start() throws Exception {
    return new H2cServer();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + connector.getLocalPort() + path);
  }

  /** The {@code traceparent} values of every request received, in order. */
  synchronized List<List<String>> traceparents() {
    return new ArrayList<>(traceparents);
  }

  private synchronized void record(List<String> values) {
    traceparents.add(List.copyOf(values));
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
