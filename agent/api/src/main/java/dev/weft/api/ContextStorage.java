package dev.weft.api;

/**
 * The current context of each thread, in a {@link ThreadLocal}.
 *
 * <p>A thread that never had a context made current holds nothing: reading it yields the root
 * context, and closing the last scope clears the slot again instead of storing the root, so an
 * idle pool thread keeps no reference to any context.
 *
 * <p>With {@code -Dweft.context.strict=true} (used by the test suites) closing a scope that is
 * not the innermost open one on its thread throws, so that a leaked or crossed scope fails a
 * test instead of corrupting a trace silently. Otherwise such a close is ignored, as it must be
 * in production where it would be a bug of the instrumentation, not of the application.
 */
final class ContextStorage {

  private static final ThreadLocal<Context> CURRENT = new ThreadLocal<Context>();

  private static final boolean STRICT = Boolean.getBoolean("weft.context.strict");

  private ContextStorage() {}

  static Context current() {
    Context context = CURRENT.get();
    return context == null ? Context.root() : context;
  }

  static Scope attach(Context toAttach) {
    Context previous = CURRENT.get();
    Context beforeAttach = previous == null ? Context.root() : previous;
    if (beforeAttach == toAttach) {
      return Scope.NOOP;
    }
    CURRENT.set(toAttach == Context.root() ? null : toAttach);
    return new ThreadScope(previous, toAttach);
  }

  /** Restores one thread's previous context. Used only by the thread that created it. */
  private static final class ThreadScope implements Scope {
    private final Context previous;
    private final Context attached;
    private boolean closed;

    ThreadScope(Context previous, Context attached) {
      this.previous = previous;
      this.attached = attached;
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      Context current = current();
      if (current != attached) {
        if (STRICT) {
          throw new IllegalStateException(
              "Scope closed out of order on thread "
                  + Thread.currentThread().getName()
                  + ": current context is "
                  + current
                  + " but this scope attached "
                  + attached);
        }
        return;
      }
      closed = true;
      CURRENT.set(previous);
    }
  }
}
