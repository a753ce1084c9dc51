package dev.weft.api.propagation;

import dev.weft.api.Context;
import java.util.Collection;
import java.util.Collections;

/** A propagator that writes and reads nothing; in effect until the agent installs a tracer. */
public final class NoopTextMapPropagator implements TextMapPropagator {

  public static final NoopTextMapPropagator INSTANCE = new NoopTextMapPropagator();

  private NoopTextMapPropagator() {}

  @Override
  public Collection<String> fields() {
    return Collections.emptyList();
  }

  @Override
  public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {}

  @Override
  public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
    return context;
  }

  @Override
  public String toString() {
    return "none";
  }
}
