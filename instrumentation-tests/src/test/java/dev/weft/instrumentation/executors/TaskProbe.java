package dev.weft.instrumentation.executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.weft.api.Context;
import dev.weft.api.Scope;
import dev.weft.api.Span;
import dev.weft.api.SpanKind;
import dev.weft.api.Tracer;
import dev.weft.api.Tracing;
import dev.weft.core.trace.SpanData;
import dev.weft.testing.AgentSpans;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * What a test submits and then asserts on: a request span made current around the submission,
 * and tasks that record the context they ran with and start a span of their own, whose parent
 * the test then reads from the exported spans.
 */
final class TaskProbe {

  private static final Tracer TRACER = Tracing.tracer("dev.weft.test.executors");
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private final String prefix = "task-" + SEQUENCE.incrementAndGet() + "-";
  private final Span request = TRACER.start("request", SpanKind.SERVER, Context.root());
  private final Context requestContext = Context.root().with(request);
  private final Map<String, Context> seen = new ConcurrentHashMap<>();
  private final Map<String, String> threads = new ConcurrentHashMap<>();

  /** Runs {@code submission} with the request's context current, and returns what it returned. */
  <T> T submitInRequest(Supplier<T> submission) {
    try (Scope ignored = requestContext.makeCurrent()) {
      return submission.get();
    }
  }

  /** Runs {@code submission} with the request's context current. */
  void inRequest(Runnable submission) {
    try (Scope ignored = requestContext.makeCurrent()) {
      submission.run();
    }
  }

  /** A task that records its context and starts and ends a span named after it. */
  Runnable task(String name) {
    return () -> record(name);
  }

  /** A callable version of {@link #task}, returning {@code name}. */
  Callable<String> callable(String name) {
    return () -> {
      record(name);
      return name;
    };
  }

  /** Records, on the current thread, that the task {@code name} ran, and starts its span. */
  void record(String name) {
    Context current = Context.current();
    seen.put(name, current);
    threads.put(name, Thread.currentThread().getName());
    TRACER.start(prefix + name, SpanKind.INTERNAL, current).end();
  }

  /** The task ran with the request's context, and its span is the request span's child. */
  void assertChildOfRequest(String name) {
    SpanData span = exported(name);
    assertEquals(
        request.spanContext().spanIdHex(),
        span.parentSpanContext().spanIdHex(),
        name + " (on " + threads.get(name) + ") has the request span as parent");
    assertEquals(request.spanContext().traceIdHex(), span.spanContext().traceIdHex(), name);
    assertSame(requestContext, seen.get(name), name + " ran with the request's context");
  }

  /** The task ran with no context: its span is a root. */
  void assertRoot(String name) {
    SpanData span = exported(name);
    assertEquals(
        false,
        span.parentSpanContext().isValid(),
        name + " (on " + threads.get(name) + ") has no parent, but " + span.parentSpanContext());
    assertSame(Context.root(), seen.get(name), name + " ran with no context");
  }

  /** The task's span is the child of the span of the task {@code parentName}. */
  void assertChildOf(String name, String parentName) {
    SpanData parent = exported(parentName);
    SpanData span = exported(name);
    assertEquals(
        parent.spanContext().spanIdHex(), span.parentSpanContext().spanIdHex(), name + " parent");
  }

  Context requestContext() {
    return requestContext;
  }

  /** Ends the request span (not needed for the assertions, which read the tasks' spans). */
  void end() {
    request.end();
  }

  private SpanData exported(String name) {
    List<SpanData> spans = AgentSpans.await(s -> s.name().equals(prefix + name), 1);
    assertEquals(1, spans.size(), "spans named " + prefix + name);
    SpanData span = spans.get(0);
    assertNotNull(span);
    return span;
  }
}
