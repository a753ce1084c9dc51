package dev.weft.instrumentation.opentelemetryapi;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.propagation.ContextPropagators;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the application's {@code GlobalOpenTelemetry} answers under the agent while the
 * application has registered none of its own: tracers that start the agent's spans, and the
 * agent's propagator.
 *
 * <p>The bridge stands aside for an application that brings its own SDK: once it calls {@code
 * GlobalOpenTelemetry.set}, its object is the global one (its manual spans go through its SDK,
 * while the context stays shared, so parents still hold in both directions), and the agent says
 * so in one line. An application that asks the API to configure its SDK itself ({@code
 * otel.java.global-autoconfigure.enabled}) is left to do so. Thread-safe.
 */
public final class ApplicationOpenTelemetry implements OpenTelemetry {

  private static final ApplicationOpenTelemetry INSTANCE = new ApplicationOpenTelemetry();

  private static final boolean APPLICATION_AUTOCONFIGURES = applicationAutoconfigures();

  private static final AtomicBoolean SAID_STANDING_ASIDE = new AtomicBoolean();

  private final ContextPropagators propagators =
      ContextPropagators.create(ApplicationTextMapPropagator.INSTANCE);

  private ApplicationOpenTelemetry() {}

  /**
   * What {@code GlobalOpenTelemetry.get()} answers when nothing is registered: the bridge, or
   * null to let the API do as it would without the agent.
   */
  public static OpenTelemetry whenNoneRegistered() {
    return APPLICATION_AUTOCONFIGURES ? null : INSTANCE;
  }

  /**
   * Called as the application registers its own OpenTelemetry: says once that the bridge stands
   * aside.
   */
  public static void applicationRegisters(Object openTelemetry) {
    if (openTelemetry == null
        || openTelemetry == INSTANCE
        || !SAID_STANDING_ASIDE.compareAndSet(false, true)) {
      return;
    }
    // set(Supplier) came with API 1.5x; the object is then made later, by the supplier.
    String what =
        openTelemetry instanceof OpenTelemetry
            ? openTelemetry.getClass().getName()
            : "made by a supplier";
    System.err.println(
        "[weft] INFO The application registers its own OpenTelemetry ("
            + what
            + ") with GlobalOpenTelemetry.set: its manual spans go to it, not to Weft; Weft's"
            + " spans and the shared trace context are unchanged");
  }

  @Override
  public TracerProvider getTracerProvider() {
    return ApplicationTracerProvider.INSTANCE;
  }

  @Override
  public ContextPropagators getPropagators() {
    return propagators;
  }

  private static boolean applicationAutoconfigures() {
    String value = System.getProperty("otel.java.global-autoconfigure.enabled");
    if (value == null) {
      value = System.getenv("OTEL_JAVA_GLOBAL_AUTOCONFIGURE_ENABLED");
    }
    return Boolean.parseBoolean(value == null ? null : value.trim());
  }
}
