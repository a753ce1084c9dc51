package dev.weft.instrumentation.opentelemetryapi;

import io.opentelemetry.api.trace.TracerProvider;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * The application's {@code TracerBuilder} (API 1.4 and later): {@code build()} answers the
 * provider's tracer of the builder's name. The interface does not exist in older APIs, so the
 * builder is a {@link Proxy} of the application's own interface, made only when that interface
 * is there and asked for; the bridge loads on every 1.x. Thread-safe.
 */
final class ApplicationTracerBuilder {

  private static final String TRACER_BUILDER = "io.opentelemetry.api.trace.TracerBuilder";

  private ApplicationTracerBuilder() {}

  /** A {@code TracerBuilder} of the application's API, building {@code provider}'s tracers. */
  static Object create(TracerProvider provider, String instrumentationScopeName) {
    Class<?> type;
    try {
      type = Class.forName(TRACER_BUILDER, false, TracerProvider.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "tracerBuilder called on an API without " + TRACER_BUILDER, e);
    }
    return Proxy.newProxyInstance(
        type.getClassLoader(),
        new Class<?>[] {type},
        new Builder(provider, instrumentationScopeName));
  }

  /** Answers the builder's methods: the setters return the builder, {@code build} the tracer. */
  private static final class Builder implements InvocationHandler {
    private final TracerProvider provider;
    private final String name;

    Builder(TracerProvider provider, String name) {
      this.provider = provider;
      this.name = name;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) {
      String methodName = method.getName();
      if (methodName.equals("build")) {
        return provider.get(name);
      }
      if (methodName.equals("equals")) {
        return proxy == args[0];
      }
      if (methodName.equals("hashCode")) {
        return System.identityHashCode(proxy);
      }
      if (methodName.equals("toString")) {
        return "ApplicationTracerBuilder{" + name + '}';
      }
      // setInstrumentationVersion, setSchemaUrl, and any setter a later API adds: the agent's
      // spans name their scope by name only.
      return method.getReturnType().isInstance(proxy) ? proxy : null;
    }
  }
}
