package dev.weft.instrumentation.opentelemetryapi;

import dev.weft.api.Tracing;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerBuilder;
import io.opentelemetry.api.trace.TracerProvider;

/**
 * The application's tracer provider: each tracer starts the agent's spans, with the tracer's
 * name as their instrumentation scope, whether it is asked for with {@code get} or built with
 * {@code tracerBuilder}. Stateless and thread-safe.
 */
final class ApplicationTracerProvider implements TracerProvider {

  static final ApplicationTracerProvider INSTANCE = new ApplicationTracerProvider();

  private ApplicationTracerProvider() {}

  @Override
  public Tracer get(String instrumentationName) {
    return new ApplicationTracer(
        Tracing.tracer(instrumentationName == null ? "" : instrumentationName));
  }

  @Override
  public Tracer get(String instrumentationName, String instrumentationVersion) {
    return get(instrumentationName);
  }

  /**
   * Since API 1.4, whose default would answer a no-op builder. The cast keeps {@code
   * TracerBuilder} out of this class's verification, so the class still loads on an older API,
   * where nothing calls this method.
   */
  @Override
  public TracerBuilder tracerBuilder(String instrumentationScopeName) {
    return (TracerBuilder) ApplicationTracerBuilder.create(this, instrumentationScopeName);
  }

  /** A tracer of the application's, starting spans with the agent's tracer of the same name. */
  private static final class ApplicationTracer implements Tracer {
    private final dev.weft.api.Tracer tracer;

    ApplicationTracer(dev.weft.api.Tracer tracer) {
      this.tracer = tracer;
    }

    @Override
    public SpanBuilder spanBuilder(String spanName) {
      return new ApplicationSpanBuilder(tracer, spanName);
    }
  }
}
