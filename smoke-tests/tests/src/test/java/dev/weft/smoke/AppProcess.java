package dev.weft.smoke;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A smoke app running in its own JVM, optionally with {@code -javaagent}, started with
 * {@code -Dapp.port=0} so the app picks a free port itself (no race with other processes on the
 * machine) and announces it with a {@code READY <port>} line.
 *
 * <p>System property {@code smoke.app.jvm.args} (whitespace-separated) adds JVM options to every
 * app, after the test's own, for debugging a run.
 *
 * <p>Output (stdout and stderr) goes to a log file under the build directory; a failed start
 * includes the log's tail in the error. {@link #close()} stops the JVM with SIGTERM, and kills it
 * when it does not exit in time. Not thread-safe: one test thread drives it.
 */
final class AppProcess implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
  private static final Pattern READY = Pattern.compile("(?m)^READY (\\d+)\\s*$");

  /** Apps still running when the test JVM exits (a crashed or interrupted run) are killed. */
  private static final List<Process> RUNNING = new ArrayList<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      synchronized (RUNNING) {
        for (Process process : RUNNING) {
          process.destroyForcibly();
        }
      }
    }, "smoke-app-reaper"));
  }

  private final String name;
  private final Process process;
  private final Path log;
  private final int port;

  private AppProcess(String name, Process process, Path log, int port) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.port = port;
  }

  static Builder builder(SmokeApp app) {
    return new Builder(app);
  }

  String name() {
    return name;
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  Path log() {
    return log;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /**
   * The app's output so far, line by line, read as ISO-8859-1 so that no byte of it can fail to
   * decode.
   */
  List<String> logLines() {
    try {
      return Files.readAllLines(log, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Polls the app's output for a line ending with {@code suffix}, and returns it. */
  String awaitLogLine(String suffix, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (String line : logLines()) {
        if (line.endsWith(suffix)) {
          return line;
        }
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("no line ending with '" + suffix + "' within " + timeout);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }

  /** The last {@code maxLines} lines of the app's output. */
  String logTail(int maxLines) {
    List<String> lines;
    try {
      lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
    int from = Math.max(0, lines.size() - maxLines);
    StringBuilder out = new StringBuilder();
    out.append("---- ").append(name).append(" output (").append(log).append(", last ")
        .append(lines.size() - from).append(" of ").append(lines.size()).append(" lines) ----\n");
    for (String line : lines.subList(from, lines.size())) {
      out.append(line).append('\n');
    }
    return out.append("---- end of ").append(name).append(" output ----").toString();
  }

  /**
   * Sends SIGTERM and waits for the JVM to exit; kills it if it does not.
   *
   * @return true when the app exited on SIGTERM within the timeout
   */
  boolean stop() {
    if (!process.isAlive()) {
      forget();
      return true;
    }
    process.destroy();
    boolean exited = waitFor(STOP_TIMEOUT);
    if (!exited) {
      process.destroyForcibly();
      waitFor(STOP_TIMEOUT);
    }
    forget();
    return exited;
  }

  @Override
  public void close() {
    stop();
  }

  private boolean waitFor(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void forget() {
    synchronized (RUNNING) {
      RUNNING.remove(process);
    }
  }

  /** Collects the launch options of one app JVM. */
  static final class Builder {
    private final SmokeApp app;
    private Path agentJar;
    private String agentArguments;
    private String collectorEndpoint;
    private String serviceName;
    private String logName;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final List<Path> libraries = new ArrayList<>();

    private Builder(SmokeApp app) {
      this.app = app;
      this.serviceName = "smoke-" + app.id();
      this.logName = app.id();
    }

    /** Runs the app with {@code -javaagent:<jar>}; without this call the app runs without agent. */
    Builder agent(Path jar) {
      this.agentJar = jar;
      return this;
    }

    /** The agent's own settings: {@code -javaagent:<jar>=<arguments>}. */
    Builder agentArguments(String arguments) {
      this.agentArguments = arguments;
      return this;
    }

    Builder collector(TestCollector collector) {
      this.collectorEndpoint = collector.endpoint();
      return this;
    }

    Builder serviceName(String name) {
      this.serviceName = name;
      return this;
    }

    /** Names the log file: {@code <logName>-<jdk>.log} in the smoke log directory. */
    Builder logName(String name) {
      this.logName = name;
      return this;
    }

    /** An extra {@code -Dkey=value}; later calls for the same key win. */
    Builder property(String key, String value) {
      properties.put(key, value);
      return this;
    }

    /**
     * Jars to run the app with beside its own, as a deployment with a {@code lib} directory
     * does: the app is then started with {@code -cp} and the main class its jar names, instead
     * of {@code -jar}.
     */
    Builder libraries(List<Path> jars) {
      libraries.addAll(jars);
      return this;
    }

    /** Starts the JVM and returns once the app announced its port and the port accepts. */
    AppProcess start() {
      List<String> command = new ArrayList<>();
      command.add(SmokeJdk.java().toString());
      command.add("-Xmx256m");
      if (agentJar != null) {
        command.add("-javaagent:" + agentJar + (agentArguments == null ? "" : "=" + agentArguments));
      }
      // The same flags with and without the agent, so "without" differs by -javaagent only.
      command.add("-Dotel.service.name=" + serviceName);
      if (collectorEndpoint != null) {
        command.add("-Dotel.exporter.otlp.endpoint=" + collectorEndpoint);
      }
      command.add("-Dotel.bsp.schedule.delay=200");
      for (Map.Entry<String, String> property : properties.entrySet()) {
        command.add("-D" + property.getKey() + "=" + property.getValue());
      }
      // Extra JVM options for every app, e.g. -Dsmoke.app.jvm.args=-Dotel.javaagent.debug=true
      for (String arg : System.getProperty("smoke.app.jvm.args", "").trim().split("\\s+")) {
        if (!arg.isEmpty()) {
          command.add(arg);
        }
      }
      command.add("-Dapp.port=0");
      if (libraries.isEmpty()) {
        command.add("-jar");
        command.add(app.jar().toString());
      } else {
        StringBuilder classPath = new StringBuilder(app.jar().toString());
        for (Path library : libraries) {
          classPath.append(File.pathSeparatorChar).append(library);
        }
        command.add("-cp");
        command.add(classPath.toString());
        command.add(mainClass(app.jar()));
      }

      Path logDir = logDir();
      String fullName = sanitize(logName + "-" + SmokeJdk.label());
      Path log = logDir.resolve(fullName + ".log");
      ProcessBuilder builder = new ProcessBuilder(command)
          .directory(logDir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile());
      // Settings from the environment of whoever runs the build must not reach the apps: an
      // OTEL_TRACES_EXPORTER or JAVA_TOOL_OPTIONS there would change what the tests observe.
      builder.environment().keySet().removeIf(key -> key.startsWith("OTEL_")
          || key.startsWith("HONEYCOMB_")
          || key.equals("JAVA_TOOL_OPTIONS")
          || key.equals("JDK_JAVA_OPTIONS")
          || key.equals("_JAVA_OPTIONS"));

      Process process;
      try {
        Files.writeString(log, "", StandardCharsets.UTF_8);
        process = builder.start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start " + command, e);
      }
      synchronized (RUNNING) {
        RUNNING.add(process);
      }
      AppProcess started = new AppProcess(fullName, process, log, 0);
      try {
        int port = awaitReady(started, String.join(" ", command));
        return new AppProcess(fullName, process, log, port);
      } catch (RuntimeException | Error e) {
        started.stop();
        throw e;
      }
    }

    private static String mainClass(Path jar) {
      try (JarFile file = new JarFile(jar.toFile())) {
        return file.getManifest().getMainAttributes().getValue("Main-Class");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the manifest of " + jar, e);
      }
    }

    private static int awaitReady(AppProcess app, String command) {
      long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
      int port = -1;
      while (true) {
        if (port < 0) {
          port = readyPort(app.log);
        }
        if (port > 0 && accepts(port)) {
          return port;
        }
        if (!app.process.isAlive()) {
          throw new AssertionError("app exited with status " + app.process.exitValue()
              + " before it was ready\ncommand: " + command + "\n" + app.logTail(200));
        }
        if (System.nanoTime() - deadline > 0) {
          throw new AssertionError("app not ready within " + START_TIMEOUT.toSeconds() + " s"
              + (port > 0 ? " (port " + port + " announced but refuses connections)" : "")
              + "\ncommand: " + command + "\n" + app.logTail(200));
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted while waiting for the app", e);
        }
      }
    }

    private static int readyPort(Path log) {
      String output;
      try {
        output = Files.readString(log, StandardCharsets.ISO_8859_1);
      } catch (IOException e) {
        return -1;
      }
      Matcher matcher = READY.matcher(output);
      return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    private static boolean accepts(int port) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
        return true;
      } catch (IOException e) {
        return false;
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

    private static String sanitize(String name) {
      return name.replaceAll("[^A-Za-z0-9._=-]", "_");
    }
  }
}
