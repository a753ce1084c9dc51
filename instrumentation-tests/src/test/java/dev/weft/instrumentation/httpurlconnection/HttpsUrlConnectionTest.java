package dev.weft.instrumentation.httpurlconnection;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.weft.api.Context;
import dev.weft.api.Scope;
import dev.weft.api.Span;
import dev.weft.api.SpanContext;
import dev.weft.api.SpanKind;
import dev.weft.api.StatusCode;
import dev.weft.api.Tracing;
import dev.weft.core.trace.SpanData;
import dev.weft.testing.AgentSpans;
import java.io.FileNotFoundException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code HttpsURLConnection} end to end, against a real TLS server on loopback whose self-signed
 * certificate the test makes with the JDK's {@code keytool}. The JDK's https connection is a
 * wrapper that delegates every call to a second connection object; the span is the wrapper's
 * and must still learn the status its delegate read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpsUrlConnectionTest {

  private static final String PASSWORD = "weft-test";

  private HttpsServer server;
  private ExecutorService executor;
  private SSLContext tls;
  private final List<String> receivedTraceparents = new ArrayList<>();

  @BeforeAll
  void startTlsServer(@TempDir Path dir) throws Exception {
    Path keystore = dir.resolve("server.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD)
            .redirectErrorStream(true)
            .start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(keytool.waitFor(60, TimeUnit.SECONDS), "keytool did not finish");
    assertEquals(0, keytool.exitValue(), output);

    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, PASSWORD.toCharArray());
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, PASSWORD.toCharArray());
    // The self-signed certificate is its own trust anchor.
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    tls = SSLContext.getInstance("TLS");
    tls.init(keys.getKeyManagers(), trust.getTrustManagers(), null);

    executor = Executors.newCachedThreadPool();
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  @AfterAll
  void stopTlsServer() {
    if (server != null) {
      server.stop(0);
    }
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  @BeforeEach
  void reset() {
    synchronized (receivedTraceparents) {
      receivedTraceparents.clear();
    }
    AgentSpans.reset();
  }

  @Test
  void success_isOneSpanOfTheWrapper_withTheStatusAndTheContextSent() throws Exception {
    URI uri = uri("/success");
    Span parent = startParent();
    try (Scope ignored = Context.current().with(parent).makeCurrent()) {
      HttpsURLConnection connection = open(uri);
      assertEquals(200, connection.getResponseCode());
      assertEquals("ok", read(connection.getInputStream()));
    } finally {
      parent.end();
    }

    SpanData span = onlyClientSpan(parent);
    assertAll(
        () -> assertEquals("GET", span.name()),
        () -> assertEquals(uri.toString(), stringAttr(span, "url.full")),
        () -> assertEquals(200L, longAttr(span, "http.response.status_code")),
        () -> assertEquals("1.1", stringAttr(span, "network.protocol.version")),
        () -> assertEquals(StatusCode.UNSET, span.statusCode()),
        () -> assertEquals(List.of(traceparentOf(span)), traceparents()));
  }

  @Test
  void notFoundThroughGetInputStream_takesItsStatusFromTheDelegate() throws Exception {
    Span parent = startParent();
    try (Scope ignored = Context.current().with(parent).makeCurrent()) {
      HttpsURLConnection connection = open(uri("/status/404"));
      connection.connect();
      assertThrows(FileNotFoundException.class, connection::getInputStream);
      assertEquals(404, connection.getResponseCode());
    } finally {
      parent.end();
    }

    SpanData span = onlyClientSpan(parent);
    assertAll(
        () -> assertEquals(404L, longAttr(span, "http.response.status_code")),
        () -> assertEquals("404", stringAttr(span, "error.type")),
        () -> assertEquals("1.1", stringAttr(span, "network.protocol.version")),
        () -> assertEquals(List.of(traceparentOf(span)), traceparents()));
  }

  @Test
  void streamedPost_isOneSpan() throws Exception {
    Span parent = startParent();
    try (Scope ignored = Context.current().with(parent).makeCurrent()) {
      HttpsURLConnection connection = open(uri("/success"));
      connection.setRequestMethod("POST");
      connection.setDoOutput(true);
      connection.setChunkedStreamingMode(0);
      try (OutputStream out = connection.getOutputStream()) {
        out.write("body".getBytes(StandardCharsets.UTF_8));
      }
      assertEquals("ok", read(connection.getInputStream()));
    } finally {
      parent.end();
    }

    SpanData span = onlyClientSpan(parent);
    assertAll(
        () -> assertEquals("POST", span.name()),
        () -> assertEquals(200L, longAttr(span, "http.response.status_code")),
        () -> assertEquals(List.of(traceparentOf(span)), traceparents()));
  }

  private void handle(HttpExchange exchange) throws java.io.IOException {
    try (exchange) {
      List<String> traceparent = exchange.getRequestHeaders().get("traceparent");
      synchronized (receivedTraceparents) {
        receivedTraceparents.addAll(traceparent == null ? List.of() : traceparent);
      }
      exchange.getRequestBody().readAllBytes();
      String path = exchange.getRequestURI().getPath();
      int status = path.equals("/success") ? 200 : 404;
      byte[] body = (status == 200 ? "ok" : "missing").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private List<String> traceparents() {
    synchronized (receivedTraceparents) {
      return List.copyOf(receivedTraceparents);
    }
  }

  private URI uri(String path) {
    return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private HttpsURLConnection open(URI uri) throws java.io.IOException {
    HttpsURLConnection connection = (HttpsURLConnection) uri.toURL().openConnection();
    connection.setSSLSocketFactory(tls.getSocketFactory());
    return connection;
  }

  private static String read(InputStream in) throws java.io.IOException {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Span startParent() {
    return Tracing.tracer("dev.weft.testing").start("parent", SpanKind.INTERNAL, Context.root());
  }

  private static SpanData onlyClientSpan(Span parent) {
    String trace = parent.spanContext().traceIdHex();
    SpanData span =
        AgentSpans.exactly(
                s -> s.kind() == SpanKind.CLIENT && s.spanContext().traceIdHex().equals(trace), 1)
            .get(0);
    assertEquals(parent.spanContext().spanId(), span.parentSpanContext().spanId());
    assertEquals("dev.weft.http-url-connection", span.scopeName());
    return span;
  }

  private static String traceparentOf(SpanData span) {
    SpanContext context = span.spanContext();
    return "00-"
        + context.traceIdHex()
        + "-"
        + context.spanIdHex()
        + String.format("-%02x", context.traceFlags() & 0xff);
  }

  private static String stringAttr(SpanData span, String key) {
    int i = span.attributes().indexOf(key);
    return i < 0 ? null : span.attributes().stringValue(i);
  }

  private static Long longAttr(SpanData span, String key) {
    int i = span.attributes().indexOf(key);
    return i < 0 ? null : span.attributes().longValue(i);
  }
}
