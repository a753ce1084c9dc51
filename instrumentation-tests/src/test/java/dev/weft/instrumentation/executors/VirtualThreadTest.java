package dev.weft.instrumentation.executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Virtual threads, JDK 21+: run by the JDK 25 execution of this module (the default execution,
 * on JDK 17, skips them). The tests compile at release 17, so the JDK 21 API is called
 * reflectively.
 */
class VirtualThreadTest {

  private final TaskProbe probe = new TaskProbe();

  @BeforeEach
  void requireVirtualThreads() {
    assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21+");
  }

  @AfterEach
  void endRequest() {
    probe.end();
  }

  @Test
  void ofVirtualStart_runsWithTheStartersContext() throws Exception {
    Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
    Method start = Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class);
    Thread thread =
        probe.submitInRequest(() -> (Thread) invoke(start, builder, probe.task("of-virtual")));
    thread.join(10_000);
    probe.assertChildOfRequest("of-virtual");
  }

  @Test
  void startVirtualThread_runsWithTheStartersContext() throws Exception {
    Method start = Thread.class.getMethod("startVirtualThread", Runnable.class);
    Thread thread =
        probe.submitInRequest(() -> (Thread) invoke(start, null, probe.task("start-virtual")));
    thread.join(10_000);
    probe.assertChildOfRequest("start-virtual");

    Thread unrelated = (Thread) start.invoke(null, probe.task("unrelated"));
    unrelated.join(10_000);
    probe.assertRoot("unrelated");
  }

  @Test
  void virtualThreadPerTaskExecutor_runsEachTaskWithTheSubmittersContext() throws Exception {
    ExecutorService executor =
        (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    try {
      probe.submitInRequest(() -> executor.submit(probe.task("runnable"))).get(10, TimeUnit.SECONDS);
      assertEquals(
          "callable",
          probe.submitInRequest(() -> executor.submit(probe.callable("callable"))).get());
      executor.submit(probe.task("unrelated")).get(10, TimeUnit.SECONDS);
    } finally {
      executor.shutdownNow();
      assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS));
    }
    probe.assertChildOfRequest("runnable");
    probe.assertChildOfRequest("callable");
    probe.assertRoot("unrelated");
  }

  @Test
  void virtualThreadThatParks_keepsItsContext_acrossCarrierThreads() throws Exception {
    Method start = Thread.class.getMethod("startVirtualThread", Runnable.class);
    Thread thread =
        probe.submitInRequest(
            () ->
                (Thread)
                    invoke(
                        start,
                        null,
                        (Runnable)
                            () -> {
                              probe.record("before-park");
                              for (int i = 0; i < 20; i++) {
                                Thread.yield();
                                try {
                                  Thread.sleep(1);
                                } catch (InterruptedException e) {
                                  Thread.currentThread().interrupt();
                                }
                              }
                              probe.record("after-park");
                            }));
    thread.join(10_000);
    probe.assertChildOfRequest("before-park");
    probe.assertChildOfRequest("after-park");
  }

  private static Object invoke(Method method, Object target, Runnable task) {
    try {
      return method.invoke(target, task);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
