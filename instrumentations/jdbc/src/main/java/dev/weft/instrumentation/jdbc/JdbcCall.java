package dev.weft.instrumentation.jdbc;

import dev.weft.api.Span;

/**
 * One traced statement: its CLIENT span, from the execute's entry advice to its exit advice on
 * the same thread. Immutable.
 */
public final class JdbcCall {

  private final Span span;

  JdbcCall(Span span) {
    this.span = span;
  }

  public Span span() {
    return span;
  }
}
