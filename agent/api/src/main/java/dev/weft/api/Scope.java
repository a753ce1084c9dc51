package dev.weft.api;

/**
 * The period during which a {@link Context} is the current context of a thread. Closing the
 * scope restores the context that was current before it was opened.
 *
 * <p>A scope must be closed exactly once, on the thread that opened it, in the reverse order of
 * opening (try-with-resources does this). Closing it again does nothing.
 */
public interface Scope extends AutoCloseable {

  /** A scope that restores nothing, for when nothing was made current. */
  Scope NOOP = new Scope() {
    @Override
    public void close() {}
  };

  /** Restores the context that was current when this scope was opened. Never throws. */
  @Override
  void close();
}
