package dev.weft.instrumentation.jdbc;

import java.sql.Statement;
import net.bytebuddy.asm.Advice;

/**
 * Woven into the no-argument {@code execute/executeQuery/executeUpdate/executeLargeUpdate} of
 * prepared and callable statements; the SQL is the one remembered at prepare time.
 */
public final class PreparedExecuteAdvice {

  private PreparedExecuteAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static JdbcCall onEnter(@Advice.This Statement statement) {
    return JdbcHelpers.startPrepared(statement);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void onExit(@Advice.Enter JdbcCall call, @Advice.Thrown Throwable error) {
    JdbcHelpers.end(call, error);
  }
}
