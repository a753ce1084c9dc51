package dev.weft.api;

import java.util.concurrent.Callable;

/**
 * What is current for a unit of work: the active span and the baggage. Immutable and
 * thread-safe; {@code with} returns a new context.
 *
 * <p>Each thread has a current context, the {@linkplain #root() root} unless something made
 * another current with {@link #makeCurrent()}. Instrumentation reads the current context to find
 * the parent of a new span, and carries a context to another thread by capturing it on the
 * submitting thread and making it current on the executing one.
 */
public final class Context {

  private static final Context ROOT = new Context(Span.invalid(), Baggage.empty());

  private final Span span;
  private final Baggage baggage;

  private Context(Span span, Baggage baggage) {
    this.span = span;
    this.baggage = baggage;
  }

  /** The context with no span and no baggage. */
  public static Context root() {
    return ROOT;
  }

  /** The current context of the calling thread; the root context when none was made current. */
  public static Context current() {
    return ContextStorage.current();
  }

  /** The span of this context; the invalid span when there is none. Never null. */
  public Span span() {
    return span;
  }

  /** The baggage of this context. Never null. */
  public Baggage baggage() {
    return baggage;
  }

  /** This context with {@code newSpan} as its span. */
  public Context with(Span newSpan) {
    Span s = newSpan == null ? Span.invalid() : newSpan;
    return s == span ? this : new Context(s, baggage);
  }

  /** This context with {@code newBaggage} as its baggage. */
  public Context with(Baggage newBaggage) {
    Baggage b = newBaggage == null ? Baggage.empty() : newBaggage;
    return b == baggage ? this : new Context(span, b);
  }

  /**
   * Makes this context the current one of the calling thread until the returned scope is closed.
   * Use with try-with-resources.
   */
  public Scope makeCurrent() {
    return ContextStorage.attach(this);
  }

  /**
   * A runnable that runs {@code task} with this context current and then restores the context
   * its thread had before: how work handed to another thread stays in the trace that handed it
   * over. Wrapping the root context still returns a wrapper, which runs {@code task} with no
   * context current, so a reused thread never lends its own context to it.
   */
  public Runnable wrap(Runnable task) {
    return new ContextualTasks.ContextualRunnable(this, task);
  }

  /** Like {@link #wrap(Runnable)}, for a callable. */
  public <V> Callable<V> wrap(Callable<V> task) {
    return new ContextualTasks.ContextualCallable<V>(this, task);
  }

  @Override
  public String toString() {
    return "Context{span=" + span + ", baggage=" + baggage + '}';
  }
}
