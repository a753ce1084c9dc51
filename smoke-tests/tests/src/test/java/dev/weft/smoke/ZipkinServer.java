package dev.weft.smoke;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Zipkin server ({@code io.zipkin:zipkin-server}'s executable jar, which the build copies
 * to {@code smoke.zipkin.jar}) in its own JVM: in-memory storage, listening on loopback only, on
 * a port that was free a moment before. Started on the JDK running the tests (Zipkin 3 needs
 * 17+), whatever JDK the apps run on.
 *
 * <p>Reads go through Zipkin's own query API, the one its UI uses. Not thread-safe: one test
 * thread drives it.
 */
final class ZipkinServer implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

  private final Process process;
  private final Path log;
  private final int port;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ZipkinServer(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** Starts the server and waits until its health check says UP. */
  static ZipkinServer start(String logName) {
    Path jar = Path.of(System.getProperty("smoke.zipkin.jar", "target/zipkin/zipkin-server.jar"));
    if (!Files.isRegularFile(jar)) {
      if (Boolean.parseBoolean(System.getProperty("smoke.require.agent", "false"))) {
        throw new AssertionError("no Zipkin server jar at " + jar + "; run the build through Maven");
      }
      Assumptions.abort("no Zipkin server jar at " + jar);
    }
    int port = freePort();
    Path log = logDir().resolve(logName + "-zipkin.log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-jar");
    command.add(jar.toString());
    command.add("--armeria.ports[0].ip=127.0.0.1");
    command.add("--armeria.ports[0].port=" + port);
    command.add("--armeria.ports[0].protocols=http");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(key -> key.equals("JAVA_TOOL_OPTIONS")
        || key.equals("JDK_JAVA_OPTIONS")
        || key.equals("_JAVA_OPTIONS"));
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
    ZipkinServer server = new ZipkinServer(process, log, port);
    try {
      server.awaitHealthy();
      return server;
    } catch (RuntimeException | Error e) {
      server.close();
      throw e;
    }
  }

  /** Where the agent posts spans: {@code http://127.0.0.1:<port>/api/v2/spans}. */
  String spansEndpoint() {
    return baseUrl() + "/api/v2/spans";
  }

  /**
   * The spans of trace {@code traceId} as {@code GET /api/v2/trace/{id}} returns them, once there
   * are at least {@code count}; Zipkin stores asynchronously after answering 202.
   */
  JsonArray awaitTrace(String traceId, int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "(nothing)";
    while (true) {
      HttpResponse<String> response = get("/api/v2/trace/" + traceId);
      if (response.statusCode() == 200) {
        JsonArray spans = JsonParser.parseString(response.body()).getAsJsonArray();
        if (spans.size() >= count) {
          return spans;
        }
      }
      last = response.statusCode() + " " + response.body();
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("Zipkin has no trace " + traceId + " of " + count
            + " spans within " + timeout + "; last answer: " + last + "\n" + logTail());
      }
      sleep(POLL_INTERVAL);
    }
  }

  /** {@code GET /api/v2/services}: the service names Zipkin's UI offers. */
  List<String> services() {
    HttpResponse<String> response = get("/api/v2/services");
    List<String> names = new ArrayList<>();
    JsonParser.parseString(response.body())
        .getAsJsonArray()
        .forEach(name -> names.add(name.getAsString()));
    return names;
  }

  private void awaitHealthy() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new AssertionError(
            "Zipkin exited with status " + process.exitValue() + " before it was up\n" + logTail());
      }
      try {
        HttpResponse<String> response = get("/health");
        if (response.statusCode() == 200 && response.body().contains("UP")) {
          return;
        }
      } catch (UncheckedIOException notListeningYet) {
        // keep polling
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("Zipkin not up within " + START_TIMEOUT + "\n" + logTail());
      }
      sleep(POLL_INTERVAL);
    }
  }

  private HttpResponse<String> get(String path) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(10)).build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + path + " from Zipkin", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return "--- " + log + " (last lines) ---\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no Zipkin log: " + e + ")";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path logDir() {
    Path dir = Path.of(System.getProperty("smoke.logs.dir", "target/smoke-logs"))
        .toAbsolutePath()
        .normalize();
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
