package dev.weft.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** Runs the sanitizer benchmark's methods once, outside JMH: a broken benchmark fails the build. */
class SqlSanitizerBenchmarkSmokeTest {

  @Test
  void sqlSanitizer_bothVariantsSanitize() {
    SqlSanitizerBenchmark benchmark = new SqlSanitizerBenchmark();
    benchmark.setUp();
    for (int i = 0; i < 12; i++) {
      assertFalse(benchmark.distinct().queryText().contains("'"));
    }
    assertEquals("SELECT", benchmark.repeated().operationName());
  }
}
