package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two exporters at once ({@code otel.traces.exporter=otlp,zipkin}), one of whose backends accepts
 * connections and never answers: the other backend still gets every span as quickly as it would
 * alone, and the application does not notice. Each exporter has its own queue and export thread,
 * so the stuck one can only hold up (and, once its queue is full, drop) its own spans.
 */
class MultipleExportersSmokeTest {

  private static final SmokeApp APP = SmokeApp.JETTY9;
  private static final int REQUESTS = 5;
  /** The stuck backend holds each of its requests this long before the agent gives up. */
  private static final String STUCK_TIMEOUT_MILLIS = "60000";
  /**
   * Well below the stuck exporter's timeout: spans that waited for it could not arrive in time.
   */
  private static final Duration SPAN_TIMEOUT = Duration.ofSeconds(20);

  private static final Duration UNAFFECTED_LATENCY = Duration.ofMillis(1000);

  @RegisterExtension final AppLogsOnFailure logs = new AppLogsOnFailure();

  private Path agentJar;

  @BeforeEach
  void requireAgent() {
    agentJar = AgentJar.require();
  }

  @Test
  void aBackendThatNeverAnswers_delaysNothingForTheOtherExporter() {
    try (TestCollector collector = TestCollector.start();
        BlackHole stuck = BlackHole.open();
        AppProcess app =
            logs.register(
                AppProcess.builder(APP)
                    .agent(agentJar)
                    .collector(collector)
                    .property("otel.traces.exporter", "otlp,zipkin")
                    .property("otel.exporter.zipkin.endpoint", stuck.url() + "/api/v2/spans")
                    .property("otel.exporter.zipkin.timeout", STUCK_TIMEOUT_MILLIS)
                    .property("otel.bsp.export.timeout", STUCK_TIMEOUT_MILLIS)
                    .logName(getClass().getSimpleName())
                    .start())) {
      SmokeHttp http = new SmokeHttp(app.port());
      assertEquals("hello", http.get("/hello").body());
      // The stuck exporter is holding a batch before the requests that are measured are sent.
      BlackHole.awaitConnection(stuck, SPAN_TIMEOUT);

      for (int i = 0; i < REQUESTS; i++) {
        SmokeHttp.Response response = http.get("/users/both-" + i);
        assertEquals(200, response.status());
        assertEquals("user /both-" + i, response.body());
        assertTrue(
            response.elapsed().compareTo(UNAFFECTED_LATENCY) < 0,
            "request " + i + " took " + response.elapsed().toMillis() + " ms");
      }

      List<ReceivedSpan> delivered =
          collector.awaitSpans(
              span -> String.valueOf(span.attr("url.path")).startsWith("/users/both-"),
              REQUESTS,
              SPAN_TIMEOUT);
      assertEquals(REQUESTS, delivered.size(), "each span once: " + delivered);
      assertTrue(stuck.connections() >= 1, "the zipkin exporter did try its backend");
    }
  }

  /** A loopback server that accepts connections and never reads or answers; for tests. */
  static final class BlackHole implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private BlackHole(ServerSocket server) {
      this.server = server;
      this.acceptor = new Thread(this::acceptForever, "black-hole-" + server.getLocalPort());
      acceptor.setDaemon(true);
      acceptor.start();
    }

    static BlackHole open() {
      try {
        return new BlackHole(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    static void awaitConnection(BlackHole hole, Duration timeout) {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (hole.connections() == 0) {
        if (System.nanoTime() - deadline > 0) {
          throw new AssertionError("no connection to the stuck backend within " + timeout);
        }
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted", e);
        }
      }
    }

    String url() {
      return "http://127.0.0.1:" + server.getLocalPort();
    }

    int connections() {
      return accepted.size();
    }

    private void acceptForever() {
      while (!server.isClosed()) {
        try {
          accepted.add(server.accept());
        } catch (IOException e) {
          return; // closed
        }
      }
    }

    @Override
    public void close() {
      try {
        server.close();
        for (Socket socket : accepted) {
          socket.close();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
