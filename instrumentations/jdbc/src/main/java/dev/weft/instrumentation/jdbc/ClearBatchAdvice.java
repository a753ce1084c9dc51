package dev.weft.instrumentation.jdbc;

import net.bytebuddy.asm.Advice;

/** Woven into {@code clearBatch()}: forgets the statement's batch. */
public final class ClearBatchAdvice {

  private ClearBatchAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void onExit(@Advice.This Object statement) {
    JdbcSpans.clearBatch(statement);
  }
}
