package dev.weft.core.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.core.config.ConfigProperties;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchConfigTest {

  private static BatchConfig read(String... pairs) {
    Map<String, String> values = new HashMap<String, String>();
    for (int i = 0; i < pairs.length; i += 2) {
      values.put(pairs[i], pairs[i + 1]);
    }
    return BatchConfig.fromConfig(ConfigProperties.of(values));
  }

  @Test
  void fromConfig_unset_usesTheOpenTelemetryDefaults() {
    BatchConfig config = read();

    assertEquals(2048, config.maxQueueSize());
    assertEquals(512, config.maxExportBatchSize());
    assertEquals(5000, config.scheduleDelayMillis());
    assertEquals(30000, config.exportTimeoutMillis());
  }

  @Test
  void fromConfig_readsEverySetting() {
    BatchConfig config =
        read(
            "otel.bsp.max.queue.size", "100",
            "otel.bsp.max.export.batch.size", "10",
            "otel.bsp.schedule.delay", "250",
            "otel.bsp.export.timeout", "2s");

    assertEquals(100, config.maxQueueSize());
    assertEquals(10, config.maxExportBatchSize());
    assertEquals(250, config.scheduleDelayMillis());
    assertEquals(2000, config.exportTimeoutMillis());
  }

  @Test
  void fromConfig_batchLargerThanQueue_isClampedWithAWarning() {
    try (LogCapture log = new LogCapture()) {
      BatchConfig config =
          read("otel.bsp.max.queue.size", "100", "otel.bsp.max.export.batch.size", "500");

      assertEquals(100, config.maxExportBatchSize());
      assertEquals(1, log.linesContaining("otel.bsp.max.export.batch.size").size());
    }
  }

  @Test
  void fromConfig_smallQueueWithDefaultBatch_clampsSilently() {
    try (LogCapture log = new LogCapture()) {
      BatchConfig config = read("otel.bsp.max.queue.size", "100");

      assertEquals(100, config.maxExportBatchSize());
      assertTrue(log.lines().isEmpty(), log.lines().toString());
    }
  }

  @Test
  void fromConfig_badValues_warnAndUseTheDefaults() {
    try (LogCapture log = new LogCapture()) {
      BatchConfig config =
          read(
              "otel.bsp.max.queue.size", "lots",
              "otel.bsp.max.export.batch.size", "0",
              "otel.bsp.schedule.delay", "0",
              "otel.bsp.export.timeout", "soon");

      assertEquals(2048, config.maxQueueSize());
      assertEquals(512, config.maxExportBatchSize());
      assertEquals(5000, config.scheduleDelayMillis());
      assertEquals(30000, config.exportTimeoutMillis());
      assertEquals(4, log.linesContaining("Invalid value").size(), log.lines().toString());
    }
  }

  @Test
  void of_refusesInconsistentValues() {
    assertThrows(IllegalArgumentException.class, () -> BatchConfig.of(10, 20, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> BatchConfig.of(10, 5, 0, 1));
  }
}
