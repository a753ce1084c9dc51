package dev.weft.benchmarks;

import org.openjdk.jmh.annotations.Fork;

/**
 * {@link ExecutorExecuteBenchmark} in a JVM with {@code -javaagent:} the Weft agent jar the build
 * names ({@link BenchmarkBuild#AGENT_JAR}), exporting nothing ({@code otel.traces.exporter=none}).
 * To run it with another agent jar without rebuilding, override the fork's arguments on the JMH
 * command line as for {@link HttpClientAgentBenchmark} (see the README).
 */
@Fork(
    value = 1,
    jvmArgsAppend = {
      "-javaagent:" + BenchmarkBuild.AGENT_JAR,
      "-Dotel.traces.exporter=none",
      "-Dotel.service.name=weft-benchmarks",
      "-D" + HttpClientCallBenchmark.EXPECT_AGENT + "=true"
    })
public class ExecutorExecuteAgentBenchmark extends ExecutorExecuteBenchmark {}
