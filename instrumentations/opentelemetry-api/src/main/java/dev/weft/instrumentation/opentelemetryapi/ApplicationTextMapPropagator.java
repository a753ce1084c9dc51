package dev.weft.instrumentation.opentelemetryapi;

import dev.weft.api.Tracing;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.Collection;

/**
 * The application's propagator: the one {@code otel.propagators} configures for the agent, so
 * headers the application writes or reads itself (a message queue, a custom client) have the
 * same format as the agent's. Stateless and thread-safe.
 */
final class ApplicationTextMapPropagator implements TextMapPropagator {

  static final ApplicationTextMapPropagator INSTANCE = new ApplicationTextMapPropagator();

  private ApplicationTextMapPropagator() {}

  @Override
  public Collection<String> fields() {
    return Tracing.propagator().fields();
  }

  @Override
  public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
    if (context == null || setter == null) {
      return;
    }
    dev.weft.api.Context weft =
        ApplicationContextStorage.toWeft(context, dev.weft.api.Context.root());
    Tracing.propagator().inject(weft, carrier, new Setter<C>(setter));
  }

  @Override
  public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
    if (context == null) {
      context = Context.root();
    }
    if (getter == null) {
      return context;
    }
    dev.weft.api.Context weft =
        ApplicationContextStorage.toWeft(context, dev.weft.api.Context.root());
    dev.weft.api.Context extracted =
        Tracing.propagator().extract(weft, carrier, new Getter<C>(getter));
    return extracted == weft
        ? context
        : ApplicationContextStorage.toApplication(extracted, context);
  }

  /** The application's setter, as the agent's propagator writes through it. */
  private static final class Setter<C> implements dev.weft.api.propagation.TextMapSetter<C> {
    private final TextMapSetter<C> setter;

    Setter(TextMapSetter<C> setter) {
      this.setter = setter;
    }

    @Override
    public void set(C carrier, String key, String value) {
      setter.set(carrier, key, value);
    }
  }

  /** The application's getter, as the agent's propagator reads through it. */
  private static final class Getter<C> implements dev.weft.api.propagation.TextMapGetter<C> {
    private final TextMapGetter<C> getter;

    Getter(TextMapGetter<C> getter) {
      this.getter = getter;
    }

    @Override
    public String get(C carrier, String key) {
      return getter.get(carrier, key);
    }
  }
}
