package dev.weft.instrumentation.executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.weft.api.Context;
import dev.weft.api.Scope;
import dev.weft.api.Span;
import dev.weft.api.SpanKind;
import dev.weft.api.Tracing;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * A context attached to a task is held only as long as the task: tasks that run give it back,
 * and tasks that never run (cancelled and removed from their queue) let it be collected with
 * them.
 */
class ContextLeakTest {

  private static final int TASKS = 1_000_000;

  @Test
  void aMillionTasks_halfNeverRun_leaveTheHeapAsItWas() throws Exception {
    ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    scheduler.setRemoveOnCancelPolicy(true);
    AtomicInteger ran = new AtomicInteger();
    Span request = Tracing.tracer("dev.weft.test.leak").start("request", SpanKind.SERVER, Context.root());
    long before = usedHeapAfterGc();
    int attachedBefore = TaskContexts.attachedCount();
    try {
      try (Scope ignored = Context.root().with(request).makeCurrent()) {
        for (int i = 0; i < TASKS; i++) {
          if ((i & 1) == 0) {
            scheduler.execute(ran::incrementAndGet);
          } else {
            scheduler.schedule(ran::incrementAndGet, 1, TimeUnit.HOURS).cancel(false);
          }
        }
      }
      Context requestContext = Context.root().with(request);
      try (Scope ignored = requestContext.makeCurrent()) {
        assertSame(
            requestContext,
            scheduler.submit(Context::current).get(60, TimeUnit.SECONDS),
            "the tasks ran with the submitter's context");
      }
      awaitTrue(() -> ran.get() == TASKS / 2, "the half that was not cancelled ran");
    } finally {
      request.end();
      scheduler.shutdownNow();
    }
    awaitTrue(
        () -> {
          System.gc();
          return TaskContexts.attachedCount() <= attachedBefore;
        },
        "no task of this test keeps a context");
    long grown = usedHeapAfterGc() - before;
    assertTrue(
        grown < 16L << 20,
        "after " + TASKS + " tasks the heap grew by " + (grown >> 10) + " KiB");
    assertEquals(TASKS / 2, ran.get(), "cancelled tasks never ran");
  }

  @Test
  void aContextAttachedOnlyToTasksThatNeverRun_isCollected() {
    ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    scheduler.setRemoveOnCancelPolicy(true);
    try {
      WeakReference<Context> attached = scheduleAndCancelInAFreshContext(scheduler);
      awaitTrue(
          () -> {
            System.gc();
            // The entries of collected tasks go at the next attachment or count.
            TaskContexts.attachedCount();
            return attached.get() == null;
          },
          "the context of the cancelled tasks is collected");
    } finally {
      scheduler.shutdownNow();
    }
  }

  private static WeakReference<Context> scheduleAndCancelInAFreshContext(
      ScheduledThreadPoolExecutor scheduler) {
    Span span = Tracing.tracer("dev.weft.test.leak").start("doomed", SpanKind.SERVER, Context.root());
    Context context = Context.root().with(span);
    try (Scope ignored = context.makeCurrent()) {
      for (int i = 0; i < 1000; i++) {
        scheduler.schedule(() -> fail("a cancelled task ran"), 1, TimeUnit.HOURS).cancel(false);
      }
    }
    span.end();
    return new WeakReference<>(context);
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static void awaitTrue(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("not within 60 s: " + what);
      }
      Thread.onSpinWait();
    }
  }
}
