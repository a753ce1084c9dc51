package dev.weft.core.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.core.trace.SpanData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class BatchSpanProcessorTest {

  private static final long HOUR_MILLIS = TimeUnit.HOURS.toMillis(1);

  private final List<BatchSpanProcessor> processors = new ArrayList<BatchSpanProcessor>();

  @AfterEach
  void shutDownProcessors() {
    for (BatchSpanProcessor processor : processors) {
      processor.shutdown(5000);
    }
  }

  private BatchSpanProcessor start(SpanExporter exporter, BatchConfig config) {
    BatchSpanProcessor processor = BatchSpanProcessor.create(exporter, config);
    processors.add(processor);
    return processor;
  }

  private static void end(BatchSpanProcessor processor, String... names) {
    for (String name : names) {
      processor.onEnd(new TestSpan(name));
    }
  }

  @Test
  void exportsABatch_asSoonAsBatchSizeSpansAreQueued() {
    RecordingExporter exporter = new RecordingExporter();
    BatchSpanProcessor processor = start(exporter, BatchConfig.of(100, 3, HOUR_MILLIS, 1000));

    end(processor, "a", "b", "c");

    Poll.until("a batch is exported", () -> !exporter.batches.isEmpty());
    assertEquals(Arrays.asList("a", "b", "c"), exporter.batches.get(0));
    assertEquals(BatchSpanProcessor.WORKER_NAME + "-recording", exporter.exportThreadName);
    Poll.until("the export is counted", () -> processor.exportedSpans() == 3);
  }

  @Test
  void exportsAPartialBatch_whenTheScheduleDelayHasPassed() {
    RecordingExporter exporter = new RecordingExporter();
    BatchSpanProcessor processor = start(exporter, BatchConfig.of(100, 50, 20, 1000));

    end(processor, "lonely");

    Poll.until("the span is exported", () -> exporter.spanCount() == 1);
    assertEquals(Collections.singletonList("lonely"), exporter.batches.get(0));
  }

  @Test
  void batchesNeverExceedTheBatchSize() {
    RecordingExporter exporter = new RecordingExporter();
    BatchSpanProcessor processor = start(exporter, BatchConfig.of(1000, 7, 5, 1000));

    for (int i = 0; i < 100; i++) {
      end(processor, "s" + i);
    }

    Poll.until("all spans are exported", () -> exporter.spanCount() == 100);
    for (List<String> batch : exporter.batches) {
      assertTrue(batch.size() <= 7, "batch of " + batch.size());
    }
    List<String> expected = new ArrayList<String>();
    for (int i = 0; i < 100; i++) {
      expected.add("s" + i);
    }
    assertEquals(expected, exporter.allNames());
  }

  @Test
  void onEnd_whenQueueIsFull_dropsAndCounts() throws Exception {
    CountDownLatch exporting = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    RecordingExporter exporter =
        new RecordingExporter() {
          @Override
          public ExportResult export(List<SpanData> spans) {
            exporting.countDown();
            await(release);
            return super.export(spans);
          }
        };
    BatchSpanProcessor processor = start(exporter, BatchConfig.of(2, 1, HOUR_MILLIS, 1000));
    end(processor, "first");
    assertTrue(exporting.await(10, TimeUnit.SECONDS));

    // The worker is stuck in the exporter: two spans fit in the queue, three do not.
    end(processor, "q1", "q2", "x1", "x2", "x3");

    assertEquals(3, processor.droppedSpans());
    release.countDown();
    assertTrue(processor.forceFlush(5000));
    assertEquals(Arrays.asList("first", "q1", "q2"), exporter.allNames());
    assertEquals(3, processor.exportedSpans());
  }

  @Test
  void forceFlush_exportsEverythingQueuedBeforeTheCall() {
    RecordingExporter exporter = new RecordingExporter();
    BatchSpanProcessor processor = start(exporter, BatchConfig.of(100, 4, HOUR_MILLIS, 1000));
    for (int i = 0; i < 10; i++) {
      end(processor, "s" + i);
    }

    assertTrue(processor.forceFlush(5000));

    assertEquals(10, exporter.spanCount());
    for (List<String> batch : exporter.batches) {
      assertTrue(batch.size() <= 4, "batch of " + batch.size());
    }
  }

  @Test
  void forceFlush_whenTheExporterFails_returnsFalseAndCountsTheDrop() {
    RecordingExporter exporter = new RecordingExporter();
    exporter.result = ExportResult.FAILURE;
    BatchSpanProcessor processor = start(exporter, BatchConfig.of(100, 10, HOUR_MILLIS, 1000));
    end(processor, "a", "b");

    assertFalse(processor.forceFlush(5000));

    assertEquals(2, processor.droppedSpans());
    assertEquals(0, processor.exportedSpans());
  }

  @Test
  void forceFlush_whenTheExporterIsStuck_returnsFalseAfterTheTimeout() {
    CountDownLatch release = new CountDownLatch(1);
    RecordingExporter exporter =
        new RecordingExporter() {
          @Override
          public ExportResult export(List<SpanData> spans) {
            await(release);
            return super.export(spans);
          }
        };
    BatchSpanProcessor processor = start(exporter, BatchConfig.of(100, 10, HOUR_MILLIS, 1000));
    end(processor, "a");

    assertFalse(processor.forceFlush(50));

    release.countDown();
    assertTrue(processor.forceFlush(5000));
    assertEquals(Collections.singletonList("a"), exporter.allNames());
  }

  @Test
  void aThrowingExporter_doesNotStopTheWorker() {
    RecordingExporter exporter =
        new RecordingExporter() {
          @Override
          public ExportResult export(List<SpanData> spans) {
            if (spans.get(0).name().equals("boom")) {
              throw new IllegalStateException("exporter bug");
            }
            return super.export(spans);
          }
        };
    try (LogCapture log = new LogCapture()) {
      BatchSpanProcessor processor = start(exporter, BatchConfig.of(100, 10, HOUR_MILLIS, 1000));
      end(processor, "boom");
      assertFalse(processor.forceFlush(5000));

      end(processor, "fine");
      assertTrue(processor.forceFlush(5000));

      assertEquals(Collections.singletonList("fine"), exporter.allNames());
      assertTrue(processor.isWorkerAlive());
      assertEquals(1, processor.droppedSpans());
      assertEquals(1, log.linesContaining("exporter bug").size(), log.lines().toString());
    }
  }

  @Test
  void everyExporterGetsEveryBatch_evenWhenAnotherFails() {
    RecordingExporter failing = new RecordingExporter();
    failing.result = ExportResult.FAILURE;
    RecordingExporter throwing =
        new RecordingExporter() {
          @Override
          public ExportResult export(List<SpanData> spans) {
            throw new IllegalStateException("always");
          }
        };
    RecordingExporter healthy = new RecordingExporter();
    try (LogCapture ignored = new LogCapture()) {
      BatchSpanProcessor processor =
          BatchSpanProcessor.create(
              Arrays.<SpanExporter>asList(failing, throwing, healthy),
              BatchConfig.of(100, 10, HOUR_MILLIS, 1000));
      processors.add(processor);
      end(processor, "a", "b");

      assertFalse(processor.forceFlush(5000), "not every exporter accepted the batch");

      assertEquals(Arrays.asList("a", "b"), failing.allNames());
      assertEquals(Arrays.asList("a", "b"), healthy.allNames());
      processor.shutdown(5000);
      assertEquals(1, failing.shutdowns.get());
      assertEquals(1, throwing.shutdowns.get());
      assertEquals(1, healthy.shutdowns.get());
    }
  }

  @Test
  void shutdown_exportsWhatIsQueuedAndShutsTheExporterDownOnce() {
    RecordingExporter exporter = new RecordingExporter();
    BatchSpanProcessor processor = start(exporter, BatchConfig.of(100, 50, HOUR_MILLIS, 1000));
    end(processor, "a", "b", "c");

    processor.shutdown(5000);
    processor.shutdown(5000);

    assertEquals(Arrays.asList("a", "b", "c"), exporter.allNames());
    assertEquals(1, exporter.shutdowns.get());
    assertFalse(processor.isWorkerAlive());
  }

  @Test
  void spansEndedAfterShutdown_areDroppedSilentlyAndCounted() {
    RecordingExporter exporter = new RecordingExporter();
    BatchSpanProcessor processor = start(exporter, BatchConfig.of(100, 50, HOUR_MILLIS, 1000));
    processor.shutdown(5000);

    try (LogCapture log = new LogCapture()) {
      end(processor, "late1", "late2");
      assertTrue(processor.forceFlush(100), "nothing is queued");

      assertEquals(2, processor.droppedSpans());
      assertTrue(exporter.batches.isEmpty());
      assertTrue(log.lines().isEmpty(), log.lines().toString());
    }
  }

  @Test
  void shutdown_whenTheExporterIsStuck_returnsAfterTheTimeout() throws Exception {
    CountDownLatch exporting = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    RecordingExporter exporter =
        new RecordingExporter() {
          @Override
          public ExportResult export(List<SpanData> spans) {
            exporting.countDown();
            await(release);
            return super.export(spans);
          }
        };
    BatchSpanProcessor processor = start(exporter, BatchConfig.of(100, 1, HOUR_MILLIS, 1000));
    end(processor, "stuck");
    assertTrue(exporting.await(10, TimeUnit.SECONDS));

    try (LogCapture ignored = new LogCapture()) {
      processor.shutdown(100);
    }

    assertEquals(1, exporter.shutdowns.get(), "the exporter is told to stop even so");
    release.countDown();
    Poll.until("the worker ends once the export returns", () -> !processor.isWorkerAlive());
  }

  @Test
  void drops_areReportedInOneSummaryLine() throws Exception {
    CountDownLatch exporting = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    RecordingExporter exporter =
        new RecordingExporter() {
          @Override
          public ExportResult export(List<SpanData> spans) {
            exporting.countDown();
            await(release);
            return ExportResult.FAILURE;
          }
        };
    try (LogCapture log = new LogCapture()) {
      BatchSpanProcessor processor =
          BatchSpanProcessor.create(
              Collections.<SpanExporter>singletonList(exporter),
              BatchConfig.of(2, 1, HOUR_MILLIS, 1000),
              TimeUnit.MILLISECONDS.toNanos(1));
      processors.add(processor);
      end(processor, "first");
      assertTrue(exporting.await(10, TimeUnit.SECONDS));
      end(processor, "q1", "q2", "x1", "x2", "x3", "x4");
      release.countDown();

      Poll.until("a drop report appears", () -> !log.linesContaining("Dropped").isEmpty());
      String line = log.linesContaining("Dropped").get(0);
      assertTrue(line.startsWith("[weft] WARN Dropped "), line);
      assertTrue(line.contains("queue full: 4"), line);
      assertTrue(line.contains("otel.bsp.max.queue.size is 2"), line);

      processor.shutdown(5000);
      long reportedTotal = 0;
      for (String report : log.linesContaining("Dropped")) {
        reportedTotal += Long.parseLong(report.split(" ")[3]);
      }
      assertEquals(processor.droppedSpans(), reportedTotal, log.lines().toString());
      assertEquals(7, processor.droppedSpans(), "4 queue full, 3 export failed");
    }
  }

  @Test
  void noDrops_noReport() {
    RecordingExporter exporter = new RecordingExporter();
    try (LogCapture log = new LogCapture()) {
      BatchSpanProcessor processor =
          BatchSpanProcessor.create(
              Collections.<SpanExporter>singletonList(exporter),
              BatchConfig.of(100, 10, 5, 1000),
              TimeUnit.MILLISECONDS.toNanos(1));
      end(processor, "a", "b");
      assertTrue(processor.forceFlush(5000));
      processor.shutdown(5000);

      assertTrue(log.lines().isEmpty(), log.lines().toString());
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
