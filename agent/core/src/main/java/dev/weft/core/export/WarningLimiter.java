package dev.weft.core.export;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets a warning of one kind (one HTTP status, one exception type) through at most once per
 * interval, so that a backend that rejects every batch gives one line a minute, not one per
 * batch. Counts what it held back so the next line can say so. Thread-safe.
 */
public final class WarningLimiter {

  /** Beyond this many distinct keys the memory is cleared: bounded, at the price of a repeat. */
  private static final int MAX_KEYS = 64;

  private final long intervalNanos;
  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<String, Entry>();

  public WarningLimiter(long intervalNanos) {
    this.intervalNanos = intervalNanos;
  }

  /**
   * Whether a warning for {@code key} may be logged now.
   *
   * @return -1 when it may not; else how many were held back since the last one for this key
   */
  public long tryAcquire(String key, long nowNanos) {
    Entry entry = entries.get(key);
    if (entry == null) {
      if (entries.size() >= MAX_KEYS) {
        entries.clear();
      }
      entry = new Entry();
      Entry raced = entries.putIfAbsent(key, entry);
      if (raced != null) {
        entry = raced;
      }
    }
    synchronized (entry) {
      if (entry.warned && nowNanos - entry.lastNanos < intervalNanos) {
        entry.suppressed++;
        return -1;
      }
      long suppressed = entry.suppressed;
      entry.warned = true;
      entry.lastNanos = nowNanos;
      entry.suppressed = 0;
      return suppressed;
    }
  }

  private static final class Entry {
    boolean warned;
    long lastNanos;
    long suppressed;
  }
}
