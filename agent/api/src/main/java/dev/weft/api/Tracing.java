package dev.weft.api;

import dev.weft.api.propagation.NoopTextMapPropagator;
import dev.weft.api.propagation.TextMapPropagator;

/**
 * The entry point of woven code: tracers and the configured propagator.
 *
 * <p>Until the agent calls {@link #install} this is a no-op: spans started here record nothing
 * and propagation reads and writes nothing. Thread-safe.
 */
public final class Tracing {

  private static final TracingBackend NOOP = new NoopBackend();

  private static volatile TracingBackend backend = NOOP;

  private Tracing() {}

  /**
   * Installs the backend that every tracer delegates to from now on. Only the first call takes
   * effect.
   *
   * @return whether this call installed {@code newBackend}
   */
  public static synchronized boolean install(TracingBackend newBackend) {
    if (backend != NOOP || newBackend == null) {
      return false;
    }
    backend = newBackend;
    return true;
  }

  /** Whether a backend has been installed. */
  public static boolean isInstalled() {
    return backend != NOOP;
  }

  /** A tracer for the instrumentation named {@code scopeName}. */
  public static Tracer tracer(String scopeName) {
    return new Tracer(scopeName);
  }

  /** The configured propagator; a no-op one before installation. */
  public static TextMapPropagator propagator() {
    return backend.propagator();
  }

  /** A configuration value (system property over environment variable), or null. */
  public static String configValue(String name) {
    return backend.configValue(name);
  }

  static TracingBackend backend() {
    return backend;
  }

  /** Starts non-recording spans that continue their parent's context. */
  private static final class NoopBackend implements TracingBackend {
    @Override
    public Span startSpan(String scopeName, String name, SpanKind kind, Context parent) {
      Span parentSpan = parent == null ? Span.invalid() : parent.span();
      return parentSpan.isRecording() ? Span.wrap(parentSpan.spanContext()) : parentSpan;
    }

    @Override
    public Span startUnsampled(Context parent) {
      return Span.invalid();
    }

    @Override
    public TextMapPropagator propagator() {
      return NoopTextMapPropagator.INSTANCE;
    }

    @Override
    public String configValue(String name) {
      return null;
    }
  }
}
