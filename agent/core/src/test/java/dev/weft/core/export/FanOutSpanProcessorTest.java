package dev.weft.core.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.core.trace.SpanData;
import dev.weft.core.trace.SpanProcessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Several exporters at once: each gets every span, and one that is stuck (a backend that accepts
 * and never answers) neither delays nor drops the spans of another.
 */
@Timeout(30)
class FanOutSpanProcessorTest {

  private static final long HOUR_MILLIS = TimeUnit.HOURS.toMillis(1);

  private final List<SpanProcessor> started = new ArrayList<SpanProcessor>();
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void shutDown() {
    release.countDown();
    for (SpanProcessor processor : started) {
      processor.shutdown(5000);
    }
  }

  @Test
  void everyExporterGetsEverySpan() {
    RecordingExporter first = new RecordingExporter();
    RecordingExporter second = new RecordingExporter();
    SpanProcessor fanOut = fanOut(processor(first, 10), processor(second, 10));

    end(fanOut, "a", "b", "c");

    assertTrue(fanOut.forceFlush(5000));
    assertEquals(Arrays.asList("a", "b", "c"), first.allNames());
    assertEquals(Arrays.asList("a", "b", "c"), second.allNames());
  }

  @Test
  void aStuckExporter_doesNotDelayTheOther() {
    StuckExporter stuck = new StuckExporter();
    RecordingExporter healthy = new RecordingExporter();
    // A short schedule delay: the healthy exporter's spans leave within milliseconds.
    SpanProcessor fanOut = fanOut(processor(stuck, 20), processor(healthy, 20));

    end(fanOut, "a");
    Poll.until("the stuck exporter holds the first batch", () -> stuck.exporting.getCount() == 0);
    end(fanOut, "b", "c");

    Poll.until("the healthy exporter has every span", () -> healthy.spanCount() == 3);
    assertEquals(Arrays.asList("a", "b", "c"), healthy.allNames());
  }

  @Test
  void aStuckExporter_dropsOnlyFromItsOwnQueue() {
    StuckExporter stuck = new StuckExporter();
    RecordingExporter healthy = new RecordingExporter();
    BatchSpanProcessor stuckProcessor = processor(stuck, 20);
    BatchSpanProcessor healthyProcessor = processor(healthy, 20);
    SpanProcessor fanOut = fanOut(stuckProcessor, healthyProcessor);

    end(fanOut, "first");
    Poll.until("the stuck exporter holds the first batch", () -> stuck.exporting.getCount() == 0);
    try (LogCapture ignored = new LogCapture()) {
      // Queues hold 10: the stuck exporter's fills and drops, the healthy one keeps draining.
      for (int i = 0; i < 50; i++) {
        end(fanOut, "span-" + i);
        final int expected = i + 2;
        Poll.until("the healthy exporter keeps up", () -> healthy.spanCount() == expected);
      }
    }

    assertEquals(0, healthyProcessor.droppedSpans());
    assertEquals(51, healthyProcessor.exportedSpans());
    assertEquals(40, stuckProcessor.droppedSpans(), "50 offered, 10 queued, 40 dropped");
  }

  @Test
  void forceFlush_isFalseWhileOneExporterIsStuck_andTheOtherIsFlushedAnyway() {
    StuckExporter stuck = new StuckExporter();
    RecordingExporter healthy = new RecordingExporter();
    SpanProcessor fanOut = fanOut(processor(stuck, HOUR_MILLIS), processor(healthy, HOUR_MILLIS));
    end(fanOut, "a");

    assertFalse(fanOut.forceFlush(200));
    assertEquals(Collections.singletonList("a"), healthy.allNames());

    release.countDown();
    assertTrue(fanOut.forceFlush(5000));
  }

  @Test
  void shutdown_withAStuckExporter_returnsInTime_andTheOtherIsFlushedAndShutDown() {
    StuckExporter stuck = new StuckExporter();
    RecordingExporter healthy = new RecordingExporter();
    // The stuck processor comes first: it must not use up the time of the one after it.
    SpanProcessor fanOut = fanOut(processor(stuck, HOUR_MILLIS), processor(healthy, HOUR_MILLIS));
    end(fanOut, "a", "b");

    long start = System.nanoTime();
    fanOut.shutdown(500);
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertTrue(tookMillis < 3000, "shutdown took " + tookMillis + " ms");
    assertEquals(Arrays.asList("a", "b"), healthy.allNames());
    assertEquals(1, healthy.shutdowns.get());
  }

  @Test
  void oneProcessor_isUsedAsItIs() {
    BatchSpanProcessor only = processor(new RecordingExporter(), 10);
    assertSame(only, FanOutSpanProcessor.of(Collections.singletonList(only)));
  }

  private BatchSpanProcessor processor(SpanExporter exporter, long scheduleDelayMillis) {
    BatchSpanProcessor processor =
        BatchSpanProcessor.create(exporter, BatchConfig.of(10, 10, scheduleDelayMillis, 1000));
    started.add(processor);
    return processor;
  }

  private SpanProcessor fanOut(SpanProcessor... processors) {
    SpanProcessor fanOut = FanOutSpanProcessor.of(Arrays.asList(processors));
    started.add(0, fanOut);
    return fanOut;
  }

  private static void end(SpanProcessor processor, String... names) {
    for (String name : names) {
      processor.onEnd(new TestSpan(name));
    }
  }

  /** An exporter whose backend accepts the request and never answers, until released. */
  private final class StuckExporter extends RecordingExporter {
    final CountDownLatch exporting = new CountDownLatch(1);

    @Override
    public ExportResult export(List<SpanData> spans) {
      exporting.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return super.export(spans);
    }
  }
}
