package dev.weft.instrumentation.annotations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.example.shop.Inventory;
import com.example.shop.LegacyInventory;
import dev.weft.api.Context;
import dev.weft.api.Scope;
import dev.weft.api.Span;
import dev.weft.api.SpanContext;
import dev.weft.api.SpanKind;
import dev.weft.api.StatusCode;
import dev.weft.api.Tracer;
import dev.weft.api.Tracing;
import dev.weft.core.trace.Attributes;
import dev.weft.core.trace.SpanData;
import dev.weft.testing.AgentSpans;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Methods annotated with {@code @WithSpan}, woven by the agent attached to the test JVM. The
 * annotated class is outside {@code dev.weft}, whose classes the agent never weaves.
 */
class WithSpanTest {

  private static final Tracer TRACER = Tracing.tracer("dev.weft.test.annotations");

  private final Inventory inventory = new Inventory();

  @BeforeEach
  void reset() {
    AgentSpans.reset();
  }

  @Test
  void aCall_isASpanNamedAfterClassAndMethod_childOfTheCurrentSpan_andParentOfSpansInside() {
    Span request = TRACER.start("request", SpanKind.SERVER, Context.root());
    SpanContext inside;
    try (Scope ignored = Context.root().with(request).makeCurrent()) {
      inside = inventory.check();
    } finally {
      request.end();
    }
    SpanData span = only("Inventory.check");
    assertEquals(SpanKind.INTERNAL, span.kind());
    assertEquals(request.spanContext(), span.parentSpanContext());
    assertEquals(span.spanContext(), inside, "the method's span is current inside it");
    assertSame(SpanContext.INVALID, Context.current().span().spanContext());
  }

  @Test
  void theAnnotationsNameAndKind_areUsed_andTheAttributesComeFromTheParameters() {
    assertEquals("reserved 3", inventory.reserve("sku-1", 3, true, 2.5, "not an attribute"));
    SpanData span = only("reserve stock");
    assertEquals(SpanKind.CLIENT, span.kind());
    Attributes attributes = span.attributes();
    assertEquals("sku-1", attributes.stringValue(attributes.indexOf("item.sku")));
    assertEquals(3L, attributes.longValue(attributes.indexOf("quantity")));
    assertEquals(true, attributes.booleanValue(attributes.indexOf("express")));
    assertEquals(2.5, attributes.doubleValue(attributes.indexOf("weight")));
    assertEquals(-1, attributes.indexOf("note"));
    assertEquals(4, attributes.size());
  }

  @Test
  void anException_isRecorded_andReachesTheCallerUnchanged() {
    IllegalStateException thrown =
        assertThrows(IllegalStateException.class, inventory::failing);
    assertEquals("out of stock", thrown.getMessage());
    SpanData span = only("Inventory.failing");
    assertEquals(StatusCode.ERROR, span.statusCode());
    assertEquals("exception", span.events().get(0).name());
  }

  @Test
  void aReturnedFuture_endsTheSpanWhenItCompletes_withItsFailure() throws Exception {
    CompletableFuture<String> pending = new CompletableFuture<>();
    CompletableFuture<String> returned = inventory.later(pending);
    assertSame(pending, returned, "the application's future is returned as it is");
    AgentSpans.exactly(s -> s.name().equals("Inventory.later"), 0);

    pending.completeExceptionally(new IllegalArgumentException("no such item"));
    SpanData span = only("Inventory.later");
    assertEquals(StatusCode.ERROR, span.statusCode());
    ExecutionException failure =
        assertThrows(ExecutionException.class, () -> returned.get(1, TimeUnit.SECONDS));
    assertEquals("no such item", failure.getCause().getMessage());
  }

  @Test
  void inheritContextFalse_startsANewTrace() {
    Span request = TRACER.start("request", SpanKind.SERVER, Context.root());
    try (Scope ignored = Context.root().with(request).makeCurrent()) {
      inventory.detached();
    } finally {
      request.end();
    }
    SpanData span = only("Inventory.detached");
    assertEquals(SpanContext.INVALID, span.parentSpanContext());
  }

  @Test
  void anInnerClassAndAStaticMethod_areTracedToo() {
    Inventory.Counter.count();
    only("Counter.count");
  }

  @Test
  void theOlderExtensionAnnotations_areTracedTheSameWay() {
    assertEquals("reserved sku-9", new LegacyInventory().reserve("sku-9"));
    new LegacyInventory().check();
    SpanData reserve = only("legacy reserve");
    assertEquals(SpanKind.PRODUCER, reserve.kind());
    assertEquals("sku-9", reserve.attributes().stringValue(reserve.attributes().indexOf("item.sku")));
    only("LegacyInventory.check");
  }

  private static SpanData only(String name) {
    List<SpanData> spans = AgentSpans.await(s -> s.name().equals(name), 1);
    assertEquals(1, AgentSpans.exactly(s -> s.name().equals(name), 1).size(), spans.toString());
    return spans.get(0);
  }
}
