package dev.weft.benchmarks;

import org.openjdk.jmh.annotations.Fork;

/**
 * {@link ManualSpanBenchmark} in a JVM with {@code -javaagent:} the Weft agent jar the build
 * names ({@link BenchmarkBuild#AGENT_JAR}), exporting nothing ({@code otel.traces.exporter=none}).
 */
@Fork(
    value = 1,
    jvmArgsAppend = {
      "-javaagent:" + BenchmarkBuild.AGENT_JAR,
      "-Dotel.traces.exporter=none",
      "-Dotel.service.name=weft-benchmarks",
      "-D" + HttpClientCallBenchmark.EXPECT_AGENT + "=true"
    })
public class ManualSpanAgentBenchmark extends ManualSpanBenchmark {}
