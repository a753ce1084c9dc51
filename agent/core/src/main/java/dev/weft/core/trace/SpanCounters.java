package dev.weft.core.trace;

import java.util.concurrent.atomic.LongAdder;

/**
 * How many recording spans one tracer started and ended, for the agent's own summary at
 * shutdown (what happened to them after they ended is counted by the span processors). Counting
 * costs an uncontended {@link LongAdder} increment per span start and end. Thread-safe.
 */
public final class SpanCounters {

  private final LongAdder started = new LongAdder();
  private final LongAdder ended = new LongAdder();

  void onStart() {
    started.increment();
  }

  void onEnd() {
    ended.increment();
  }

  public long started() {
    return started.sum();
  }

  public long ended() {
    return ended.sum();
  }
}
