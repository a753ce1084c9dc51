package dev.weft.benchmarks;

import org.openjdk.jmh.annotations.Fork;

/**
 * {@link ManualSpanBenchmark} in a JVM without the agent: the plain call, and the SDK's span.
 * The same system properties as {@link ManualSpanAgentBenchmark}, so the two forks differ by
 * {@code -javaagent} only.
 */
@Fork(
    value = 1,
    jvmArgsAppend = {"-Dotel.traces.exporter=none", "-Dotel.service.name=weft-benchmarks"})
public class ManualSpanNoAgentBenchmark extends ManualSpanBenchmark {}
