package dev.weft.benchmarks;

/**
 * Values the build bakes into the benchmarks, as compile-time constants so that JMH annotations
 * can use them (an annotation cannot read a system property). Generated from {@code
 * src/main/java-templates} by the build; edit the template, not the generated file.
 */
final class BenchmarkBuild {

  /**
   * The agent jar the {@code *AgentBenchmark} forks run with: Maven property {@code
   * weft.agent.jar} at build time, by default this checkout's {@code
   * agent/javaagent/target/weft-agent.jar}.
   */
  static final String AGENT_JAR = "${weft.agent.jar}";

  private BenchmarkBuild() {}
}
