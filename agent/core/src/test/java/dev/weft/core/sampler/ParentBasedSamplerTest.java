package dev.weft.core.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.api.SpanContext;
import dev.weft.api.SpanKind;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParentBasedSamplerTest {

  private static final SpanContext REMOTE_SAMPLED =
      SpanContext.createFromRemote(1L, 2L, 3L, SpanContext.FLAG_SAMPLED, "");
  private static final SpanContext REMOTE_UNSAMPLED =
      SpanContext.createFromRemote(1L, 2L, 3L, (byte) 0, "");
  private static final SpanContext LOCAL_SAMPLED =
      SpanContext.create(1L, 2L, 3L, SpanContext.FLAG_SAMPLED, "");
  private static final SpanContext LOCAL_UNSAMPLED = SpanContext.create(1L, 2L, 3L, (byte) 0, "");

  @Test
  void root_usesTheRootSampler() {
    Sampler on = ParentBasedSampler.create(AlwaysOnSampler.INSTANCE);
    Sampler off = ParentBasedSampler.create(AlwaysOffSampler.INSTANCE);

    assertTrue(on.shouldSample(SpanContext.INVALID, 1L, 2L, "root", SpanKind.SERVER));
    assertFalse(off.shouldSample(SpanContext.INVALID, 1L, 2L, "root", SpanKind.SERVER));
    assertTrue(on.shouldSample(null, 1L, 2L, "root", SpanKind.SERVER));
  }

  @Test
  void root_ofRatioSampler_decidesByTraceId() {
    Sampler sampler = ParentBasedSampler.create(TraceIdRatioSampler.create(0.5));

    assertTrue(sampler.shouldSample(SpanContext.INVALID, 0L, 1L, "root", SpanKind.SERVER));
    assertFalse(
        sampler.shouldSample(SpanContext.INVALID, 0L, Long.MAX_VALUE - 1, "root", SpanKind.SERVER));
  }

  @Test
  void parentWithZeroSpanId_isARoot() {
    Sampler off = ParentBasedSampler.create(AlwaysOffSampler.INSTANCE);
    SpanContext invalidButSampled = SpanContext.createFromRemote(1L, 2L, 0L, (byte) 1, "");

    assertFalse(off.shouldSample(invalidButSampled, 1L, 2L, "root", SpanKind.SERVER));
  }

  @Test
  void parent_decisionIsFollowedWhateverTheRootSampler() {
    for (Sampler root :
        new Sampler[] {
          AlwaysOnSampler.INSTANCE, AlwaysOffSampler.INSTANCE, TraceIdRatioSampler.create(0.5)
        }) {
      Sampler sampler = ParentBasedSampler.create(root);

      assertTrue(sampler.shouldSample(REMOTE_SAMPLED, 1L, 2L, "s", SpanKind.SERVER), "remote sampled");
      assertFalse(sampler.shouldSample(REMOTE_UNSAMPLED, 1L, 2L, "s", SpanKind.SERVER), "remote unsampled");
      assertTrue(sampler.shouldSample(LOCAL_SAMPLED, 1L, 2L, "s", SpanKind.CLIENT), "local sampled");
      assertFalse(sampler.shouldSample(LOCAL_UNSAMPLED, 1L, 2L, "s", SpanKind.CLIENT), "local unsampled");
    }
  }

  @ParameterizedTest
  @CsvSource({
    "true, true", "true, false", "false, true", "false, false",
  })
  void parent_decisionAgreesWithTheOpenTelemetrySdk(boolean remote, boolean sampled) {
    long high = 0x0af7651916cd43ddL;
    long low = 0x8448eb211c80319cL;
    long spanId = 0xb7ad6b7169203331L;
    SpanContext weftParent =
        remote
            ? SpanContext.createFromRemote(high, low, spanId, sampled ? (byte) 1 : 0, "")
            : SpanContext.create(high, low, spanId, sampled ? (byte) 1 : 0, "");
    String traceId = SpanContext.toHex(high) + SpanContext.toHex(low);
    String spanIdHex = SpanContext.toHex(spanId);
    TraceFlags flags = sampled ? TraceFlags.getSampled() : TraceFlags.getDefault();
    io.opentelemetry.api.trace.SpanContext sdkParent =
        remote
            ? io.opentelemetry.api.trace.SpanContext.createFromRemoteParent(
                traceId, spanIdHex, flags, TraceState.getDefault())
            : io.opentelemetry.api.trace.SpanContext.create(
                traceId, spanIdHex, flags, TraceState.getDefault());
    io.opentelemetry.sdk.trace.samplers.Sampler sdk =
        io.opentelemetry.sdk.trace.samplers.Sampler.parentBased(
            io.opentelemetry.sdk.trace.samplers.Sampler.alwaysOn());

    boolean sdkSampled =
        sdk.shouldSample(
                    io.opentelemetry.context.Context.root()
                        .with(io.opentelemetry.api.trace.Span.wrap(sdkParent)),
                    traceId,
                    "span",
                    io.opentelemetry.api.trace.SpanKind.INTERNAL,
                    Attributes.empty(),
                    Collections.emptyList())
                .getDecision()
            == SamplingDecision.RECORD_AND_SAMPLE;

    assertEquals(
        sdkSampled,
        ParentBasedSampler.create(AlwaysOnSampler.INSTANCE)
            .shouldSample(weftParent, high, low, "span", SpanKind.INTERNAL));
  }

  @Test
  void description_namesTheRoot() {
    assertEquals(
        "ParentBased{root:AlwaysOnSampler}",
        ParentBasedSampler.create(AlwaysOnSampler.INSTANCE).description());
    assertEquals(
        "ParentBased{root:AlwaysOffSampler}",
        ParentBasedSampler.create(AlwaysOffSampler.INSTANCE).description());
    assertEquals(
        "ParentBased{root:TraceIdRatioBased{0.500000}}",
        ParentBasedSampler.create(TraceIdRatioSampler.create(0.5)).description());
  }

  @Test
  void alwaysOnAndOff_ignoreEverything() {
    for (SpanContext parent :
        new SpanContext[] {SpanContext.INVALID, REMOTE_SAMPLED, REMOTE_UNSAMPLED, null}) {
      assertTrue(AlwaysOnSampler.INSTANCE.shouldSample(parent, 0L, 0L, null, null));
      assertFalse(AlwaysOffSampler.INSTANCE.shouldSample(parent, -1L, -1L, "x", SpanKind.SERVER));
    }
    assertEquals("AlwaysOnSampler", AlwaysOnSampler.INSTANCE.description());
    assertEquals("AlwaysOffSampler", AlwaysOffSampler.INSTANCE.description());
    assertEquals(
        io.opentelemetry.sdk.trace.samplers.Sampler.alwaysOn().getDescription(),
        AlwaysOnSampler.INSTANCE.description());
    assertEquals(
        io.opentelemetry.sdk.trace.samplers.Sampler.alwaysOff().getDescription(),
        AlwaysOffSampler.INSTANCE.description());
  }
}
