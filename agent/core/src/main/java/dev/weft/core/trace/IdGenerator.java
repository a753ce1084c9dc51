package dev.weft.core.trace;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Random span and trace ids from {@link ThreadLocalRandom}: no lock, no allocation. An id is
 * never all zero, since zero means "invalid" to every tracer. Thread-safe.
 */
public final class IdGenerator {

  private IdGenerator() {}

  /** A random non-zero 64-bit value: a span id, or either half of a trace id. */
  public static long randomNonZero() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long id;
    do {
      id = random.nextLong();
    } while (id == 0L);
    return id;
  }

  /** A random 64-bit value, possibly zero: the high half of a trace id. */
  public static long random() {
    return ThreadLocalRandom.current().nextLong();
  }
}
