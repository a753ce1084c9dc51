package dev.weft.core;

import dev.weft.api.propagation.TextMapPropagator;
import dev.weft.core.config.ConfigProperties;
import dev.weft.core.export.BatchConfig;
import dev.weft.core.export.BatchSpanProcessor;
import dev.weft.core.export.ConsoleSpanExporter;
import dev.weft.core.export.InMemorySpanExporter;
import dev.weft.core.export.SpanExporter;
import dev.weft.core.export.otlp.OtlpHttpExporterFactory;
import dev.weft.core.export.otlp.OtlpJsonEncoder;
import dev.weft.core.export.otlp.OtlpProtoEncoder;
import dev.weft.core.log.AgentLog;
import dev.weft.core.propagation.Propagators;
import dev.weft.core.resource.Resource;
import dev.weft.core.sampler.Samplers;
import dev.weft.core.trace.AnchoredClock;
import dev.weft.core.trace.SpanLimits;
import dev.weft.core.trace.SpanServices;
import java.util.ArrayList;
import java.util.List;

/**
 * The tracing core assembled from configuration: resource, sampler, propagators, exporters
 * ({@code otel.traces.exporter}), the batch span processor and the tracer the agent installs
 * behind the API. Built once at startup; thread-safe.
 */
public final class WeftSdk {

  /** The longest the flush at JVM shutdown may hold the JVM up. */
  private static final long MAX_SHUTDOWN_MILLIS = 10_000L;

  private final WeftTracer tracer;
  private final Resource resource;
  private final BatchSpanProcessor processor;
  private final long shutdownMillis;
  private final String exportersDescription;
  private final String propagatorsDescription;

  private WeftSdk(
      WeftTracer tracer,
      Resource resource,
      BatchSpanProcessor processor,
      long shutdownMillis,
      String exportersDescription,
      String propagatorsDescription) {
    this.tracer = tracer;
    this.resource = resource;
    this.processor = processor;
    this.shutdownMillis = shutdownMillis;
    this.exportersDescription = exportersDescription;
    this.propagatorsDescription = propagatorsDescription;
  }

  public static WeftSdk create(ConfigProperties config) {
    String version = WeftVersion.get();
    Resource resource = Resource.fromConfig(config, version);
    BatchConfig batch = BatchConfig.fromConfig(config);

    List<SpanExporter> exporters = new ArrayList<SpanExporter>();
    List<String> names = exporterNames(config);
    for (String name : names) {
      if (name.equals("otlp")) {
        exporters.add(
            OtlpHttpExporterFactory.create(
                config,
                resource,
                batch.exportTimeoutMillis(),
                version,
                OtlpHttpExporterFactory.encoders(
                    new OtlpProtoEncoder(version), new OtlpJsonEncoder(version))));
      } else if (name.equals("console")) {
        exporters.add(ConsoleSpanExporter.toStdout(resource));
      } else if (name.equals("memory")) {
        exporters.add(InMemorySpanExporter.INSTANCE);
      }
    }
    if (AgentLog.isDebug() && !names.contains("console")) {
      exporters.add(ConsoleSpanExporter.toStdout(resource));
    }
    BatchSpanProcessor processor = BatchSpanProcessor.create(exporters, batch);

    TextMapPropagator propagator = Propagators.fromConfig(config);
    WeftTracer tracer =
        new WeftTracer(
            Samplers.fromConfig(config),
            propagator,
            new SpanServices(AnchoredClock.create(), SpanLimits.fromConfig(config), processor),
            config);
    return new WeftSdk(
        tracer,
        resource,
        processor,
        Math.min(batch.exportTimeoutMillis(), MAX_SHUTDOWN_MILLIS),
        names.isEmpty() ? "none" : join(names),
        propagator.toString());
  }

  /**
   * The exporters {@code otel.traces.exporter} names, each once, in order; {@code otlp} when
   * unset; empty for {@code none}. Unknown names are reported and skipped. {@code memory} keeps
   * spans in the JVM for the agent's own instrumentation tests.
   */
  static List<String> exporterNames(ConfigProperties config) {
    List<String> configured = config.getList("otel.traces.exporter");
    if (configured.isEmpty()) {
      configured = java.util.Collections.singletonList("otlp");
    }
    List<String> names = new ArrayList<String>();
    for (String raw : configured) {
      String name = raw.toLowerCase(java.util.Locale.ROOT);
      if (name.equals("none")) {
        if (configured.size() > 1) {
          AgentLog.warn("otel.traces.exporter: 'none' is ignored when other exporters are named");
          continue;
        }
        return new ArrayList<String>();
      }
      if (!name.equals("otlp") && !name.equals("console") && !name.equals("memory")) {
        AgentLog.warn(
            "otel.traces.exporter: unknown exporter '" + raw + "' ignored (known: otlp, console,"
                + " memory, none)");
        continue;
      }
      if (!names.contains(name)) {
        names.add(name);
      }
    }
    if (names.isEmpty()) {
      AgentLog.warn("otel.traces.exporter names no known exporter; using otlp");
      names.add("otlp");
    }
    return names;
  }

  private static String join(List<String> names) {
    StringBuilder sb = new StringBuilder();
    for (String name : names) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(name);
    }
    return sb.toString();
  }

  public WeftTracer tracer() {
    return tracer;
  }

  public Resource resource() {
    return resource;
  }

  public String exportersDescription() {
    return exportersDescription;
  }

  public String propagatorsDescription() {
    return propagatorsDescription;
  }

  /** Exports what is queued, bounded in time, and stops the export thread. Idempotent. */
  public void shutdown() {
    processor.shutdown(shutdownMillis);
  }
}
