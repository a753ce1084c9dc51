package dev.weft.instrumentation.servlet;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.api.Baggage;
import dev.weft.api.Context;
import dev.weft.api.Scope;
import dev.weft.api.Span;
import dev.weft.api.SpanKind;
import dev.weft.api.Tracing;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code AsyncContext.start(Runnable)} with the agent attached, on {@code AsyncContext}
 * implementations the agent wove (test classes that stand for a container's): the task runs in the
 * context current at {@code start}, else in the request's, and its thread gets its own context
 * back afterwards; a facade that delegates to another woven implementation wraps the task twice,
 * and that changes nothing. One subclass per servlet API.
 */
abstract class AsyncContextStartSuite {

  /** The request attribute in which the servlet instrumentation keeps the request's context. */
  static final String CONTEXT_ATTRIBUTE = "dev.weft.servlet.context";

  /** The tasks {@code start} got: as the facade's body saw it, and as the implementation's did. */
  record Started(Runnable atFacade, Runnable atImplementation) {}

  /**
   * Calls {@code start(task)} on a woven implementation, through a woven facade when {@code
   * throughFacade}; the request's {@link #CONTEXT_ATTRIBUTE} is {@code requestContext}, and with
   * {@code getRequestThrows} the implementation's {@code getRequest} throws instead (as after
   * {@code complete()}).
   */
  abstract Started start(
      Runnable task, boolean throughFacade, Object requestContext, boolean getRequestThrows);

  private final Span requestSpan =
      Tracing.tracer("dev.weft.testing").start("request", SpanKind.SERVER, Context.root());
  private final Context requestContext = Context.root().with(requestSpan);

  @AfterEach
  void endSpan() {
    requestSpan.end();
  }

  @Test
  void start_withASpanCurrent_runsTheTaskInThatContext_andRestoresTheThreadsOwn() {
    TaskRun run = new TaskRun();
    Started started;
    try (Scope ignored = requestContext.makeCurrent()) {
      started = start(run, false, null, false);
    }

    assertNotSame(run, started.atImplementation(), "the task was not bound to a context");
    Context other = Context.root().with(newSpan("a pool thread's own"));
    run.on(started.atImplementation(), other);
    assertAll(
        () -> assertSame(requestContext, run.inside.get(), "context inside the task"),
        () -> assertSame(other, run.after.get(), "the thread's own context afterwards"));
  }

  @Test
  void start_throughAFacade_bindsTwice_andTheTaskStillRunsInTheOneContext() {
    TaskRun run = new TaskRun();
    Started started;
    try (Scope ignored = requestContext.makeCurrent()) {
      started = start(run, true, null, false);
    }

    assertAll(
        () -> assertNotSame(run, started.atFacade(), "the facade's start was not woven"),
        () -> assertNotSame(started.atFacade(), started.atImplementation(),
            "the implementation's start was not woven"));
    run.on(started.atImplementation(), Context.root());
    assertAll(
        () -> assertSame(requestContext, run.inside.get(), "context inside the task"),
        () -> assertSame(Context.root(), run.after.get(), "the thread's context afterwards"));
  }

  @Test
  void start_withNothingCurrent_bindsTheTaskToTheRequestsContext() {
    TaskRun run = new TaskRun();

    Started started = start(run, true, requestContext, false);

    run.on(started.atImplementation(), Context.root());
    assertAll(
        () -> assertSame(requestContext, run.inside.get(), "context inside the task"),
        () -> assertSame(Context.root(), run.after.get(), "the thread's context afterwards"));
  }

  @Test
  void start_withAContextWithoutSpanCurrent_prefersTheRequestsContext() {
    TaskRun run = new TaskRun();
    Started started;
    Context baggageOnly = Context.root().with(Baggage.empty().with("tenant", "a", ""));
    try (Scope ignored = baggageOnly.makeCurrent()) {
      started = start(run, false, requestContext, false);
    }

    run.on(started.atImplementation(), Context.root());
    assertSame(requestContext, run.inside.get(), "context inside the task");
  }

  @Test
  void start_withNothingCurrentAndNoRequestContext_leavesTheTaskAlone() {
    TaskRun run = new TaskRun();

    Started started = start(run, true, "not a context", false);

    assertSame(run, started.atImplementation());
  }

  @Test
  void start_whenTheRequestIsGone_leavesTheTaskAlone() {
    TaskRun run = new TaskRun();

    Started started = start(run, false, null, true);

    assertSame(run, started.atImplementation());
  }

  @Test
  void start_withANullTask_passesItOnForTheContainerToReject() {
    Started started;
    try (Scope ignored = requestContext.makeCurrent()) {
      started = start(null, true, null, false);
    }

    assertNull(started.atImplementation());
  }

  private static Span newSpan(String name) {
    return Tracing.tracer("dev.weft.testing").start(name, SpanKind.INTERNAL, Context.root());
  }

  /** A task that notes the context it ran in, and the context its thread had after it. */
  static final class TaskRun implements Runnable {
    final AtomicReference<Context> inside = new AtomicReference<>();
    final AtomicReference<Context> after = new AtomicReference<>();

    @Override
    public void run() {
      inside.set(Context.current());
    }

    /** Runs {@code started} on a new thread that has {@code threadContext} current. */
    void on(Runnable started, Context threadContext) {
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread thread =
          new Thread(
              () -> {
                try (Scope ignored = threadContext.makeCurrent()) {
                  started.run();
                  after.set(Context.current());
                } catch (Throwable t) {
                  failure.set(t);
                }
              },
              "async-start-test");
      thread.start();
      try {
        thread.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
      assertTrue(!thread.isAlive(), "the task did not finish");
      if (failure.get() != null) {
        throw new AssertionError("the task failed", failure.get());
      }
    }
  }
}
