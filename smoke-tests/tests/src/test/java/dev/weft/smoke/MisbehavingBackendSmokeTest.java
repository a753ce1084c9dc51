package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backends that answer wrongly, one per exporter of one application: the OTLP endpoint is a web
 * page (200 with HTML, as a tracing UI's port answers), the Zipkin endpoint speaks TLS with a
 * certificate nobody trusts, and the Honeycomb endpoint resets every connection mid-request.
 * Each gets one warning line that names its endpoint, no stack trace, and its spans counted as
 * dropped in the summary at exit; the application's answers do not change.
 */
class MisbehavingBackendSmokeTest {

  private static final Duration WARNING_TIMEOUT = Duration.ofSeconds(30);
  private static final int REQUESTS = 5;

  @RegisterExtension final AppLogsOnFailure logs = new AppLogsOnFailure();

  @TempDir Path dir;

  @Test
  void eachWrongAnswerIsOneClearWarningAndCountedDrops() throws Exception {
    try (FaultyServer html = FaultyServer.plain(Fault.HTML_PAGE);
        FaultyServer reset = FaultyServer.plain(Fault.RESET);
        FaultyServer tls = FaultyServer.untrustedTls(dir);
        AppProcess app =
            logs.register(
                AppProcess.builder(SmokeApp.JETTY9)
                    .agent(AgentJar.require())
                    .property("otel.traces.exporter", "otlp,zipkin,honeycomb")
                    .property("otel.exporter.otlp.endpoint", "http://127.0.0.1:" + html.port())
                    .property("otel.exporter.zipkin.endpoint",
                        "https://127.0.0.1:" + tls.port() + "/api/v2/spans")
                    .property("honeycomb.api.endpoint", "http://127.0.0.1:" + reset.port())
                    .property("honeycomb.api.key", "test-key")
                    .property("otel.bsp.export.timeout", "2000")
                    .logName(getClass().getSimpleName())
                    .start())) {
      SmokeHttp http = new SmokeHttp(app.port());
      for (int i = 0; i < REQUESTS; i++) {
        assertEquals("user /faulty-" + i, http.get("/users/faulty-" + i).body());
      }
      String htmlWarning = awaitWarning(app.log(), "127.0.0.1:" + html.port());
      String tlsWarning = awaitWarning(app.log(), "127.0.0.1:" + tls.port());
      String resetWarning = awaitWarning(app.log(), "127.0.0.1:" + reset.port());
      assertTrue(app.stop(), "the JVM exits on SIGTERM");

      List<String> output = Files.readAllLines(app.log(), StandardCharsets.UTF_8);
      String summary = output.stream().filter(l -> l.startsWith("[weft] INFO Weft stopped: "))
          .findFirst().orElseThrow(() -> new AssertionError("no summary line"));
      assertAll(
          () -> assertTrue(htmlWarning.contains("HTML page"), htmlWarning),
          () -> assertTrue(tlsWarning.contains("TLS certificate is not trusted"), tlsWarning),
          () -> assertTrue(resetWarning.contains("(honeycomb)"), resetWarning),
          () -> assertTrue(output.stream().noneMatch(
              l -> l.startsWith("\tat ") || l.startsWith("Caused by:")),
              "no stack trace in the app's output"),
          () -> assertEquals(REQUESTS + " spans dropped", droppedOf(summary, "otlp"), summary),
          () -> assertEquals(REQUESTS + " spans dropped", droppedOf(summary, "zipkin"), summary),
          () -> assertEquals(REQUESTS + " spans dropped", droppedOf(summary, "honeycomb"), summary),
          () -> assertTrue(html.connections() > 0 && tls.connections() > 0
              && reset.connections() > 0, "every backend was tried"));
    }
  }

  /** {@code "<n> spans dropped"} for one exporter's part of the summary, with 0 exported. */
  private static String droppedOf(String summary, String exporter) {
    Matcher m = Pattern.compile("; " + exporter + ": 0 exported, (\\d+) dropped").matcher(summary);
    return m.find() ? m.group(1) + " spans dropped" : "no '0 exported' part for " + exporter;
  }

  /** The first agent warning naming {@code endpoint}, polled for until the deadline. */
  private static String awaitWarning(Path log, String endpoint) throws IOException {
    long deadline = System.nanoTime() + WARNING_TIMEOUT.toNanos();
    while (true) {
      for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
        if (line.startsWith("[weft] WARN") && line.contains(endpoint)) {
          return line;
        }
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("no warning naming " + endpoint + " within " + WARNING_TIMEOUT);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }

  private enum Fault { HTML_PAGE, RESET, TLS_HANDSHAKE }

  /** A loopback server that answers every connection with one fault. */
  private static final class FaultyServer implements AutoCloseable {
    private final ServerSocket server;
    private final Fault fault;
    private final Thread acceptor;
    private volatile int connections;

    private FaultyServer(ServerSocket server, Fault fault) {
      this.server = server;
      this.fault = fault;
      this.acceptor = new Thread(this::serve, "faulty-" + fault);
      acceptor.setDaemon(true);
      acceptor.start();
    }

    static FaultyServer plain(Fault fault) throws IOException {
      return new FaultyServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), fault);
    }

    /** TLS with a self-signed certificate made for the test, trusted by nobody. */
    static FaultyServer untrustedTls(Path dir) throws Exception {
      Path keystore = dir.resolve("untrusted.p12");
      Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
      Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server",
          "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1", "-validity", "2",
          "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "changeit",
          "-keypass", "changeit")
          .redirectErrorStream(true)
          .redirectOutput(dir.resolve("keytool.txt").toFile())
          .start();
      assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0,
          "keytool failed: " + Files.readString(dir.resolve("keytool.txt")));
      KeyStore store = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(keystore)) {
        store.load(in, "changeit".toCharArray());
      }
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, "changeit".toCharArray());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory()
          .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
      return new FaultyServer(socket, Fault.TLS_HANDSHAKE);
    }

    int port() {
      return server.getLocalPort();
    }

    int connections() {
      return connections;
    }

    private void serve() {
      while (!server.isClosed()) {
        try (Socket socket = server.accept()) {
          connections++;
          socket.setSoTimeout(5000);
          answer(socket);
        } catch (IOException e) {
          // The client gave up on the fault, as it should; serve the next one.
        }
      }
    }

    private void answer(Socket socket) throws IOException {
      if (fault == Fault.TLS_HANDSHAKE) {
        ((SSLSocket) socket).startHandshake();
        return;
      }
      int contentLength = readHeaders(socket.getInputStream());
      if (fault == Fault.RESET) {
        socket.setSoLinger(true, 0);
        return;
      }
      socket.getInputStream().readNBytes(contentLength);
      byte[] page = "<html><head><title>Tracing UI</title></head><body>Search</body></html>"
          .getBytes(StandardCharsets.UTF_8);
      OutputStream out = socket.getOutputStream();
      out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: "
          + page.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(page);
      out.flush();
    }

    /** Reads the request head; returns its Content-Length (0 when absent). */
    private static int readHeaders(InputStream in) throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int matched = 0;
      byte[] end = {'\r', '\n', '\r', '\n'};
      int b;
      while (matched < 4 && (b = in.read()) != -1) {
        head.write(b);
        matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
      }
      for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
        if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
          return Integer.parseInt(line.substring("content-length:".length()).trim());
        }
      }
      return 0;
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
