package dev.weft.benchmarks.overhead;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One configuration under comparison: no agent, the OpenTelemetry Java agent with its defaults,
 * or Weft with its defaults. Both agents are pointed at the same local {@link OtlpSink} and given
 * the same service name; nothing else is set, so each runs as a user who just adds the flag
 * would run it.
 *
 * <p>Immutable.
 */
record AgentSetup(String label, Path jar, String startedMarker) {

  static AgentSetup none() {
    return new AgentSetup("no agent", null, null);
  }

  static AgentSetup openTelemetry(Path jar) {
    return new AgentSetup(
        "OpenTelemetry " + OverheadBuild.OTEL_AGENT_VERSION,
        jar,
        "opentelemetry-javaagent - version: ");
  }

  static AgentSetup weft(Path jar) {
    return new AgentSetup("Weft", jar, "[weft] INFO Weft ");
  }

  /** The configurations in the order every round runs them. */
  static List<AgentSetup> all(Path openTelemetryJar, Path weftJar) {
    return List.of(none(), openTelemetry(openTelemetryJar), weft(weftJar));
  }

  boolean hasAgent() {
    return jar != null;
  }

  /** The label as a file name part: "opentelemetry-2-33-1". */
  String slug() {
    return label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
  }

  /** The JVM options that add this agent, exporting to {@code endpoint}. */
  List<String> jvmOptions(String endpoint, String serviceName) {
    if (!hasAgent()) {
      return List.of();
    }
    return List.of(
        "-javaagent:" + jar,
        "-Dotel.exporter.otlp.endpoint=" + endpoint,
        "-Dotel.service.name=" + serviceName);
  }

  /** Whether the JVM's output shows that the agent started (always true without one). */
  boolean startedIn(String output) {
    return !hasAgent() || output.contains(startedMarker);
  }
}
