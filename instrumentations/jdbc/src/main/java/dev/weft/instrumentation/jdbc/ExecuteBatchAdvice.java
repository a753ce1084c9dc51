package dev.weft.instrumentation.jdbc;

import java.sql.Statement;
import net.bytebuddy.asm.Advice;

/** Woven into {@code executeBatch()} and {@code executeLargeBatch()} of every statement. */
public final class ExecuteBatchAdvice {

  private ExecuteBatchAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static JdbcCall onEnter(@Advice.This Statement statement) {
    return JdbcHelpers.startBatch(statement);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void onExit(
      @Advice.This Statement statement,
      @Advice.Enter JdbcCall call,
      @Advice.Thrown Throwable error) {
    JdbcHelpers.endBatch(statement, call, error);
  }
}
