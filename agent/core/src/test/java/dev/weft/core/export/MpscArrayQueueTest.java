package dev.weft.core.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class MpscArrayQueueTest {

  @Test
  void poll_returnsElementsInOfferOrder() {
    MpscArrayQueue<String> queue = new MpscArrayQueue<String>(4);
    assertTrue(queue.offer("a"));
    assertTrue(queue.offer("b"));
    assertTrue(queue.offer("c"));

    assertEquals("a", queue.poll());
    assertEquals("b", queue.poll());
    assertEquals("c", queue.poll());
    assertNull(queue.poll());
  }

  @Test
  void offer_whenFull_refusesWithoutBlocking() {
    MpscArrayQueue<String> queue = new MpscArrayQueue<String>(3);
    assertTrue(queue.offer("a"));
    assertTrue(queue.offer("b"));
    assertTrue(queue.offer("c"));

    assertFalse(queue.offer("d"));
    assertEquals(3, queue.size());
    assertEquals("a", queue.poll());
    assertTrue(queue.offer("d"), "a freed slot is usable again");
  }

  @Test
  void offerAndPoll_manyLapsAroundACapacityThatIsNoPowerOfTwo() {
    MpscArrayQueue<Integer> queue = new MpscArrayQueue<Integer>(5);
    int next = 0;
    int expected = 0;
    for (int round = 0; round < 1000; round++) {
      int toOffer = round % 6;
      for (int i = 0; i < toOffer; i++) {
        if (queue.offer(next)) {
          next++;
        }
      }
      int toPoll = (round * 7) % 5;
      for (int i = 0; i < toPoll; i++) {
        Integer value = queue.poll();
        if (value != null) {
          assertEquals(expected++, value.intValue());
        }
      }
      assertTrue(queue.size() <= 5);
    }
    Integer value;
    while ((value = queue.poll()) != null) {
      assertEquals(expected++, value.intValue());
    }
    assertEquals(next, expected);
    assertTrue(queue.isEmpty());
  }

  @Test
  void constructor_refusesCapacityBelowOne() {
    assertThrows(IllegalArgumentException.class, () -> new MpscArrayQueue<String>(0));
  }

  @Test
  void offer_refusesNull() {
    assertThrows(NullPointerException.class, () -> new MpscArrayQueue<String>(1).offer(null));
  }

  @Test
  @Timeout(60)
  void concurrentProducers_noElementIsLostOrDuplicated() throws Exception {
    final int producers = 4;
    final int perProducer = 200_000;
    // Small, so producers keep running into a full queue while the consumer drains it.
    final MpscArrayQueue<Integer> queue = new MpscArrayQueue<Integer>(100);
    final CountDownLatch start = new CountDownLatch(1);
    final AtomicReference<Throwable> failure = new AtomicReference<Throwable>();
    List<Thread> threads = new ArrayList<Thread>();
    for (int p = 0; p < producers; p++) {
      final int producer = p;
      Thread thread =
          new Thread(
              () -> {
                try {
                  start.await();
                  for (int i = 0; i < perProducer; i++) {
                    Integer value = producer * perProducer + i;
                    while (!queue.offer(value)) {
                      Thread.yield();
                    }
                  }
                } catch (Throwable t) {
                  failure.set(t);
                }
              });
      thread.start();
      threads.add(thread);
    }

    int total = producers * perProducer;
    int[] seen = new int[total];
    int[] lastPerProducer = new int[producers];
    java.util.Arrays.fill(lastPerProducer, -1);
    start.countDown();
    int received = 0;
    while (received < total) {
      Integer value = queue.poll();
      if (value == null) {
        if (failure.get() != null) {
          throw new AssertionError(failure.get());
        }
        Thread.yield();
        continue;
      }
      seen[value]++;
      int producer = value / perProducer;
      int index = value % perProducer;
      // Each producer's elements come out in the order it offered them.
      assertTrue(index > lastPerProducer[producer], "out of order: " + value);
      lastPerProducer[producer] = index;
      received++;
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertNull(queue.poll(), "nothing beyond what was offered");
    for (int i = 0; i < total; i++) {
      assertEquals(1, seen[i], "element " + i + " seen " + seen[i] + " times");
    }
  }
}
