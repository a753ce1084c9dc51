package dev.weft.core.export;

import dev.weft.core.trace.SpanData;
import java.util.List;

/**
 * Sends batches of ended spans to one backend in one format.
 *
 * <p>The contract, as in the OpenTelemetry SDK: {@link #export} is called by one thread at a
 * time (the span processor's worker), blocks until the batch is delivered or given up (bounded
 * in time by the exporter's own timeout and retry limits), and never throws. {@link #shutdown}
 * is idempotent; exports after it fail at once.
 */
public interface SpanExporter {

  ExportResult export(List<SpanData> spans);

  /** A short name for the startup line and drop reports, e.g. {@code otlp}. */
  String name();

  void shutdown();
}
