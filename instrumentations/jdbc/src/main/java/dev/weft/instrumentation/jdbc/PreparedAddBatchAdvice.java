package dev.weft.instrumentation.jdbc;

import net.bytebuddy.asm.Advice;

/** Woven into a prepared statement's {@code addBatch()}: counts the batch, on success. */
public final class PreparedAddBatchAdvice {

  private PreparedAddBatchAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void onExit(@Advice.This Object statement) {
    JdbcSpans.addBatch(statement, null);
  }
}
