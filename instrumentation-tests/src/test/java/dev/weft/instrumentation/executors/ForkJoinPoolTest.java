package dev.weft.instrumentation.executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ForkJoinPoolTest {

  private final TaskProbe probe = new TaskProbe();
  private final ForkJoinPool pool = new ForkJoinPool(2);

  @AfterEach
  void shutDown() throws InterruptedException {
    probe.end();
    pool.shutdownNow();
    assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
  }

  @Test
  void executeAndSubmit_ofRunnablesAndCallables_runWithTheSubmittersContext() throws Exception {
    CountDownLatch executed = new CountDownLatch(1);
    probe.inRequest(
        () ->
            pool.execute(
                () -> {
                  probe.record("execute");
                  executed.countDown();
                }));
    probe.submitInRequest(() -> pool.submit(probe.task("submit-runnable"))).get(10, TimeUnit.SECONDS);
    assertEquals(
        "submit-callable",
        probe.submitInRequest(() -> pool.submit(probe.callable("submit-callable"))).get());
    assertTrue(executed.await(10, TimeUnit.SECONDS));
    probe.assertChildOfRequest("execute");
    probe.assertChildOfRequest("submit-runnable");
    probe.assertChildOfRequest("submit-callable");
  }

  @Test
  void recursiveTask_forkedSubtasks_allRunWithTheSubmittersContext() {
    int sum = probe.submitInRequest(() -> pool.invoke(new Sum(0, 16)));
    assertEquals(120, sum);
    for (int leaf = 0; leaf < 16; leaf += 2) {
      probe.assertChildOfRequest("sum-" + leaf);
    }
  }

  @Test
  void prebuiltTask_takesTheContextItIsSubmittedIn() throws Exception {
    ForkJoinTask<?> prebuilt = ForkJoinTask.adapt(probe.task("prebuilt"));
    probe.submitInRequest(() -> pool.submit(prebuilt)).get(10, TimeUnit.SECONDS);
    probe.assertChildOfRequest("prebuilt");
  }

  @Test
  void commonPool_andParallelStreams_runWithTheCallersContext() throws Exception {
    probe.submitInRequest(() -> ForkJoinPool.commonPool().submit(probe.task("common"))).get();
    List<Integer> squares =
        probe.submitInRequest(
            () ->
                IntStream.range(0, 8)
                    .parallel()
                    .map(
                        i -> {
                          probe.record("stream-" + i);
                          return i * i;
                        })
                    .boxed()
                    .collect(Collectors.toList()));
    assertEquals(List.of(0, 1, 4, 9, 16, 25, 36, 49), squares);
    probe.assertChildOfRequest("common");
    for (int i = 0; i < 8; i++) {
      probe.assertChildOfRequest("stream-" + i);
    }
  }

  @Test
  void workSubmittedWithoutAContext_runsWithout() throws Exception {
    probe.submitInRequest(() -> pool.submit(probe.task("traced"))).get(10, TimeUnit.SECONDS);
    pool.submit(probe.task("unrelated")).get(10, TimeUnit.SECONDS);
    probe.assertChildOfRequest("traced");
    probe.assertRoot("unrelated");
  }

  /** Sums a range by splitting it in halves down to pairs; each pair records a span. */
  private final class Sum extends RecursiveTask<Integer> {
    private final int from;
    private final int to;

    Sum(int from, int to) {
      this.from = from;
      this.to = to;
    }

    @Override
    protected Integer compute() {
      if (to - from <= 2) {
        probe.record("sum-" + from);
        int sum = 0;
        for (int i = from; i < to; i++) {
          sum += i;
        }
        return sum;
      }
      int middle = (from + to) >>> 1;
      Sum left = new Sum(from, middle);
      Sum right = new Sum(middle, to);
      left.fork();
      return right.compute() + left.join();
    }
  }
}
