package dev.weft.benchmarks.overhead;

/**
 * Paths the build bakes into the harness, so that {@code java -jar overhead.jar} runs this
 * checkout's jars without arguments. Generated from {@code src/main/java-templates} by the
 * build; edit the template, not the generated file. Each has a command-line override.
 */
final class OverheadBuild {

  /** Maven property {@code weft.agent.jar}: this checkout's packaged agent. */
  static final String WEFT_AGENT_JAR = "${weft.agent.jar}";

  /** Maven property {@code otel.agent.jar}: the OpenTelemetry Java agent the build copied. */
  static final String OTEL_AGENT_JAR = "${otel.agent.jar}";

  /** The OpenTelemetry Java agent's version, as the build resolved it. */
  static final String OTEL_AGENT_VERSION = "${opentelemetry-javaagent.version}";

  /** Maven property {@code overhead.app.jar}: the application under load. */
  static final String APP_JAR = "${overhead.app.jar}";

  private OverheadBuild() {}
}
