package dev.weft.instrumentation.executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.api.Context;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ThreadPoolExecutorTest {

  private final TaskProbe probe = new TaskProbe();
  private final ExecutorService pool = Executors.newFixedThreadPool(2);

  @AfterEach
  void shutDown() throws InterruptedException {
    probe.end();
    pool.shutdownNow();
    assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
  }

  @Test
  void execute_lambda_runsWithTheSubmittersContext() throws Exception {
    CountDownLatch done = new CountDownLatch(1);
    probe.inRequest(
        () ->
            pool.execute(
                () -> {
                  probe.record("lambda");
                  done.countDown();
                }));
    assertTrue(done.await(10, TimeUnit.SECONDS));
    probe.assertChildOfRequest("lambda");
  }

  @Test
  void execute_methodReference_runsWithTheSubmittersContext() throws Exception {
    Future<?> future = probe.submitInRequest(() -> pool.submit(this::recordMethodReference));
    future.get(10, TimeUnit.SECONDS);
    probe.assertChildOfRequest("method-reference");
  }

  @Test
  void submit_runnableAndCallable_runWithTheSubmittersContext() throws Exception {
    Future<?> runnable = probe.submitInRequest(() -> pool.submit(probe.task("runnable")));
    Future<String> callable = probe.submitInRequest(() -> pool.submit(probe.callable("callable")));
    runnable.get(10, TimeUnit.SECONDS);
    assertEquals("callable", callable.get(10, TimeUnit.SECONDS));
    probe.assertChildOfRequest("runnable");
    probe.assertChildOfRequest("callable");
  }

  @Test
  void invokeAllAndInvokeAny_runWithTheSubmittersContext() throws Exception {
    List<Future<String>> all =
        probe.submitInRequest(
            () -> {
              try {
                return pool.invokeAll(
                    Arrays.asList(probe.callable("all-1"), probe.callable("all-2")));
              } catch (InterruptedException e) {
                throw new AssertionError(e);
              }
            });
    for (Future<String> future : all) {
      future.get();
    }
    String any =
        probe.submitInRequest(
            () -> {
              try {
                return pool.invokeAny(Arrays.asList(probe.callable("any")));
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            });
    assertEquals("any", any);
    probe.assertChildOfRequest("all-1");
    probe.assertChildOfRequest("all-2");
    probe.assertChildOfRequest("any");
  }

  @Test
  void nestedSubmission_fromAPoolThread_staysInTheTrace() throws Exception {
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      Future<?> outer =
          probe.submitInRequest(
              () ->
                  pool.submit(
                      () -> {
                        probe.record("outer");
                        try {
                          other.submit(probe.task("inner")).get(10, TimeUnit.SECONDS);
                        } catch (Exception e) {
                          throw new AssertionError(e);
                        }
                      }));
      outer.get(10, TimeUnit.SECONDS);
    } finally {
      other.shutdownNow();
    }
    probe.assertChildOfRequest("outer");
    probe.assertChildOfRequest("inner");
  }

  @Test
  void poolThread_afterTracedTasks_runsTheNextUnrelatedTaskWithNoContext() throws Exception {
    ExecutorService single = Executors.newSingleThreadExecutor();
    try {
      probe.submitInRequest(() -> single.submit(probe.task("traced"))).get(10, TimeUnit.SECONDS);
      Future<?> failing =
          probe.submitInRequest(
              () ->
                  single.submit(
                      () -> {
                        throw new IllegalStateException("a failing traced task");
                      }));
      assertThrows(ExecutionException.class, () -> failing.get(10, TimeUnit.SECONDS));
      single.submit(probe.task("unrelated")).get(10, TimeUnit.SECONDS);
    } finally {
      single.shutdownNow();
    }
    probe.assertChildOfRequest("traced");
    probe.assertRoot("unrelated");
  }

  @Test
  void submittingWithoutAContext_runsWithout() throws Exception {
    pool.submit(probe.task("no-context")).get(10, TimeUnit.SECONDS);
    probe.assertRoot("no-context");
  }

  @Test
  void poolObservers_seeTheApplicationsOwnTaskObjects() throws Exception {
    List<Runnable> seenBefore = new ArrayList<>();
    List<Runnable> seenAfter = new ArrayList<>();
    CountDownLatch ran = new CountDownLatch(1);
    ThreadPoolExecutor observed =
        new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>()) {
          @Override
          protected void beforeExecute(Thread t, Runnable r) {
            seenBefore.add(r);
          }

          @Override
          protected void afterExecute(Runnable r, Throwable t) {
            seenAfter.add(r);
            ran.countDown();
          }
        };
    try {
      Future<?> future = probe.submitInRequest(() -> observed.submit(probe.task("observed")));
      assertTrue(ran.await(10, TimeUnit.SECONDS));
      assertSame(future, seenBefore.get(0), "beforeExecute gets the FutureTask submit returned");
      assertSame(future, seenAfter.get(0), "afterExecute gets the FutureTask submit returned");
      probe.assertChildOfRequest("observed");

      CountDownLatch blocker = new CountDownLatch(1);
      CountDownLatch blocking = new CountDownLatch(1);
      observed.execute(
          () -> {
            blocking.countDown();
            try {
              blocker.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
      assertTrue(blocking.await(10, TimeUnit.SECONDS));
      Runnable queued = probe.task("never-run");
      probe.inRequest(() -> observed.execute(queued));
      BlockingQueue<Runnable> queue = observed.getQueue();
      assertTrue(queue.contains(queued), "the queue holds the application's runnable");
      List<Runnable> dropped = observed.shutdownNow();
      assertEquals(List.of(queued), dropped, "shutdownNow returns the application's runnable");
    } finally {
      observed.shutdownNow();
    }
  }

  @Test
  void priorityQueue_ofComparableTasks_stillOrdersThem_andPropagates() throws Exception {
    List<Integer> order = new ArrayList<>();
    CountDownLatch blocker = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(3);
    ThreadPoolExecutor prioritized =
        new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new PriorityBlockingQueue<>());
    try {
      prioritized.execute(new PrioritizedTask(0, blocker::await));
      probe.inRequest(
          () -> {
            for (int priority : new int[] {3, 1, 2}) {
              prioritized.execute(
                  new PrioritizedTask(
                      priority,
                      () -> {
                        order.add(priority);
                        probe.record("priority-" + priority);
                        done.countDown();
                      }));
            }
          });
      blocker.countDown();
      assertTrue(done.await(10, TimeUnit.SECONDS));
    } finally {
      prioritized.shutdownNow();
    }
    assertEquals(List.of(1, 2, 3), order, "the queue compared the application's tasks");
    probe.assertChildOfRequest("priority-1");
    probe.assertChildOfRequest("priority-3");
  }

  @Test
  void aFutureTaskRunByTheApplication_runsWithTheCallersContext() throws Exception {
    FutureTask<String> task = new FutureTask<>(probe.callable("inline"));
    probe.inRequest(task);
    assertEquals("inline", task.get());
    probe.assertChildOfRequest("inline");
    assertSame(Context.root(), Context.current());
  }

  private void recordMethodReference() {
    probe.record("method-reference");
  }

  /** A task ordered by its priority, as an application's priority queue would order it. */
  private static final class PrioritizedTask implements Runnable, Comparable<PrioritizedTask> {
    private final int priority;
    private final Body body;

    PrioritizedTask(int priority, Body body) {
      this.priority = priority;
      this.body = body;
    }

    @Override
    public void run() {
      try {
        body.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public int compareTo(PrioritizedTask other) {
      return Integer.compare(priority, other.priority);
    }

    interface Body {
      void run() throws InterruptedException;
    }
  }
}
