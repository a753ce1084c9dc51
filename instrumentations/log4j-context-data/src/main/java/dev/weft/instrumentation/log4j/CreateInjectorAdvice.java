package dev.weft.instrumentation.log4j;

import net.bytebuddy.asm.Advice;
import org.apache.logging.log4j.core.ContextDataInjector;

/**
 * Woven into the static {@code ContextDataInjectorFactory.createInjector()}: the injector it
 * returns, the default or one the configuration names, is wrapped so that the events it fills
 * also carry the current span's ids. Log4j keeps the answer in static fields of its event
 * factories, so this runs a handful of times per logger context, never per event.
 */
public final class CreateInjectorAdvice {

  private CreateInjectorAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void onExit(@Advice.Return(readOnly = false) ContextDataInjector injector) {
    injector = TraceContextDataInjector.wrap(injector);
  }
}
