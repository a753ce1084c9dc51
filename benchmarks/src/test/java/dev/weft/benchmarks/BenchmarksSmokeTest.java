package dev.weft.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Runs each benchmark method once, outside JMH, so that a benchmark broken by a change in the
 * core fails the build instead of the next person who runs it. Measures nothing.
 */
class BenchmarksSmokeTest {

  @Test
  void spanLifecycle_everyVariantReturnsAnEndedSpan() {
    SpanLifecycleBenchmark benchmark = new SpanLifecycleBenchmark();
    benchmark.setUp();
    try {
      assertFalse(benchmark.weft_root().isRecording());
      assertFalse(benchmark.weft_child().isRecording());
      assertFalse(benchmark.otel_root().isRecording());
      assertFalse(benchmark.otel_child().isRecording());
      assertFalse(benchmark.otel_rootAttributeKeys().isRecording());
    } finally {
      benchmark.tearDown();
    }
  }

  @Test
  void spanLifecycle_childVariantsContinueTheParentTrace() {
    SpanLifecycleBenchmark benchmark = new SpanLifecycleBenchmark();
    benchmark.setUp();
    try {
      assertEquals(
          "4bf92f3577b34da6a3ce929d0e0e4736", benchmark.weft_child().spanContext().traceIdHex());
      assertEquals(
          "4bf92f3577b34da6a3ce929d0e0e4736",
          benchmark.otel_child().getSpanContext().getTraceId());
    } finally {
      benchmark.tearDown();
    }
  }

  @Test
  void httpClientCall_bothClientsGet200FromTheLocalServer() throws Exception {
    // Without the agent (as the unit tests run), both variants are plain calls.
    HttpClientCallBenchmark[] variants = {
      new HttpClientNoAgentBenchmark(), new HttpClientAgentBenchmark()
    };
    for (HttpClientCallBenchmark benchmark : variants) {
      benchmark.setUp();
      try {
        assertEquals(200, benchmark.urlConnection());
        assertEquals(200, benchmark.javaHttpClient());
        assertEquals(200, benchmark.urlConnection(), "a second call on the kept-alive connection");
      } finally {
        benchmark.tearDown();
      }
    }
  }

  @Test
  void jdbcQuery_readsTheRowsById_andCyclesThroughThem() throws Exception {
    // Without the agent (as the unit tests run), both variants are plain statements.
    JdbcQueryBenchmark[] variants = {new JdbcQueryNoAgentBenchmark(), new JdbcQueryAgentBenchmark()};
    for (JdbcQueryBenchmark benchmark : variants) {
      benchmark.setUp(); // reads row 1 itself
      try {
        assertEquals(2, benchmark.executeQuery());
        for (int i = 3; i <= JdbcQueryBenchmark.ROWS; i++) {
          assertEquals(i, benchmark.executeQuery());
        }
        assertEquals(1, benchmark.executeQuery(), "after the last row, the first again");
      } finally {
        benchmark.tearDown();
      }
    }
  }

  @Test
  void manualSpan_everyVariantComputesThePrice() {
    // Without the agent (as the unit tests run), the annotated calls are plain calls.
    ManualSpanBenchmark[] variants = {
      new ManualSpanNoAgentBenchmark(), new ManualSpanAgentBenchmark()
    };
    for (ManualSpanBenchmark benchmark : variants) {
      benchmark.setUp();
      try {
        assertEquals(21, benchmark.withSpan());
        assertEquals(27, benchmark.withSpanAttributes());
        assertEquals(21, benchmark.apiSpan());
        assertEquals(27, benchmark.apiSpanAttributes());
        assertEquals(21, benchmark.otelSdk_spanAroundCall());
        assertEquals(27, benchmark.otelSdk_spanAroundCallAttributes());
      } finally {
        benchmark.tearDown();
      }
    }
  }

  @Test
  void executorExecute_everyBatchRunsAllItsTasksBeforeReturning() throws Exception {
    // Without the agent (as the unit tests run), every variant is a plain hand-off.
    ExecutorExecuteBenchmark[] variants = {
      new ExecutorExecuteNoAgentBenchmark(), new ExecutorExecuteAgentBenchmark()
    };
    for (ExecutorExecuteBenchmark benchmark : variants) {
      for (String currentSpan : new String[] {"none", "sampled"}) {
        benchmark.currentSpan = currentSpan;
        benchmark.threads = 2;
        benchmark.setUp();
        try {
          int batch = ExecutorExecuteBenchmark.BATCH;
          assertEquals(batch, benchmark.execute());
          assertEquals(2L * batch, benchmark.submit());
          assertEquals(3L * batch, benchmark.execute(), "a batch after a submit batch");
        } finally {
          benchmark.tearDown();
        }
      }
    }
  }

  @Test
  void spanEncoding_encodesTheWholeBatchInEveryFormat() {
    SpanEncodingBenchmark benchmark = new SpanEncodingBenchmark();
    benchmark.setUp();
    int spans = SpanEncodingBenchmark.BATCH_SIZE;
    assertEquals(spans, SpanEncodingBenchmark.batch().size());
    assertTrue(benchmark.otlpProtobuf().length > spans * 100);
    assertTrue(benchmark.otlpJson().length > spans * 100);
    assertTrue(benchmark.zipkinJson().length > spans * 100);
    byte[] honeycomb = benchmark.honeycombEvents();
    assertTrue(honeycomb.length > spans * 100);
    assertEquals('[', honeycomb[0]);
    assertEquals(']', honeycomb[honeycomb.length - 1]);
  }
}
