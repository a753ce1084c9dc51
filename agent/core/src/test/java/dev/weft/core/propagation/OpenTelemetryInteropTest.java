package dev.weft.core.propagation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.api.Baggage;
import dev.weft.api.Context;
import dev.weft.api.Span;
import dev.weft.api.SpanContext;
import dev.weft.api.propagation.TextMapPropagator;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.extension.trace.propagation.B3Propagator;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Headers written by Weft are read the same by the OpenTelemetry SDK's propagators, and the
 * other way round: a Weft service and an OpenTelemetry-instrumented one share traces.
 */
class OpenTelemetryInteropTest {

  private static final TextMapGetter<Map<String, String>> OTEL_GETTER =
      new TextMapGetter<Map<String, String>>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier == null ? null : carrier.get(key.toLowerCase(java.util.Locale.ROOT));
        }
      };

  private static final io.opentelemetry.context.propagation.TextMapSetter<Map<String, String>>
      OTEL_SETTER =
          (carrier, key, value) -> carrier.put(key.toLowerCase(java.util.Locale.ROOT), value);

  private static final class Pair {
    final TextMapPropagator weft;
    final io.opentelemetry.context.propagation.TextMapPropagator otel;
    final boolean carriesTraceState;

    Pair(
        TextMapPropagator weft,
        io.opentelemetry.context.propagation.TextMapPropagator otel,
        boolean carriesTraceState) {
      this.weft = weft;
      this.otel = otel;
      this.carriesTraceState = carriesTraceState;
    }
  }

  private static final List<Pair> TRACE_PROPAGATORS =
      Arrays.asList(
          new Pair(
              dev.weft.core.propagation.W3CTraceContextPropagator.INSTANCE,
              W3CTraceContextPropagator.getInstance(),
              true),
          new Pair(
              dev.weft.core.propagation.B3Propagator.singleHeader(),
              B3Propagator.injectingSingleHeader(),
              false),
          new Pair(
              dev.weft.core.propagation.B3Propagator.multiHeader(),
              B3Propagator.injectingMultiHeaders(),
              false));

  @Test
  void weftInjects_openTelemetryExtractsTheSameContext() {
    SplittableRandom random = new SplittableRandom(11);
    for (Pair pair : TRACE_PROPAGATORS) {
      for (int i = 0; i < 500; i++) {
        long high = random.nextLong();
        long low = random.nextLong() | 1L;
        long spanId = random.nextLong() | 1L;
        boolean sampled = random.nextBoolean();
        SpanContext weft =
            SpanContext.create(high, low, spanId, sampled ? (byte) 1 : 0, "congo=t61rcWkgMzE");
        Map<String, String> carrier = new HashMap<String, String>();

        pair.weft.inject(Context.root().with(Span.wrap(weft)), carrier, Carriers.SETTER);
        io.opentelemetry.api.trace.SpanContext otel =
            io.opentelemetry.api.trace.Span.fromContext(
                    pair.otel.extract(io.opentelemetry.context.Context.root(), carrier, OTEL_GETTER))
                .getSpanContext();

        assertTrue(otel.isValid(), carrier.toString());
        assertTrue(otel.isRemote());
        assertEquals(weft.traceIdHex(), otel.getTraceId());
        assertEquals(weft.spanIdHex(), otel.getSpanId());
        assertEquals(sampled, otel.isSampled());
        if (pair.carriesTraceState) {
          assertEquals("t61rcWkgMzE", otel.getTraceState().get("congo"));
        }
      }
    }
  }

  @Test
  void openTelemetryInjects_weftExtractsTheSameContext() {
    SplittableRandom random = new SplittableRandom(12);
    for (Pair pair : TRACE_PROPAGATORS) {
      for (int i = 0; i < 500; i++) {
        long high = random.nextLong();
        long low = random.nextLong() | 1L;
        long spanId = random.nextLong() | 1L;
        boolean sampled = random.nextBoolean();
        io.opentelemetry.api.trace.SpanContext otel =
            io.opentelemetry.api.trace.SpanContext.create(
                SpanContext.toHex(high) + SpanContext.toHex(low),
                SpanContext.toHex(spanId),
                sampled ? TraceFlags.getSampled() : TraceFlags.getDefault(),
                TraceState.builder().put("rojo", "00f067aa0ba902b7").put("congo", "x").build());
        Map<String, String> carrier = new HashMap<String, String>();

        pair.otel.inject(
            io.opentelemetry.context.Context.root().with(io.opentelemetry.api.trace.Span.wrap(otel)),
            carrier,
            OTEL_SETTER);
        SpanContext weft =
            pair.weft.extract(Context.root(), carrier, Carriers.EXACT_GETTER).span().spanContext();

        assertTrue(weft.isValid(), carrier.toString());
        assertTrue(weft.isRemote());
        assertEquals(high, weft.traceIdHigh());
        assertEquals(low, weft.traceIdLow());
        assertEquals(spanId, weft.spanId());
        assertEquals(sampled, weft.isSampled());
        if (pair.carriesTraceState) {
          assertEquals(carrier.get("tracestate"), weft.traceState());
        }
      }
    }
  }

  @Test
  void baggage_crossesBothWays() {
    Baggage weft =
        Baggage.empty()
            .with("user", "J\u00fcrgen M\u00fcller, CEO; \"boss\" 100%", "")
            .with("tenant", "a=b", "ttl=10")
            .with("plain", "value", "");
    Map<String, String> carrier = new HashMap<String, String>();

    dev.weft.core.propagation.W3CBaggagePropagator.INSTANCE.inject(
        Context.root().with(weft), carrier, Carriers.SETTER);
    io.opentelemetry.api.baggage.Baggage otel =
        io.opentelemetry.api.baggage.Baggage.fromContext(
            W3CBaggagePropagator.getInstance()
                .extract(io.opentelemetry.context.Context.root(), carrier, OTEL_GETTER));

    assertEquals(3, otel.size());
    assertEquals(weft.get("user"), otel.getEntryValue("user"));
    assertEquals("a=b", otel.getEntryValue("tenant"));
    assertEquals("ttl=10", otel.asMap().get("tenant").getMetadata().getValue());

    Map<String, String> back = new HashMap<String, String>();
    W3CBaggagePropagator.getInstance()
        .inject(io.opentelemetry.context.Context.root().with(otel), back, OTEL_SETTER);
    Baggage roundTripped =
        dev.weft.core.propagation.W3CBaggagePropagator.INSTANCE
            .extract(Context.root(), back, Carriers.EXACT_GETTER)
            .baggage();

    assertEquals(weft.get("user"), roundTripped.get("user"));
    assertEquals("a=b", roundTripped.get("tenant"));
    assertEquals("value", roundTripped.get("plain"));
  }
}
