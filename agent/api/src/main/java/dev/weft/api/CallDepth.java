package dev.weft.api;

/**
 * How deep the current thread is inside calls of one kind (outgoing HTTP calls, say), so that when
 * one instrumented library sits on another (a REST client on an HTTP client on {@code
 * HttpURLConnection}) only the outermost call creates a span.
 *
 * <p>Every entry must be paired with an exit on the same thread, also when the call throws:
 * advice increments on enter and decrements on exit unconditionally. Instances are shared
 * constants of the instrumentation that owns the kind; each thread has its own depth.
 */
public final class CallDepth {

  private final ThreadLocal<int[]> depth = new ThreadLocal<int[]>();

  /** Entering a call: returns the depth before it, so 0 means "outermost". */
  public int enter() {
    int[] counter = depth.get();
    if (counter == null) {
      counter = new int[1];
      depth.set(counter);
    }
    return counter[0]++;
  }

  /** Leaving a call entered with {@link #enter()}: returns the depth after it. */
  public int exit() {
    int[] counter = depth.get();
    if (counter == null || counter[0] == 0) {
      return 0;
    }
    return --counter[0];
  }
}
