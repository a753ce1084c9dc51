package dev.weft.benchmarks.overhead;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The startup cost row: {@code java [-javaagent:…] -cp <dir> Noop}, a class whose {@code main}
 * returns at once, so that everything the JVM spends is the JVM's own start plus the agent's.
 * Wall time is measured here around the process; CPU time (user plus system, all threads) is
 * what the kernel accounted to it, read from the {@code cutime}/{@code cstime} of a shell that
 * waited for it. Configurations run interleaved per JDK, round after round.
 *
 * <p>Not thread-safe; one measurement at a time.
 */
final class StartupCost {

  /** One run of the Noop class. */
  record Sample(Jdk jdk, AgentSetup setup, int round, long wallNanos, long cpuNanos) {}

  private static final long TIMEOUT_SECONDS = 120;

  private final List<AgentSetup> setups;
  private final Path work;

  StartupCost(List<AgentSetup> setups, Path work) {
    this.setups = setups;
    this.work = work;
  }

  /** Runs {@code rounds} interleaved rounds on each JDK, re-running disturbed samples. */
  List<Sample> measure(List<Jdk> jdks, int rounds) throws IOException, InterruptedException {
    Path classes = compileNoop();
    List<Sample> samples = new ArrayList<>();
    try (OtlpSink sink = OtlpSink.start()) {
      for (Jdk jdk : jdks) {
        List<Sample> ofJdk = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
          for (AgentSetup setup : setups) {
            ofJdk.add(run(jdk, setup, round, classes, sink));
          }
        }
        samples.addAll(Disturbance.rerunOutliers(ofJdk, Sample::setup, Sample::wallNanos,
            s -> run(s.jdk(), s.setup(), s.round(), classes, sink)));
      }
    }
    return samples;
  }

  private Sample run(Jdk jdk, AgentSetup setup, int round, Path classes, OtlpSink sink)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        "sh", "-c", "\"$@\"; status=$?; cat /proc/$$/stat; exit $status", "sh"));
    command.add(jdk.java().toString());
    command.addAll(setup.jvmOptions(sink.endpoint(), "noop"));
    command.addAll(List.of("-cp", classes.toString(), "Noop"));
    Path stderr = work.resolve("startup-jdk" + jdk.feature() + "-" + setup.slug() + ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
    long start = System.nanoTime();
    Process shell = builder.start();
    String stat = new String(shell.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    if (!shell.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      shell.destroyForcibly();
      throw new IOException("Noop on " + jdk + " with " + setup.label() + " ran over "
          + TIMEOUT_SECONDS + " s");
    }
    long wall = System.nanoTime() - start;
    String output = Files.readString(stderr);
    if (shell.exitValue() != 0 || !setup.startedIn(output)) {
      throw new IOException("Noop on " + jdk + " with " + setup.label()
          + (shell.exitValue() != 0 ? " exited " + shell.exitValue() : " did not start the agent")
          + "; its output (" + stderr + "):\n" + output);
    }
    long cpu = ProcStat.parse(stat.trim(), null).childrenCpuNanos();
    System.err.printf("startup  %-8s %-22s round %d: wall %6.2f s, cpu %6.2f s%n",
        "JDK " + jdk.feature(), setup.label(), round, wall / 1e9, cpu / 1e9);
    return new Sample(jdk, setup, round, wall, cpu);
  }

  private Path compileNoop() throws IOException {
    Path dir = Files.createDirectories(work.resolve("noop"));
    Path source = dir.resolve("Noop.java");
    Files.writeString(source, "public final class Noop {\n"
        + "  public static void main(String[] args) {}\n"
        + "}\n");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IOException("the harness needs a JDK (it compiles the Noop class), not a JRE");
    }
    // Java 8 bytecode, so the same class runs on every JDK of the row.
    int status = javac.run(null, null, null,
        "--release", "8", "-Xlint:-options", "-d", dir.toString(), source.toString());
    if (status != 0) {
      throw new IOException("could not compile " + source);
    }
    return dir;
  }
}
