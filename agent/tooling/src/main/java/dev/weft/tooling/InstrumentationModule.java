package dev.weft.tooling;

import java.util.List;

/**
 * An instrumentation of one library family (servlet, jdbc, okhttp, ...), switched on and off as a
 * whole with {@code otel.instrumentation.<name>.enabled}.
 *
 * <p>Modules are discovered with {@link java.util.ServiceLoader} from {@code
 * META-INF/services/dev.weft.tooling.InstrumentationModule}; an implementation has a public
 * no-argument constructor and does nothing costly in it.
 */
public abstract class InstrumentationModule {

  private final String name;

  protected InstrumentationModule(String name) {
    this.name = name;
  }

  /** The name in {@code otel.instrumentation.<name>.enabled}, e.g. {@code servlet}. */
  public final String name() {
    return name;
  }

  /** Whether the module is on when neither its own setting nor the common default says. */
  public boolean defaultEnabled() {
    return true;
  }

  public abstract List<TypeInstrumentation> typeInstrumentations();
}
