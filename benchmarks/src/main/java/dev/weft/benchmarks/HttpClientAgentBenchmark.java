package dev.weft.benchmarks;

import org.openjdk.jmh.annotations.Fork;

/**
 * {@link HttpClientCallBenchmark} in a JVM with {@code -javaagent:} the Weft agent jar the build
 * names ({@link BenchmarkBuild#AGENT_JAR}), exporting nothing ({@code otel.traces.exporter=none}).
 * To run it with another agent jar without rebuilding, override the fork's arguments on the JMH
 * command line: {@code -jvmArgsAppend "-javaagent:/path/weft-agent.jar
 * -Dotel.traces.exporter=none -Dotel.service.name=weft-benchmarks
 * -Dweft.benchmark.expectAgent=true"} (see the README).
 */
@Fork(
    value = 1,
    jvmArgsAppend = {
      "-javaagent:" + BenchmarkBuild.AGENT_JAR,
      "-Dotel.traces.exporter=none",
      "-Dotel.service.name=weft-benchmarks",
      "-D" + HttpClientCallBenchmark.EXPECT_AGENT + "=true"
    })
public class HttpClientAgentBenchmark extends HttpClientCallBenchmark {}
