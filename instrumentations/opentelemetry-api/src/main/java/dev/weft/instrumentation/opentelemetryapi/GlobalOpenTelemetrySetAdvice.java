package dev.weft.instrumentation.opentelemetryapi;

import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code GlobalOpenTelemetry.set}: the application's own registration goes through
 * unchanged, and the agent says once that its bridge stands aside.
 */
public final class GlobalOpenTelemetrySetAdvice {

  private GlobalOpenTelemetrySetAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void onEnter(@Advice.Argument(0) Object openTelemetry) {
    ApplicationOpenTelemetry.applicationRegisters(openTelemetry);
  }
}
