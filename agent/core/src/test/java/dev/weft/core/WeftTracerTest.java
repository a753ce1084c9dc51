package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.api.Context;
import dev.weft.api.Span;
import dev.weft.api.SpanContext;
import dev.weft.api.SpanKind;
import dev.weft.core.export.otlp.RecordingTracer;
import org.junit.jupiter.api.Test;

/** The tracer's sampling rules, with a sampler that says yes to every span it is asked about. */
class WeftTracerTest {

  private final RecordingTracer recording = new RecordingTracer();
  private final WeftTracer tracer = recording.tracer();

  @Test
  void anUnsampledSpanStartsANewTraceWithoutAParent() {
    Span span = tracer.startUnsampled(Context.root());
    SpanContext context = span.spanContext();
    assertTrue(context.isValid());
    assertFalse(context.isSampled());
    assertFalse(span.isRecording());
  }

  @Test
  void anUnsampledSpanStaysInItsParentsTraceAndKeepsItsTraceState() {
    SpanContext remote =
        SpanContext.createFromRemote(7L, 8L, 9L, SpanContext.FLAG_SAMPLED, "vendor=x");
    SpanContext context =
        tracer.startUnsampled(Context.root().with(Span.wrap(remote))).spanContext();
    assertEquals(remote.traceIdHex(), context.traceIdHex());
    assertNotEquals(remote.spanId(), context.spanId());
    assertEquals("vendor=x", context.traceState());
    assertFalse(context.isSampled());
  }

  @Test
  void everySpanUnderAnUnsampledLocalSpanIsUnsampledWhateverTheSamplerSays() {
    Span excluded = tracer.startUnsampled(Context.root());
    Context under = Context.root().with(excluded);
    Span child = tracer.startSpan("jdbc", "SELECT", SpanKind.CLIENT, under);
    Span grandchild =
        tracer.startSpan("okhttp", "GET", SpanKind.CLIENT, under.with(child));
    child.end();
    grandchild.end();

    assertFalse(child.isRecording());
    assertFalse(grandchild.spanContext().isSampled());
    assertEquals(excluded.spanContext().traceIdHex(), grandchild.spanContext().traceIdHex());
    assertTrue(recording.ended().isEmpty(), "nothing recorded: " + recording.ended());
  }

  @Test
  void anUnsampledRemoteParentIsStillTheSamplersToDecide() {
    SpanContext remote = SpanContext.createFromRemote(7L, 8L, 9L, (byte) 0, "");
    Span server =
        tracer.startSpan("servlet", "GET /", SpanKind.SERVER, Context.root().with(Span.wrap(remote)));
    assertTrue(server.isRecording(), "the always-on sampler decides for a remote parent");
  }

  // ---- W3C Level 2: the random trace id flag ----

  @Test
  void aNewTraceIsMarkedAsHavingARandomTraceId() {
    Span root = tracer.startSpan("servlet", "GET /", SpanKind.SERVER, Context.root());
    root.end();

    assertTrue(root.spanContext().isRandomTraceId());
    assertTrue(root.spanContext().isSampled());
    assertTrue(tracer.startUnsampled(Context.root()).spanContext().isRandomTraceId());
  }

  @Test
  void aContinuedTraceKeepsTheRandomFlagAsReceived() {
    SpanContext random =
        SpanContext.createFromRemote(
            7L, 8L, 9L, (byte) (SpanContext.FLAG_SAMPLED | SpanContext.FLAG_RANDOM), "");
    SpanContext notRandom = SpanContext.createFromRemote(7L, 8L, 9L, SpanContext.FLAG_SAMPLED, "");

    Span fromRandom =
        tracer.startSpan("servlet", "GET /", SpanKind.SERVER, Context.root().with(Span.wrap(random)));
    Span fromNotRandom =
        tracer.startSpan(
            "servlet", "GET /", SpanKind.SERVER, Context.root().with(Span.wrap(notRandom)));
    fromRandom.end();
    fromNotRandom.end();

    assertTrue(fromRandom.spanContext().isRandomTraceId());
    assertFalse(fromNotRandom.spanContext().isRandomTraceId());
  }

  @Test
  void localChildrenAndUnsampledSpansKeepTheirTracesRandomFlag() {
    SpanContext notRandom = SpanContext.createFromRemote(7L, 8L, 9L, SpanContext.FLAG_SAMPLED, "");
    Context remote = Context.root().with(Span.wrap(notRandom));
    Span server = tracer.startSpan("servlet", "GET /", SpanKind.SERVER, remote);
    Span client = tracer.startSpan("okhttp", "GET", SpanKind.CLIENT, remote.with(server));
    Span excluded = tracer.startUnsampled(remote);
    client.end();
    server.end();

    assertFalse(client.spanContext().isRandomTraceId());
    assertFalse(excluded.spanContext().isRandomTraceId());

    Span root = tracer.startSpan("servlet", "GET /", SpanKind.SERVER, Context.root());
    Span child =
        tracer.startSpan("jdbc", "SELECT", SpanKind.CLIENT, Context.root().with(root));
    child.end();
    root.end();
    assertTrue(child.spanContext().isRandomTraceId());
  }

  @Test
  void timesTheCallerMeasured_areTheSpansAndTheEventsTimes_andEventAttributesAreTyped() {
    Span span = tracer.startSpan("api", "replayed", SpanKind.INTERNAL, Context.root(), 5_000L);
    span.addEvent("retry", new Object[] {"attempt", 2L, "cause", "timeout", 7, "not a key"}, 6_000L);
    span.end(9_000L);

    dev.weft.core.trace.SpanData data = recording.ended().get(0);
    assertEquals(5_000L, data.startEpochNanos());
    assertEquals(9_000L, data.endEpochNanos());
    dev.weft.core.trace.EventData event = data.events().get(0);
    assertEquals(6_000L, event.epochNanos());
    assertEquals(2L, event.attributes().longValue(event.attributes().indexOf("attempt")));
    assertEquals("timeout", event.attributes().stringValue(event.attributes().indexOf("cause")));
    assertEquals(2, event.attributes().size(), "a pair whose key is not a string is skipped");
  }

  @Test
  void noTimeGiven_meansNow() {
    long before = System.currentTimeMillis() * 1_000_000L - 1_000_000_000L;
    Span span = tracer.startSpan("api", "now", SpanKind.INTERNAL, Context.root(), 0L);
    span.end(0L);
    dev.weft.core.trace.SpanData data = recording.ended().get(0);
    assertTrue(data.startEpochNanos() > before, "started now: " + data.startEpochNanos());
    assertTrue(data.endEpochNanos() >= data.startEpochNanos());
  }
}
