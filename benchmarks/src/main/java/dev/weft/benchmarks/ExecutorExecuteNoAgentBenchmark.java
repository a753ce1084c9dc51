package dev.weft.benchmarks;

import org.openjdk.jmh.annotations.Fork;

/**
 * {@link ExecutorExecuteBenchmark} in a JVM without the agent: the baseline. The same system
 * properties as {@link ExecutorExecuteAgentBenchmark}, so the two forks differ by {@code
 * -javaagent} only.
 */
@Fork(
    value = 1,
    jvmArgsAppend = {"-Dotel.traces.exporter=none", "-Dotel.service.name=weft-benchmarks"})
public class ExecutorExecuteNoAgentBenchmark extends ExecutorExecuteBenchmark {}
