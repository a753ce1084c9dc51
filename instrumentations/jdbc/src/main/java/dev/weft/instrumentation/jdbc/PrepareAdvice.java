package dev.weft.instrumentation.jdbc;

import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code Connection.prepareStatement(String, ...)} and {@code prepareCall(String,
 * ...)}: remembers the returned statement's SQL, on success.
 */
public final class PrepareAdvice {

  private PrepareAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void onExit(@Advice.Argument(0) String sql, @Advice.Return Object statement) {
    JdbcSpans.prepared(statement, sql);
  }
}
