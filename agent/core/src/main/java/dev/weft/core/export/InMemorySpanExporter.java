package dev.weft.core.export;

import dev.weft.core.trace.SpanData;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps exported spans in this JVM ({@code otel.traces.exporter=memory}), for the tests of
 * instrumentations that run with the agent jar: a test reads {@link #INSTANCE} (the class is
 * loaded once, by the bootstrap loader, with the agent) instead of running a collector.
 *
 * <p>Unbounded: not for production. Thread-safe.
 */
public final class InMemorySpanExporter implements SpanExporter {

  public static final InMemorySpanExporter INSTANCE = new InMemorySpanExporter();

  /** {@code otel.traces.exporter=memory}: {@link #INSTANCE}. */
  static final SpanExporterFactory FACTORY =
      new SpanExporterFactory() {
        @Override
        public String name() {
          return "memory";
        }

        @Override
        public SpanExporter create(ExporterContext context) {
          return INSTANCE;
        }
      };

  private final Object lock = new Object();
  private final List<SpanData> spans = new ArrayList<SpanData>();

  private InMemorySpanExporter() {}

  @Override
  public ExportResult export(List<SpanData> batch) {
    synchronized (lock) {
      spans.addAll(batch);
    }
    return ExportResult.SUCCESS;
  }

  /** A copy of every span exported so far, in export order. */
  public List<SpanData> spans() {
    synchronized (lock) {
      return new ArrayList<SpanData>(spans);
    }
  }

  /** Forgets the spans exported so far. */
  public void reset() {
    synchronized (lock) {
      spans.clear();
    }
  }

  @Override
  public String name() {
    return "memory";
  }

  @Override
  public void shutdown() {}
}
