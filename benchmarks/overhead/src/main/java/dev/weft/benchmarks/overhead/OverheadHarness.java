package dev.weft.benchmarks.overhead;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of the overhead harness:
 *
 * <pre>
 * java -jar benchmarks/overhead/target/overhead.jar [all|startup|app] [options]
 * </pre>
 *
 * <p>{@code startup} measures the Noop startup row on each JDK; {@code app} loads the
 * application under each configuration; {@code all} (the default) does both. The Markdown
 * report goes to standard output and to {@code --out}; progress and every single run go to
 * standard error. See {@code benchmarks/README.md} for the options and how to read the table.
 */
public final class OverheadHarness {

  /** What to measure and how long. */
  record Options(
      boolean startup,
      boolean app,
      int startupRounds,
      int appRounds,
      int concurrency,
      int warmupRequests,
      int windowRequests,
      List<Path> jdks,
      Path appJdk,
      Path weftAgent,
      Path otelAgent,
      Path appJar,
      Path work,
      Path out) {

    static Options parse(String... args) {
      boolean startup = true;
      boolean app = true;
      int startupRounds = 5;
      int appRounds = 3;
      int concurrency = 4;
      int warmup = 20_000;
      int window = 20_000;
      List<Path> jdks = new ArrayList<>();
      Path appJdk = Path.of(System.getProperty("java.home"));
      Path weft = Path.of(OverheadBuild.WEFT_AGENT_JAR);
      Path otel = Path.of(OverheadBuild.OTEL_AGENT_JAR);
      Path appJar = Path.of(OverheadBuild.APP_JAR);
      Path work = Path.of("target", "overhead");
      Path out = null;
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "all" -> { startup = true; app = true; }
          case "startup" -> { startup = true; app = false; }
          case "app" -> { startup = false; app = true; }
          case "--startup-rounds" -> startupRounds = positive(arg, value(args, ++i, arg));
          case "--rounds" -> appRounds = positive(arg, value(args, ++i, arg));
          case "--concurrency" -> concurrency = positive(arg, value(args, ++i, arg));
          case "--warmup-requests" -> warmup = positive(arg, value(args, ++i, arg));
          case "--requests" -> window = positive(arg, value(args, ++i, arg));
          case "--jdk" -> jdks.add(Path.of(value(args, ++i, arg)));
          case "--app-jdk" -> appJdk = Path.of(value(args, ++i, arg));
          case "--weft-agent" -> weft = Path.of(value(args, ++i, arg));
          case "--otel-agent" -> otel = Path.of(value(args, ++i, arg));
          case "--app" -> appJar = Path.of(value(args, ++i, arg));
          case "--work" -> work = Path.of(value(args, ++i, arg));
          case "--out" -> out = Path.of(value(args, ++i, arg));
          default -> throw new IllegalArgumentException("unknown argument " + arg + "; see "
              + "benchmarks/README.md for the options");
        }
      }
      return new Options(startup, app, startupRounds, appRounds, concurrency, warmup, window,
          List.copyOf(jdks), appJdk, weft, otel, appJar, work, out);
    }

    private static String value(String[] args, int i, String option) {
      if (i >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return args[i];
    }

    private static int positive(String option, String value) {
      try {
        int n = Integer.parseInt(value);
        if (n > 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        // Reported below.
      }
      throw new IllegalArgumentException(option + " needs a positive whole number, not " + value);
    }
  }

  private OverheadHarness() {}

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Report report = run(options);
    System.out.print(report.markdown());
  }

  /** Measures what the options ask for and returns the report (also written to {@code out}). */
  static Report run(Options options) throws IOException, InterruptedException {
    for (Path jar : List.of(options.weftAgent(), options.otelAgent(), options.appJar())) {
      if (!Files.isRegularFile(jar)) {
        throw new IOException(jar + " does not exist: build it first ("
            + "./mvnw -B -pl benchmarks/overhead -am package -DskipTests)");
      }
    }
    Files.createDirectories(options.work());
    List<AgentSetup> setups = AgentSetup.all(options.otelAgent(), options.weftAgent());

    List<StartupCost.Sample> startup = List.of();
    List<Integer> missing = new ArrayList<>();
    if (options.startup()) {
      List<Jdk> jdks = new ArrayList<>();
      if (options.jdks().isEmpty()) {
        jdks.addAll(Jdk.installed());
      } else {
        for (Path home : options.jdks()) {
          jdks.add(Jdk.at(home));
        }
      }
      for (int wanted : new int[] {8, 17, 25}) {
        if (jdks.stream().noneMatch(j -> j.feature() == wanted)) {
          missing.add(wanted);
        }
      }
      startup = new StartupCost(setups, options.work()).measure(jdks, options.startupRounds());
    }

    List<AppRun.Result> app = new ArrayList<>();
    String description = "";
    if (options.app()) {
      Jdk jdk = Jdk.at(options.appJdk());
      AppRun appRun = new AppRun(options.appJar(), jdk, options.concurrency(),
          options.warmupRequests(), options.windowRequests(), options.work());
      for (int round = 1; round <= options.appRounds(); round++) {
        for (AgentSetup setup : setups) {
          app.add(report(appRun.run(setup, round)));
        }
      }
      app = Disturbance.rerunOutliers(app, AppRun.Result::setup,
          AppRun.Result::cpuPerRequestNanos, r -> report(appRun.run(r.setup(), r.round())));
      description = String.format("Camunda 7 REST on Spring Boot, JDK %d, %d clients, "
              + "%,d warm-up then %,d measured requests per run, %d interleaved rounds",
          jdk.feature(), options.concurrency(), options.warmupRequests(),
          options.windowRequests(), options.appRounds());
    }

    Report report = new Report(setups, startup, missing, app, description);
    if (options.out() != null) {
      Files.writeString(options.out(), report.markdown());
    }
    return report;
  }

  private static AppRun.Result report(AppRun.Result result) {
    System.err.println("app      " + result);
    return result;
  }
}
