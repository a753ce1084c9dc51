package dev.weft.benchmarks;

import org.openjdk.jmh.annotations.Fork;

/**
 * {@link WithSpanCallBenchmark} in a JVM without the agent: the plain call, and the SDK's span.
 * The same system properties as {@link WithSpanCallAgentBenchmark}, so the two forks differ by
 * {@code -javaagent} only.
 */
@Fork(
    value = 1,
    jvmArgsAppend = {"-Dotel.traces.exporter=none", "-Dotel.service.name=weft-benchmarks"})
public class WithSpanCallNoAgentBenchmark extends WithSpanCallBenchmark {}
