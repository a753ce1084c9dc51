package dev.weft.core.export;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A bounded, lock-free queue for many producer threads and one consumer thread, built on a
 * fixed array whose slots carry sequence numbers (Dmitry Vyukov's bounded queue, reduced to a
 * single consumer).
 *
 * <p>Why not {@code ArrayBlockingQueue}: its {@code offer} takes a lock that every application
 * thread ending a span would contend on. Why not {@code ConcurrentLinkedQueue}: it allocates a
 * node per element and is unbounded. Here {@link #offer} is one CAS on the producer index in the
 * common case, allocates nothing, never blocks, and fails at once when the queue is full.
 *
 * <p>How it works: slot {@code i} holds a sequence number. A producer at position {@code p} may
 * fill slot {@code p % capacity} when the slot's sequence equals {@code p} (the slot is free for
 * this lap); it claims the position with a CAS on the producer index, writes the element, then
 * publishes the slot by setting its sequence to {@code p + 1}. The consumer at position {@code c}
 * may take the slot when its sequence equals {@code c + 1}, and frees it for the next lap by
 * setting the sequence to {@code c + capacity}. The volatile write and read of the sequence order
 * the plain element write before the element read, so the element array needs no atomics.
 *
 * <p>Thread-safety: {@link #offer} from any number of threads; {@link #poll} from one thread at
 * a time only (the span processor's worker). {@link #size} from any thread, approximate while
 * others change the queue. A producer that has claimed a slot but not yet published it makes the
 * consumer see the queue as empty at that slot until it does: elements are taken in the order of
 * their claimed positions. Null elements are not allowed.
 */
final class MpscArrayQueue<E> {

  private final int capacity;
  private final Object[] elements;
  private final AtomicLongArray sequences;

  /** The next position a producer will claim. */
  private final AtomicLong producerIndex = new AtomicLong();

  /**
   * The next position the consumer will take. Written only by the consumer; an {@link
   * AtomicLong} so that producers read a recent value in {@link #size}.
   */
  private final AtomicLong consumerIndex = new AtomicLong();

  MpscArrayQueue(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
    }
    this.capacity = capacity;
    this.elements = new Object[capacity];
    this.sequences = new AtomicLongArray(capacity);
    for (int i = 0; i < capacity; i++) {
      sequences.set(i, i);
    }
  }

  int capacity() {
    return capacity;
  }

  /**
   * Adds {@code element} at the tail unless the queue is full.
   *
   * @return whether it was added
   */
  boolean offer(E element) {
    if (element == null) {
      throw new NullPointerException("element");
    }
    long position = producerIndex.get();
    while (true) {
      int slot = (int) (position % capacity);
      long difference = sequences.get(slot) - position;
      if (difference == 0) {
        if (producerIndex.compareAndSet(position, position + 1)) {
          elements[slot] = element;
          sequences.set(slot, position + 1);
          return true;
        }
        // Another producer claimed this position first: try the one after it.
        position = producerIndex.get();
      } else if (difference < 0) {
        // The slot still holds the element of the previous lap: the queue is full.
        return false;
      } else {
        // Another producer already moved past this position; catch up.
        position = producerIndex.get();
      }
    }
  }

  /** Removes and returns the head, or null when the queue is empty. Consumer thread only. */
  @SuppressWarnings("unchecked")
  E poll() {
    long position = consumerIndex.get();
    int slot = (int) (position % capacity);
    if (sequences.get(slot) != position + 1) {
      return null;
    }
    E element = (E) elements[slot];
    elements[slot] = null;
    sequences.set(slot, position + capacity);
    consumerIndex.lazySet(position + 1);
    return element;
  }

  /** The number of elements claimed and not yet taken; approximate under concurrent change. */
  int size() {
    long size = producerIndex.get() - consumerIndex.get();
    if (size < 0) {
      return 0;
    }
    return size > capacity ? capacity : (int) size;
  }

  boolean isEmpty() {
    return size() == 0;
  }
}
