package dev.weft.instrumentation.opentelemetryapi;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Woven into {@code GlobalOpenTelemetry.get()} and {@code getOrNoop()}: while the application has
 * registered nothing, they answer the bridge, without storing it, so that a later {@code set} by
 * the application still succeeds.
 */
public final class GlobalOpenTelemetryGetAdvice {

  private GlobalOpenTelemetryGetAdvice() {}

  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
  public static Object onEnter(
      @Advice.FieldValue(value = "globalOpenTelemetry", typing = Assigner.Typing.DYNAMIC)
          Object registered) {
    return registered == null ? ApplicationOpenTelemetry.whenNoneRegistered() : null;
  }

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void onExit(
      @Advice.Enter Object bridge,
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned) {
    if (bridge != null) {
      returned = bridge;
    }
  }
}
