package dev.weft.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ContextTest {

  private static final SpanContext REMOTE =
      SpanContext.createFromRemote(
          0x4bf92f3577b34da6L, 0xa3ce929d0e0e4736L, 0x00f067aa0ba902b7L, SpanContext.FLAG_SAMPLED, "");

  @Test
  void current_withoutAnything_isRoot() {
    assertSame(Context.root(), Context.current());
    assertFalse(Context.current().span().spanContext().isValid());
  }

  @Test
  void makeCurrent_thenClose_restoresPrevious() {
    Context outer = Context.root().with(Span.wrap(REMOTE));
    Context inner = outer.with(Baggage.empty().with("tenant", "acme", null));
    try (Scope ignored = outer.makeCurrent()) {
      assertSame(outer, Context.current());
      try (Scope alsoIgnored = inner.makeCurrent()) {
        assertSame(inner, Context.current());
        assertEquals("acme", Context.current().baggage().get("tenant"));
      }
      assertSame(outer, Context.current());
    }
    assertSame(Context.root(), Context.current());
  }

  @Test
  void close_twice_restoresOnce() {
    Context context = Context.root().with(Span.wrap(REMOTE));
    Scope scope = context.makeCurrent();
    scope.close();
    Context other = Context.root().with(Baggage.empty().with("k", "v", null));
    try (Scope ignored = other.makeCurrent()) {
      scope.close();
      assertSame(other, Context.current());
    }
  }

  @Test
  void close_outOfOrder_failsInStrictMode() {
    // The test suite runs with -Dweft.context.strict=true (see the pom).
    Context first = Context.root().with(Span.wrap(REMOTE));
    Context second = first.with(Baggage.empty().with("k", "v", null));
    Scope firstScope = first.makeCurrent();
    Scope secondScope = second.makeCurrent();
    boolean threw = false;
    try {
      firstScope.close();
    } catch (IllegalStateException expected) {
      threw = true;
    }
    secondScope.close();
    firstScope.close();
    assertTrue(threw);
    assertSame(Context.root(), Context.current());
  }

  @Test
  void makeCurrent_ofCurrent_isNoop() {
    assertSame(Scope.NOOP, Context.root().makeCurrent());
  }

  @Test
  void spanContext_hex_isLowercaseAndPadded() {
    SpanContext context = SpanContext.create(0L, 1L, 0xabL, (byte) 0, null);
    assertEquals("00000000000000000000000000000001", context.traceIdHex());
    assertEquals("00000000000000ab", context.spanIdHex());
    assertTrue(context.isValid());
    assertFalse(SpanContext.create(0L, 0L, 1L, (byte) 0, "").isValid());
    assertFalse(SpanContext.create(0L, 1L, 0L, (byte) 0, "").isValid());
  }

  @Test
  void noopTracing_continuesParentContextWithoutRecording() {
    Context parent = Context.root().with(Span.wrap(REMOTE));
    Span span = Tracing.tracer("test").start("op", SpanKind.INTERNAL, parent);
    assertFalse(span.isRecording());
    assertEquals(REMOTE, span.spanContext());
  }

  @Test
  void wrap_runsTheTaskWithTheContext_andRestoresTheThreadsOwn() throws Exception {
    Context captured = Context.root().with(Span.wrap(REMOTE));
    Context threadsOwn = Context.root().with(Baggage.empty().with("k", "v", null));
    Context[] seen = new Context[2];
    Runnable runnable =
        captured.wrap(
            (Runnable)
                () -> {
                  seen[0] = Context.current();
                });
    java.util.concurrent.Callable<String> callable =
        captured.wrap(
            () -> {
              seen[1] = Context.current();
              return "result";
            });
    try (Scope ignored = threadsOwn.makeCurrent()) {
      runnable.run();
      assertEquals("result", callable.call());
      assertSame(threadsOwn, Context.current());
    }
    assertSame(captured, seen[0]);
    assertSame(captured, seen[1]);
  }

  @Test
  void wrap_ofRoot_hidesTheThreadsContext_andKeepsTheTasksToString() {
    Context[] seen = new Context[1];
    Runnable task =
        new Runnable() {
          @Override
          public void run() {
            seen[0] = Context.current();
          }

          @Override
          public String toString() {
            return "the task";
          }
        };
    Runnable wrapped = Context.root().wrap(task);
    try (Scope ignored = Context.root().with(Span.wrap(REMOTE)).makeCurrent()) {
      wrapped.run();
    }
    assertSame(Context.root(), seen[0]);
    assertEquals("the task", wrapped.toString());
  }

  @Test
  void wrap_restoresTheContext_whenTheTaskThrows() {
    Runnable failing =
        Context.root()
            .with(Span.wrap(REMOTE))
            .wrap(
                (Runnable)
                    () -> {
                      throw new IllegalStateException("boom");
                    });
    try {
      failing.run();
    } catch (IllegalStateException expected) {
      assertEquals("boom", expected.getMessage());
    }
    assertSame(Context.root(), Context.current());
  }

  @Test
  void aValueStoredUnderAKey_travelsWithTheContext_andOnlyThatKeyReadsIt() {
    ContextKey<String> tenant = ContextKey.named("tenant");
    ContextKey<String> sameName = ContextKey.named("tenant");
    Context withValue = Context.root().with(tenant, "acme");
    Context withSpan = withValue.with(Span.wrap(REMOTE)).with(Baggage.empty().with("k", "v", null));

    assertEquals("acme", withSpan.get(tenant));
    assertNull(withSpan.get(sameName), "keys compare by identity");
    assertNull(Context.root().get(tenant));
    assertSame(withValue, withValue.with(tenant, "acme"));
    assertEquals("other", withValue.with(tenant, "other").get(tenant));
    assertNull(withSpan.with(tenant, null).get(tenant));
    assertEquals(REMOTE, withSpan.with(tenant, null).span().spanContext());
  }
}
