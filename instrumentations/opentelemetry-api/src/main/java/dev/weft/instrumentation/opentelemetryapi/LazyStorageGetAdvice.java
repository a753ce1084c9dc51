package dev.weft.instrumentation.opentelemetryapi;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Woven into {@code io.opentelemetry.context.LazyStorage.get()}, which {@code
 * ContextStorage.get()} answers with: the application's context
 * storage is {@link ApplicationContextStorage}, the agent's current context, instead of the
 * API's own thread local (or a storage its service loader would find).
 */
public final class LazyStorageGetAdvice {

  private LazyStorageGetAdvice() {}

  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
  public static Object onEnter() {
    return ApplicationContextStorage.get();
  }

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void onExit(
      @Advice.Enter Object storage,
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned) {
    if (storage != null) {
      returned = storage;
    }
  }
}
