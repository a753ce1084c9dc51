package dev.weft.instrumentation.jdbc;

import java.sql.Statement;
import net.bytebuddy.asm.Advice;

/** Woven into {@code Statement.execute/executeQuery/executeUpdate/executeLargeUpdate(String, ...)}. */
public final class StatementExecuteAdvice {

  private StatementExecuteAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static JdbcCall onEnter(@Advice.This Statement statement, @Advice.Argument(0) String sql) {
    return JdbcHelpers.startStatement(statement, sql);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void onExit(@Advice.Enter JdbcCall call, @Advice.Thrown Throwable error) {
    JdbcHelpers.end(call, error);
  }
}
