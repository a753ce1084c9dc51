package dev.weft.benchmarks.overhead;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The medians of every figure per configuration, and their ratios: to no agent, to the
 * OpenTelemetry agent, and, for costs that exist without an agent too (startup, memory, CPU),
 * the ratio of what each agent <em>adds</em>, which is what the targets are stated in. Printed as
 * Markdown tables.
 *
 * <p>Immutable once built.
 */
final class Report {

  /** One row of the application table: a figure of a run, in the unit it is shown in. */
  record Metric(String name, String unit, boolean added, ToDoubleFunction<AppRun.Result> value) {}

  static final List<Metric> APP_METRICS = List.of(
      new Metric("time to first answer", "s", true, r -> r.timeToFirstRequestNanos() / 1e9),
      new Metric("CPU to first answer", "s", true, r -> r.cpuToFirstRequestNanos() / 1e9),
      new Metric("RSS after load", "MB", true, r -> r.rssBytes() / 1048576.0),
      new Metric("RSS after load and a full GC", "MB", true,
          r -> r.rssAfterGcBytes() / 1048576.0),
      new Metric("RSS outside the committed heap, after the GC", "MB", true,
          r -> r.rssOutsideHeapBytes() / 1048576.0),
      new Metric("live heap after load", "MB", true, r -> r.liveHeapBytes() / 1048576.0),
      new Metric("native memory outside the heap and GC, after the GC (NMT)", "MB", true,
          r -> r.nativeOutsideHeapBytes() / 1048576.0),
      new Metric("threads under load", "", true, r -> r.threads()),
      new Metric("throughput", "req/s", false, AppRun.Result::requestsPerSecond),
      new Metric("CPU per request", "µs", true, r -> r.cpuPerRequestNanos() / 1e3),
      new Metric("latency p50", "ms", true, r -> r.p50Nanos() / 1e6),
      new Metric("latency p99", "ms", true, r -> r.p99Nanos() / 1e6),
      new Metric("allocation per request", "KB", true, r -> r.allocatedPerRequest() / 1024.0),
      new Metric("spans per request", "", false, AppRun.Result::spansPerRequest),
      new Metric("trace bytes per request", "B", false, AppRun.Result::traceBytesPerRequest),
      new Metric("metric+log bytes per request", "B", false,
          AppRun.Result::otherBytesPerRequest));

  private final List<AgentSetup> setups;
  private final List<StartupCost.Sample> startup;
  private final List<Integer> jdksMissing;
  private final List<AppRun.Result> app;
  private final String appDescription;

  Report(List<AgentSetup> setups, List<StartupCost.Sample> startup, List<Integer> jdksMissing,
      List<AppRun.Result> app, String appDescription) {
    this.setups = List.copyOf(setups);
    this.startup = List.copyOf(startup);
    this.jdksMissing = List.copyOf(jdksMissing);
    this.app = List.copyOf(app);
    this.appDescription = appDescription;
  }

  List<StartupCost.Sample> startup() {
    return startup;
  }

  List<AppRun.Result> app() {
    return app;
  }

  /** The median of {@code metric} over the application runs of {@code setup}. */
  double median(AgentSetup setup, Metric metric) {
    return Stats.median(app.stream()
        .filter(r -> r.setup().equals(setup))
        .mapToDouble(metric.value())
        .toArray());
  }

  String markdown() {
    StringBuilder out = new StringBuilder();
    if (!startup.isEmpty() || !jdksMissing.isEmpty()) {
      startupTable(out);
    }
    if (!app.isEmpty()) {
      if (out.length() > 0) {
        out.append('\n');
      }
      appTable(out);
    }
    return out.toString();
  }

  private void startupTable(StringBuilder out) {
    out.append("### Startup: `java [-javaagent:…] -cp . Noop`, medians of ")
        .append(startup.stream().mapToInt(StartupCost.Sample::round).max().orElse(0))
        .append(" interleaved rounds\n\n");
    out.append("| JDK | configuration | wall (s) | CPU (s) | added CPU (s) | added CPU vs OpenTelemetry |\n");
    out.append("|---|---|---:|---:|---:|---:|\n");
    Map<Integer, List<StartupCost.Sample>> byJdk = new LinkedHashMap<>();
    for (StartupCost.Sample s : startup) {
      byJdk.computeIfAbsent(s.jdk().feature(), k -> new ArrayList<>()).add(s);
    }
    for (Map.Entry<Integer, List<StartupCost.Sample>> jdk : byJdk.entrySet()) {
      Map<AgentSetup, double[]> wall = new LinkedHashMap<>();
      Map<AgentSetup, Double> cpu = new LinkedHashMap<>();
      for (AgentSetup setup : setups) {
        List<StartupCost.Sample> of = jdk.getValue().stream()
            .filter(s -> s.setup().equals(setup)).toList();
        wall.put(setup, of.stream().mapToDouble(s -> s.wallNanos() / 1e9).toArray());
        cpu.put(setup, Stats.median(of.stream().mapToDouble(s -> s.cpuNanos() / 1e9).toArray()));
      }
      double baseline = cpu.get(setups.get(0));
      double otelAdded = cpu.get(setups.get(1)) - baseline;
      for (AgentSetup setup : setups) {
        double added = cpu.get(setup) - baseline;
        out.append(String.format(Locale.ROOT, "| %d | %s | %.2f | %.2f | %s | %s |\n",
            jdk.getKey(), setup.label(), Stats.median(wall.get(setup)), cpu.get(setup),
            setup.hasAgent() ? String.format(Locale.ROOT, "%.2f", added) : "",
            setup.hasAgent() ? ratio(added, otelAdded) : ""));
      }
    }
    for (int feature : jdksMissing) {
      out.append("| ").append(feature)
          .append(" | not installed on this machine (give it with --jdk) | | | | |\n");
    }
  }

  private void appTable(StringBuilder out) {
    AgentSetup none = setups.get(0);
    AgentSetup otel = setups.get(1);
    AgentSetup weft = setups.get(2);
    out.append("### ").append(appDescription).append("\n\n");
    out.append("| figure (median of ")
        .append(app.stream().filter(r -> r.setup().equals(none)).count())
        .append(" runs) | ").append(none.label()).append(" | ").append(otel.label())
        .append(" | ").append(weft.label()).append(" | Weft / no agent | Weft / OpenTelemetry")
        .append(" | Weft added / OpenTelemetry added |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|\n");
    for (Metric metric : APP_METRICS) {
      double n = median(none, metric);
      double o = median(otel, metric);
      double w = median(weft, metric);
      out.append("| ").append(metric.name())
          .append(metric.unit().isEmpty() ? "" : " (" + metric.unit() + ")")
          .append(" | ").append(number(n)).append(" | ").append(number(o))
          .append(" | ").append(number(w))
          .append(" | ").append(ratio(w, n))
          .append(" | ").append(ratio(w, o))
          .append(" | ").append(metric.added() ? addedRatio(w - n, o - n) : "")
          .append(" |\n");
    }
  }

  private static String number(double value) {
    if (Double.isNaN(value)) {
      return "–";
    }
    double magnitude = Math.abs(value);
    String format = magnitude >= 100 ? "%.0f" : magnitude >= 10 ? "%.1f" : "%.2f";
    return String.format(Locale.ROOT, format, value);
  }

  /**
   * Weft's added cost over OpenTelemetry's; "–" where OpenTelemetry added nothing measurable
   * (the run-to-run spread put it at or below no agent), since no ratio says anything then.
   */
  private static String addedRatio(double weftAdded, double otelAdded) {
    return otelAdded <= 0 ? "–" : ratio(weftAdded, otelAdded);
  }

  private static String ratio(double value, double reference) {
    if (Double.isNaN(value) || Double.isNaN(reference) || reference == 0) {
      return "–";
    }
    return String.format(Locale.ROOT, "%.2f", value / reference);
  }
}
