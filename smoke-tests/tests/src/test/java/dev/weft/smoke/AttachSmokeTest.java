package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's own settings, as a user gives them: after the jar in {@code -javaagent}, and to
 * {@code java -jar weft-agent.jar attach <pid> key=value...} for an application that is already
 * running without the agent. In both, the settings win over the JVM's system properties (the
 * apps run with {@code -Dotel.service.name=...}), list values keep their commas, and an attach
 * to a JVM that runs the agent already changes nothing and says so.
 */
class AttachSmokeTest {

  private static final Duration SPAN_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

  @RegisterExtension final AppLogsOnFailure logs = new AppLogsOnFailure();

  @TempDir Path dir;

  @Test
  void attachStartsTracingARunningAppWithTheGivenSettings() throws IOException {
    Path agentJar = AgentJar.require();
    try (TestCollector collector = TestCollector.start();
        AppProcess app =
            logs.register(
                AppProcess.builder(SmokeApp.JETTY9)
                    .collector(collector)
                    .logName(getClass().getSimpleName() + "-attach")
                    .start())) {
      SmokeHttp http = new SmokeHttp(app.port());
      assertEquals("user /before", http.get("/users/before").body());
      String pid = Long.toString(app.pid());

      CommandResult list = run(agentJar, "list");
      assertEquals(0, list.status, list.output);
      assertTrue(
          list.output.lines().anyMatch(line -> line.startsWith(pid + "\t")),
          "list names the app's JVM " + pid + ":\n" + list.output);

      CommandResult attach =
          run(
              agentJar,
              "attach",
              pid,
              "otel.service.name=attached",
              "otel.resource.attributes=team=shop,tier=web");
      assertEquals(0, attach.status, attach.output);
      assertTrue(attach.output.contains("attached to JVM " + pid), attach.output);

      assertEquals("user /after", http.get("/users/after").body());
      ReceivedSpan after = awaitServerSpan(collector, "/users/after");

      CommandResult again = run(agentJar, "attach", pid, "otel.service.name=again");
      assertEquals(0, again.status, again.output);
      assertTrue(again.output.contains("already running in JVM " + pid), again.output);
      assertEquals("user /again", http.get("/users/again").body());
      ReceivedSpan afterSecondAttach = awaitServerSpan(collector, "/users/again");

      List<String> startupLines = new ArrayList<>();
      for (String line : Files.readAllLines(app.log(), StandardCharsets.UTF_8)) {
        if (line.startsWith("[weft] INFO Weft ")) {
          startupLines.add(line);
        }
      }
      assertAll(
          () -> assertEquals("attached", after.resourceAttr("service.name")),
          () -> assertEquals("shop", after.resourceAttr("team")),
          () -> assertEquals("web", after.resourceAttr("tier")),
          () -> assertEquals("attached", afterSecondAttach.resourceAttr("service.name")),
          () ->
              assertTrue(
                  collector.spans().stream()
                      .noneMatch(span -> "/users/before".equals(span.attr("url.path"))),
                  "a request answered before the attach has no span"),
          () -> assertEquals(1, startupLines.size(), "one startup line: " + startupLines));
    }
  }

  @Test
  void javaagentArgumentsOverrideSystemProperties() {
    Path agentJar = AgentJar.require();
    try (TestCollector collector = TestCollector.start();
        AppProcess app =
            logs.register(
                AppProcess.builder(SmokeApp.JETTY9)
                    .agent(agentJar)
                    .agentArguments(
                        "otel.service.name=from-arguments,"
                            + "otel.resource.attributes=team=shop,tier=web")
                    .collector(collector)
                    .logName(getClass().getSimpleName() + "-javaagent")
                    .start())) {
      assertEquals("user /args", new SmokeHttp(app.port()).get("/users/args").body());
      ReceivedSpan span = awaitServerSpan(collector, "/users/args");
      assertAll(
          () -> assertEquals("from-arguments", span.resourceAttr("service.name")),
          () -> assertEquals("shop", span.resourceAttr("team")),
          () -> assertEquals("web", span.resourceAttr("tier")));
    }
  }

  @Test
  void attachReportsAProcessThatIsNoJvm() {
    Path agentJar = AgentJar.require();
    CommandResult result = run(agentJar, "attach", "999999999", "otel.service.name=x");
    assertAll(
        () -> assertEquals(1, result.status, result.output),
        () -> assertTrue(result.output.startsWith("weft: cannot attach to 999999999"),
            result.output),
        () -> assertTrue(result.output.lines().count() <= 2, "no stack trace:\n" + result.output));
  }

  private static ReceivedSpan awaitServerSpan(TestCollector collector, String path) {
    return collector.awaitSpans(span -> path.equals(span.attr("url.path")), 1, SPAN_TIMEOUT)
        .get(0);
  }

  /** Runs {@code java -jar weft-agent.jar <args>} on the JDK the apps run on. */
  private CommandResult run(Path agentJar, String... args) {
    List<String> command = new ArrayList<>();
    command.add(SmokeJdk.java().toString());
    command.add("-jar");
    command.add(agentJar.toString());
    command.addAll(List.of(args));
    Path output = dir.resolve("command-" + System.nanoTime() + ".txt");
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not finish within "
            + COMMAND_TIMEOUT + ":\n" + Files.readString(output));
      }
      return new CommandResult(process.exitValue(), Files.readString(output));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private record CommandResult(int status, String output) {}
}
