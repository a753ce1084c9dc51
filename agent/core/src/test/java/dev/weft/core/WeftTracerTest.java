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
}
