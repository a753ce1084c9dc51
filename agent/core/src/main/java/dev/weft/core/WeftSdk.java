package dev.weft.core;

import dev.weft.api.AgentThread;
import dev.weft.api.propagation.TextMapPropagator;
import dev.weft.core.config.ConfigProperties;
import dev.weft.core.export.BatchConfig;
import dev.weft.core.export.BatchSpanProcessor;
import dev.weft.core.export.ExporterContext;
import dev.weft.core.export.FanOutSpanProcessor;
import dev.weft.core.export.SpanExporter;
import dev.weft.core.export.SpanExporters;
import dev.weft.core.log.AgentLog;
import dev.weft.core.propagation.Propagators;
import dev.weft.core.resource.Resource;
import dev.weft.core.sampler.Sampler;
import dev.weft.core.sampler.Samplers;
import dev.weft.core.trace.AnchoredClock;
import dev.weft.core.trace.SpanLimits;
import dev.weft.core.trace.SpanProcessor;
import dev.weft.core.trace.SpanServices;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The tracing core assembled from configuration: resource, sampler, propagators, exporters
 * ({@code otel.traces.exporter}, see {@link SpanExporters}), a batch span processor for each
 * exporter and the tracer the agent installs behind the API. Built once at startup;
 * thread-safe.
 */
public final class WeftSdk {

  private static final long COUNTERS_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

  /** The longest the flush at JVM shutdown may hold the JVM up. */
  private static final long MAX_SHUTDOWN_MILLIS = 10_000L;

  private final WeftTracer tracer;
  private final Resource resource;
  private final SpanProcessor processor;
  private final List<BatchSpanProcessor> batchProcessors;
  private final SpanServices services;
  private final long shutdownMillis;
  private final String exportersDescription;
  private final String propagatorsDescription;
  private final AtomicBoolean shutdown = new AtomicBoolean();

  private WeftSdk(
      WeftTracer tracer,
      Resource resource,
      SpanProcessor processor,
      List<BatchSpanProcessor> batchProcessors,
      SpanServices services,
      long shutdownMillis,
      String exportersDescription,
      String propagatorsDescription) {
    this.tracer = tracer;
    this.resource = resource;
    this.processor = processor;
    this.batchProcessors = batchProcessors;
    this.services = services;
    this.shutdownMillis = shutdownMillis;
    this.exportersDescription = exportersDescription;
    this.propagatorsDescription = propagatorsDescription;
  }

  public static WeftSdk create(ConfigProperties config) {
    String version = WeftVersion.get();
    Resource resource = Resource.fromConfig(config, version);
    BatchConfig batch = BatchConfig.fromConfig(config);
    Sampler sampler = Samplers.fromConfig(config);

    ExporterContext context =
        new ExporterContext(config, resource, sampler, batch.exportTimeoutMillis(), version);
    List<String> names = SpanExporters.names(config);
    List<String> exporterNames = new ArrayList<String>(names);
    if (AgentLog.isDebug() && !exporterNames.contains("console")) {
      exporterNames.add("console");
    }
    // One queue and one export thread per exporter: a slow or failing backend holds up and
    // drops only its own spans.
    List<BatchSpanProcessor> processors = new ArrayList<BatchSpanProcessor>();
    for (String name : exporterNames) {
      SpanExporter exporter = SpanExporters.factory(name).create(context);
      processors.add(BatchSpanProcessor.create(exporter, batch));
    }
    SpanProcessor processor;
    if (processors.isEmpty()) {
      processor = BatchSpanProcessor.create(Collections.<SpanExporter>emptyList(), batch);
    } else {
      processor = FanOutSpanProcessor.of(processors);
    }

    TextMapPropagator propagator = Propagators.fromConfig(config);
    SpanServices services =
        new SpanServices(AnchoredClock.create(), SpanLimits.fromConfig(config), processor);
    WeftTracer tracer = new WeftTracer(sampler, propagator, services, config);
    return new WeftSdk(
        tracer,
        resource,
        processor,
        processors,
        services,
        Math.min(batch.exportTimeoutMillis(), MAX_SHUTDOWN_MILLIS),
        names.isEmpty() ? "none" : join(names),
        propagator.toString());
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

  /**
   * With {@code otel.javaagent.debug}, logs {@link #countsSummary} once a minute on a daemon
   * {@link AgentThread} ({@code weft-counters}) until shutdown; without it, does nothing.
   */
  public void reportCountersWhileDebugging() {
    if (!AgentLog.isDebug()) {
      return;
    }
    AgentThread reporter =
        new AgentThread(
            "weft-counters",
            new Runnable() {
              @Override
              public void run() {
                while (!shutdown.get()) {
                  LockSupport.parkNanos(this, COUNTERS_INTERVAL_NANOS);
                  if (!shutdown.get()) {
                    AgentLog.info("Weft counters: " + countsSummary());
                  }
                }
              }
            });
    reporter.start();
  }

  /**
   * Exports what is queued, bounded in time, stops the export threads, and logs one line of what
   * became of the spans ({@link #countsSummary}). Idempotent; the line is logged once.
   */
  public void shutdown() {
    if (shutdown.compareAndSet(false, true)) {
      processor.shutdown(shutdownMillis);
      AgentLog.info("Weft stopped: " + countsSummary());
    }
  }

  /**
   * The agent's own counters, readable without a backend: {@code 500 spans started, 500 ended
   * (0 still open); otlp: 500 exported, 0 dropped (queue full: 0, ...)}.
   */
  public String countsSummary() {
    long started = services.counters().started();
    long ended = services.counters().ended();
    StringBuilder summary = new StringBuilder(200);
    summary
        .append(started)
        .append(" spans started, ")
        .append(ended)
        .append(" ended (")
        .append(Math.max(0, started - ended))
        .append(" still open)");
    for (BatchSpanProcessor batch : batchProcessors) {
      summary.append("; ").append(batch.countsSummary());
    }
    return summary.toString();
  }
}
