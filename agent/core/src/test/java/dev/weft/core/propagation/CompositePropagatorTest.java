package dev.weft.core.propagation;

import static dev.weft.core.propagation.Carriers.EXACT_GETTER;
import static dev.weft.core.propagation.Carriers.SETTER;
import static dev.weft.core.propagation.Carriers.headers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.weft.api.Baggage;
import dev.weft.api.Context;
import dev.weft.api.Span;
import dev.weft.api.SpanContext;
import dev.weft.api.propagation.TextMapGetter;
import dev.weft.api.propagation.TextMapPropagator;
import dev.weft.api.propagation.TextMapSetter;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompositePropagatorTest {

  private static final String TRACEPARENT =
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  @Test
  void extract_runsEachInOrder_laterSeesEarlierResult() {
    TextMapPropagator composite =
        CompositePropagator.of(W3CTraceContextPropagator.INSTANCE, W3CBaggagePropagator.INSTANCE);
    Map<String, String> carrier = headers("traceparent", TRACEPARENT, "baggage", "user=alice");

    Context result = composite.extract(Context.root(), carrier, EXACT_GETTER);

    assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", result.span().spanContext().traceIdHex());
    assertEquals("alice", result.baggage().get("user"));
  }

  @Test
  void extract_tracePropagatorFindingNothing_leavesEarlierParentInPlace() {
    TextMapPropagator composite =
        CompositePropagator.of(
            W3CTraceContextPropagator.INSTANCE,
            B3Propagator.multiHeader(),
            HoneycombPropagator.INSTANCE);

    Context result =
        composite.extract(Context.root(), headers("traceparent", TRACEPARENT), EXACT_GETTER);

    assertEquals("00f067aa0ba902b7", result.span().spanContext().spanIdHex());
  }

  @Test
  void extract_laterFormatFound_replacesTheEarlierParent() {
    TextMapPropagator composite =
        CompositePropagator.of(W3CTraceContextPropagator.INSTANCE, B3Propagator.singleHeader());
    Map<String, String> carrier =
        headers(
            "traceparent", TRACEPARENT,
            "b3", "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1");

    Context result = composite.extract(Context.root(), carrier, EXACT_GETTER);

    assertEquals("e457b5a2e4d86bd1", result.span().spanContext().spanIdHex());
  }

  @Test
  void extract_nothingFound_returnsTheSameContext() {
    TextMapPropagator composite =
        CompositePropagator.of(W3CTraceContextPropagator.INSTANCE, W3CBaggagePropagator.INSTANCE);
    Context base = Context.root().with(Baggage.empty().with("k", "v", ""));

    assertSame(base, composite.extract(base, headers("other", "x"), EXACT_GETTER));
  }

  @Test
  void inject_runsAll() {
    TextMapPropagator composite =
        CompositePropagator.of(
            W3CTraceContextPropagator.INSTANCE,
            W3CBaggagePropagator.INSTANCE,
            B3Propagator.multiHeader(),
            HoneycombPropagator.INSTANCE);
    Context context =
        Context.root()
            .with(Span.wrap(SpanContext.create(1L, 2L, 3L, SpanContext.FLAG_SAMPLED, "")))
            .with(Baggage.empty().with("k", "v", ""));
    Map<String, String> carrier = new HashMap<String, String>();

    composite.inject(context, carrier, SETTER);

    assertEquals(
        "00-00000000000000010000000000000002-0000000000000003-01", carrier.get("traceparent"));
    assertEquals("k=v", carrier.get("baggage"));
    assertEquals("00000000000000010000000000000002", carrier.get("x-b3-traceid"));
    assertEquals(
        "1;trace_id=00000000000000010000000000000002,parent_id=0000000000000003",
        carrier.get("x-honeycomb-trace"));
  }

  @Test
  void fields_isTheUnionInOrder() {
    TextMapPropagator composite =
        CompositePropagator.of(
            W3CTraceContextPropagator.INSTANCE,
            W3CBaggagePropagator.INSTANCE,
            W3CTraceContextPropagator.INSTANCE,
            B3Propagator.singleHeader());

    assertEquals(
        Arrays.asList("traceparent", "tracestate", "baggage", "b3"),
        composite.fields());
  }

  @Test
  void memberThatThrows_isSkippedAndTheOthersStillRun() {
    TextMapPropagator broken =
        new TextMapPropagator() {
          @Override
          public Collection<String> fields() {
            return Collections.singletonList("broken");
          }

          @Override
          public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
            throw new IllegalStateException("bug");
          }

          @Override
          public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
            throw new IllegalStateException("bug");
          }
        };
    TextMapPropagator composite =
        CompositePropagator.of(broken, W3CTraceContextPropagator.INSTANCE);

    Context extracted =
        composite.extract(Context.root(), headers("traceparent", TRACEPARENT), EXACT_GETTER);
    Map<String, String> carrier = new HashMap<String, String>();
    composite.inject(extracted, carrier, SETTER);

    assertEquals(TRACEPARENT, carrier.get("traceparent"));
  }
}
