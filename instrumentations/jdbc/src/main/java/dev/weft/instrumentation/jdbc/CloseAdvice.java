package dev.weft.instrumentation.jdbc;

import net.bytebuddy.asm.Advice;

/**
 * Woven into a statement's {@code close()}: forgets its SQL and batch at once, rather than when
 * the collector finds the statement gone. Most applications (an ORM, a mapper) prepare a statement
 * per execution and close it right after; their entries would otherwise outlive each young
 * collection and be copied by it. A statement a driver caches and hands out again is remembered
 * again by its next {@code prepareStatement}.
 */
public final class CloseAdvice {

  private CloseAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void onExit(@Advice.This Object statement) {
    JdbcSpans.closed(statement);
  }
}
