package dev.weft.api;

import java.util.concurrent.Callable;

/**
 * What is current for a unit of work: the active span, the baggage, and the values stored under
 * a {@link ContextKey} (the application's own OpenTelemetry context, for one). Immutable and
 * thread-safe; {@code with} returns a new context.
 *
 * <p>Each thread has a current context, the {@linkplain #root() root} unless something made
 * another current with {@link #makeCurrent()}. Instrumentation reads the current context to find
 * the parent of a new span, and carries a context to another thread by capturing it on the
 * submitting thread and making it current on the executing one.
 */
public final class Context {

  private static final Object[] NO_VALUES = new Object[0];
  private static final Context ROOT = new Context(Span.invalid(), Baggage.empty(), NO_VALUES);

  private final Span span;
  private final Baggage baggage;
  // Keys and values alternating. Rarely more than one pair: an array beats a map.
  private final Object[] values;

  private Context(Span span, Baggage baggage, Object[] values) {
    this.span = span;
    this.baggage = baggage;
    this.values = values;
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
    return s == span ? this : new Context(s, baggage, values);
  }

  /** This context with {@code newBaggage} as its baggage. */
  public Context with(Baggage newBaggage) {
    Baggage b = newBaggage == null ? Baggage.empty() : newBaggage;
    return b == baggage ? this : new Context(span, b, values);
  }

  /** The value stored under {@code key}, or null. */
  @SuppressWarnings("unchecked")
  public <T> T get(ContextKey<T> key) {
    for (int i = 0; i < values.length; i += 2) {
      if (values[i] == key) {
        return (T) values[i + 1];
      }
    }
    return null;
  }

  /** This context with {@code value} stored under {@code key}; a null value removes it. */
  public <T> Context with(ContextKey<T> key, T value) {
    for (int i = 0; i < values.length; i += 2) {
      if (values[i] == key) {
        if (values[i + 1] == value) {
          return this;
        }
        if (value == null) {
          Object[] fewer = new Object[values.length - 2];
          System.arraycopy(values, 0, fewer, 0, i);
          System.arraycopy(values, i + 2, fewer, i, values.length - i - 2);
          return new Context(span, baggage, fewer);
        }
        Object[] replaced = values.clone();
        replaced[i + 1] = value;
        return new Context(span, baggage, replaced);
      }
    }
    if (value == null) {
      return this;
    }
    Object[] more = new Object[values.length + 2];
    System.arraycopy(values, 0, more, 0, values.length);
    more[values.length] = key;
    more[values.length + 1] = value;
    return new Context(span, baggage, more);
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
