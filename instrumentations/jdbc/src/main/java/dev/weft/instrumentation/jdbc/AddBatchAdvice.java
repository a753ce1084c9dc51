package dev.weft.instrumentation.jdbc;

import net.bytebuddy.asm.Advice;

/** Woven into a plain statement's {@code addBatch(String)}: remembers the SQL, on success. */
public final class AddBatchAdvice {

  private AddBatchAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void onExit(@Advice.This Object statement, @Advice.Argument(0) String sql) {
    JdbcSpans.addBatch(statement, sql);
  }
}
