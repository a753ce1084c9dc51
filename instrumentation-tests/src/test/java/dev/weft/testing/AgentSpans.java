package dev.weft.testing;

import static org.junit.jupiter.api.Assertions.fail;

import dev.weft.api.SpanKind;
import dev.weft.core.export.InMemorySpanExporter;
import dev.weft.core.trace.SpanData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The spans the agent attached to this JVM has exported, read from its in-memory exporter
 * ({@code -Dotel.traces.exporter=memory}, set by the module's surefire configuration). Polls with
 * a deadline; never sleeps and hopes.
 */
public final class AgentSpans {

  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private AgentSpans() {}

  /** Forgets everything exported so far. */
  public static void reset() {
    InMemorySpanExporter.INSTANCE.reset();
  }

  public static List<SpanData> all() {
    return InMemorySpanExporter.INSTANCE.spans();
  }

  /** Waits until {@code count} spans match, and returns them. */
  public static List<SpanData> await(Predicate<SpanData> predicate, int count) {
    long deadline = System.nanoTime() + DEFAULT_TIMEOUT.toNanos();
    while (true) {
      List<SpanData> matching = new ArrayList<>();
      for (SpanData span : all()) {
        if (predicate.test(span)) {
          matching.add(span);
        }
      }
      if (matching.size() >= count) {
        return matching;
      }
      if (System.nanoTime() > deadline) {
        fail("expected " + count + " matching spans within " + DEFAULT_TIMEOUT + ", got "
            + matching.size() + " of all exported: " + all());
      }
      Thread.onSpinWait();
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted");
      }
    }
  }

  /** Waits for the CLIENT spans of a trace. */
  public static List<SpanData> awaitClientSpans(String traceIdHex, int count) {
    return await(
        s -> s.kind() == SpanKind.CLIENT && s.spanContext().traceIdHex().equals(traceIdHex),
        count);
  }

  /**
   * Proves that no more spans than {@code expected} match, by exporting a marker span after the
   * calls under test and waiting for it: spans ended before the marker are exported with or
   * before it, since the batch processor keeps order.
   */
  public static List<SpanData> exactly(Predicate<SpanData> predicate, int expected) {
    String marker = Markers.emit();
    await(s -> s.name().equals(marker), 1);
    List<SpanData> matching = new ArrayList<>();
    for (SpanData span : all()) {
      if (predicate.test(span)) {
        matching.add(span);
      }
    }
    if (matching.size() != expected) {
      fail("expected exactly " + expected + " matching spans, got " + matching);
    }
    return matching;
  }

  /** Marker spans that delimit what a test produced. */
  private static final class Markers {
    private static int next;

    static synchronized String emit() {
      String name = "marker-" + next++;
      dev.weft.api.Tracing.tracer("dev.weft.testing")
          .start(name, SpanKind.INTERNAL, dev.weft.api.Context.root())
          .end();
      return name;
    }
  }
}
