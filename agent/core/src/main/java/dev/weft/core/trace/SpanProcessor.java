package dev.weft.core.trace;

/**
 * Receives every sampled span when it ends, and hands it on (to an exporter). Implementations
 * are thread-safe, and {@link #onEnd} is called on application threads: it must never block and
 * never throw.
 */
public interface SpanProcessor {

  void onEnd(SpanData span);

  /**
   * Exports what has been received so far, waiting at most {@code timeoutMillis}.
   *
   * @return whether everything was exported in time
   */
  boolean forceFlush(long timeoutMillis);

  /**
   * Exports what is pending and releases resources, waiting at most {@code timeoutMillis}. Later
   * calls do nothing. Spans ended after shutdown are dropped.
   */
  void shutdown(long timeoutMillis);
}
