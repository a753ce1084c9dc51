package dev.weft.instrumentation.opentelemetryapi;

import dev.weft.api.ContextKey;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.Scope;

/**
 * The application's OpenTelemetry context storage, answered from the agent's current context, so
 * there is one current context per thread, whichever side made it current.
 *
 * <p>{@link #attach} makes current an agent context with the application's span and baggage,
 * and keeps the application's context itself in it (under a key of this class): its own keys
 * survive, and a pool thread the agent hands the context to sees them too. {@link #current}
 * returns that context as it was attached while the agent's span and baggage are still the ones
 * attached with it; once the agent made another span current (a JDBC call, a {@code @WithSpan}
 * method, a request), it returns the application's context with that span in place, or a root
 * context with it when the application never attached one.
 *
 * <p>One instance per copy of the API (each class loader the bridge is defined in); stateless
 * beyond the agent's thread-local context. Thread-safe.
 */
public final class ApplicationContextStorage implements ContextStorage {

  static final ApplicationContextStorage INSTANCE = new ApplicationContextStorage();

  private static final ContextKey<Attached> ATTACHED =
      ContextKey.named("OpenTelemetry API context");

  private ApplicationContextStorage() {}

  /** The storage that {@code ContextStorage.get()} answers under the agent. */
  public static ContextStorage get() {
    return INSTANCE;
  }

  @Override
  public Scope attach(Context toAttach) {
    if (toAttach == null) {
      return Scope.noop();
    }
    dev.weft.api.Context weft = toWeft(toAttach, dev.weft.api.Context.current());
    weft = weft.with(ATTACHED, new Attached(toAttach, weft.span(), weft.baggage()));
    return new ApplicationScope(weft.makeCurrent());
  }

  @Override
  public Context current() {
    dev.weft.api.Context weft = dev.weft.api.Context.current();
    Attached attached = weft.get(ATTACHED);
    if (attached == null) {
      Context context = Context.root();
      if (weft == dev.weft.api.Context.root()) {
        return context;
      }
      if (weft.span() != dev.weft.api.Span.invalid()) {
        context = context.with(ApplicationSpan.of(weft.span()));
      }
      if (!weft.baggage().isEmpty()) {
        context = context.with(ApplicationBaggage.toApplication(weft.baggage()));
      }
      return context;
    }
    Context context = attached.context;
    if (weft.span() != attached.span) {
      context = context.with(ApplicationSpan.of(weft.span()));
    }
    if (weft.baggage() != attached.baggage) {
      context = context.with(ApplicationBaggage.toApplication(weft.baggage()));
    }
    return context;
  }

  /** {@code base} with the span and baggage of the application's {@code context}. */
  static dev.weft.api.Context toWeft(Context context, dev.weft.api.Context base) {
    Span span = Span.fromContextOrNull(context);
    Baggage baggage = Baggage.fromContextOrNull(context);
    return base.with(span == null ? dev.weft.api.Span.invalid() : ApplicationSpan.toWeft(span))
        .with(ApplicationBaggage.toWeft(baggage));
  }

  /** {@code base} with the span and baggage of the agent's {@code context}. */
  static Context toApplication(dev.weft.api.Context context, Context base) {
    return base.with(ApplicationSpan.of(context.span()))
        .with(ApplicationBaggage.toApplication(context.baggage()));
  }

  /** An application context as attached, with the agent's span and baggage made from it. */
  private static final class Attached {
    final Context context;
    final dev.weft.api.Span span;
    final dev.weft.api.Baggage baggage;

    Attached(Context context, dev.weft.api.Span span, dev.weft.api.Baggage baggage) {
      this.context = context;
      this.span = span;
      this.baggage = baggage;
    }
  }

  /** Closes the agent's scope of one {@link #attach}. */
  private static final class ApplicationScope implements Scope {
    private final dev.weft.api.Scope scope;

    ApplicationScope(dev.weft.api.Scope scope) {
      this.scope = scope;
    }

    @Override
    public void close() {
      scope.close();
    }
  }
}
