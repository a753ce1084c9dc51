package dev.weft.core.export;

/**
 * Makes one kind of {@link SpanExporter} from the configuration: the one thing an exporter adds
 * to the core besides its own class. {@link SpanExporters#FACTORIES} lists them; the name is
 * what {@code otel.traces.exporter} says to choose it.
 *
 * <p>{@link #create} reads the exporter's own settings from {@link ExporterContext#config()}; a
 * bad value is reported with {@link dev.weft.core.log.AgentLog#warn} and its default is used, so
 * {@link #create} never throws for configuration. Implementations are stateless and thread-safe.
 */
public interface SpanExporterFactory {

  /** The name in {@code otel.traces.exporter}, lower case, e.g. {@code zipkin}. */
  String name();

  /** A new exporter; called once, at agent startup. */
  SpanExporter create(ExporterContext context);
}
