package dev.weft.instrumentation.executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScheduledExecutorTest {

  private final TaskProbe probe = new TaskProbe();
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);

  @AfterEach
  void shutDown() throws InterruptedException {
    probe.end();
    scheduler.shutdownNow();
    assertTrue(scheduler.awaitTermination(10, TimeUnit.SECONDS));
  }

  @Test
  void schedule_runnableAndCallable_runWithTheSchedulersContext() throws Exception {
    ScheduledFuture<?> runnable =
        probe.submitInRequest(
            () -> scheduler.schedule(probe.task("runnable"), 10, TimeUnit.MILLISECONDS));
    ScheduledFuture<String> callable =
        probe.submitInRequest(
            () -> scheduler.schedule(probe.callable("callable"), 1, TimeUnit.MILLISECONDS));
    runnable.get(10, TimeUnit.SECONDS);
    assertEquals("callable", callable.get(10, TimeUnit.SECONDS));
    probe.assertChildOfRequest("runnable");
    probe.assertChildOfRequest("callable");
  }

  @Test
  void executeAndSubmit_onAScheduler_runWithTheSubmittersContext() throws Exception {
    CountDownLatch executed = new CountDownLatch(1);
    probe.inRequest(
        () ->
            scheduler.execute(
                () -> {
                  probe.record("execute");
                  executed.countDown();
                }));
    probe.submitInRequest(() -> scheduler.submit(probe.task("submit"))).get(10, TimeUnit.SECONDS);
    assertTrue(executed.await(10, TimeUnit.SECONDS));
    probe.assertChildOfRequest("execute");
    probe.assertChildOfRequest("submit");
  }

  @Test
  void periodicTasks_runWithTheSchedulersContext_everyTime() throws Exception {
    AtomicInteger fixedRateRuns = new AtomicInteger();
    AtomicInteger fixedDelayRuns = new AtomicInteger();
    CountDownLatch threeAtFixedRate = new CountDownLatch(3);
    CountDownLatch threeWithFixedDelay = new CountDownLatch(3);
    ScheduledFuture<?> fixedRate =
        probe.submitInRequest(
            () ->
                scheduler.scheduleAtFixedRate(
                    () -> {
                      probe.record("rate-" + fixedRateRuns.incrementAndGet());
                      threeAtFixedRate.countDown();
                    },
                    0,
                    5,
                    TimeUnit.MILLISECONDS));
    ScheduledFuture<?> fixedDelay =
        probe.submitInRequest(
            () ->
                scheduler.scheduleWithFixedDelay(
                    () -> {
                      probe.record("delay-" + fixedDelayRuns.incrementAndGet());
                      threeWithFixedDelay.countDown();
                    },
                    0,
                    5,
                    TimeUnit.MILLISECONDS));
    assertTrue(threeAtFixedRate.await(10, TimeUnit.SECONDS));
    assertTrue(threeWithFixedDelay.await(10, TimeUnit.SECONDS));
    fixedRate.cancel(false);
    fixedDelay.cancel(false);
    for (int run = 1; run <= 3; run++) {
      probe.assertChildOfRequest("rate-" + run);
      probe.assertChildOfRequest("delay-" + run);
    }

    scheduler.schedule(probe.task("unrelated"), 0, TimeUnit.MILLISECONDS).get(10, TimeUnit.SECONDS);
    probe.assertRoot("unrelated");
  }
}
