package dev.weft.core.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.api.SpanContext;
import dev.weft.api.SpanKind;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import java.util.Collections;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceIdRatioSamplerTest {

  private static final long[] EDGE_IDS = {
    0L, 1L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE - 1,
    Long.MAX_VALUE / 2, Long.MAX_VALUE / 2 + 1, -(Long.MAX_VALUE / 2), -(Long.MAX_VALUE / 2) - 1,
    (long) (0.5 * Long.MAX_VALUE), (long) (0.5 * Long.MAX_VALUE) - 1, (long) (0.1 * Long.MAX_VALUE),
  };

  private static boolean sample(Sampler sampler, long high, long low) {
    return sampler.shouldSample(SpanContext.INVALID, high, low, "span", SpanKind.INTERNAL);
  }

  @Test
  void ratioZero_samplesNothing_evenTheExtremeIds() {
    Sampler sampler = TraceIdRatioSampler.create(0.0);

    for (long id : EDGE_IDS) {
      assertFalse(sample(sampler, 123L, id), Long.toHexString(id));
    }
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 10_000; i++) {
      assertFalse(sample(sampler, random.nextLong(), random.nextLong()));
    }
  }

  @Test
  void ratioOne_samplesEverything_butLongMaxValueAsTheSdkDoes() {
    Sampler sampler = TraceIdRatioSampler.create(1.0);

    for (long id : EDGE_IDS) {
      assertEquals(id != Long.MAX_VALUE && id != Long.MIN_VALUE + 1, sample(sampler, 0L, id),
          Long.toHexString(id));
    }
    SplittableRandom random = new SplittableRandom(2);
    int sampled = 0;
    for (int i = 0; i < 10_000; i++) {
      if (sample(sampler, random.nextLong(), random.nextLong())) {
        sampled++;
      }
    }
    assertEquals(10_000, sampled);
  }

  @Test
  void ratioHalf_samplesAboutHalfOfRandomTraceIds() {
    Sampler sampler = TraceIdRatioSampler.create(0.5);
    SplittableRandom random = new SplittableRandom(42);
    int sampled = 0;
    int n = 100_000;
    for (int i = 0; i < n; i++) {
      if (sample(sampler, random.nextLong(), random.nextLong())) {
        sampled++;
      }
    }

    double fraction = sampled / (double) n;
    assertTrue(fraction > 0.48 && fraction < 0.52, "sampled " + fraction);
  }

  @Test
  void decision_dependsOnTheLowHalfOfTheTraceIdOnly() {
    Sampler sampler = TraceIdRatioSampler.create(0.3);
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 10_000; i++) {
      long low = random.nextLong();
      boolean first = sample(sampler, random.nextLong(), low);

      assertEquals(first, sample(sampler, random.nextLong(), low));
      assertEquals(first, sample(sampler, 0L, low));
    }
  }

  @Test
  void decision_isTheSameOnRepeatedCallsAndWhateverTheParent() {
    Sampler sampler = TraceIdRatioSampler.create(0.5);
    SpanContext sampledParent = SpanContext.createFromRemote(1L, 2L, 3L, (byte) 1, "");
    SpanContext unsampledParent = SpanContext.create(1L, 2L, 3L, (byte) 0, "");
    SplittableRandom random = new SplittableRandom(4);
    for (int i = 0; i < 1_000; i++) {
      long high = random.nextLong();
      long low = random.nextLong();
      boolean first = sample(sampler, high, low);
      for (int repeat = 0; repeat < 5; repeat++) {
        assertEquals(first, sample(sampler, high, low));
      }
      assertEquals(first, sampler.shouldSample(sampledParent, high, low, "x", SpanKind.SERVER));
      assertEquals(first, sampler.shouldSample(unsampledParent, high, low, "y", SpanKind.CLIENT));
    }
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 1e-12, 1e-6, 0.0001, 0.01, 0.1, 0.25, 1.0 / 3, 0.5, 0.75, 0.9, 0.999999, 1.0})
  void decision_agreesWithTheOpenTelemetrySdkForEveryTraceId(double ratio) {
    Sampler weft = TraceIdRatioSampler.create(ratio);
    io.opentelemetry.sdk.trace.samplers.Sampler sdk =
        io.opentelemetry.sdk.trace.samplers.Sampler.traceIdRatioBased(ratio);
    long bound = ratio == 0.0 ? Long.MIN_VALUE : (long) (ratio * Long.MAX_VALUE);
    long[] ids = {
      bound, bound - 1, bound + 1, -bound, -bound + 1, -bound - 1,
    };
    for (long id : EDGE_IDS) {
      assertAgrees(weft, sdk, 0x0af7651916cd43ddL, id);
    }
    for (long id : ids) {
      assertAgrees(weft, sdk, 0x0af7651916cd43ddL, id);
    }
    SplittableRandom random = new SplittableRandom(Double.doubleToLongBits(ratio));
    for (int i = 0; i < 20_000; i++) {
      assertAgrees(weft, sdk, random.nextLong(), random.nextLong());
    }
  }

  private static void assertAgrees(
      Sampler weft, io.opentelemetry.sdk.trace.samplers.Sampler sdk, long high, long low) {
    String traceId = SpanContext.toHex(high) + SpanContext.toHex(low);
    boolean sdkSampled =
        sdk.shouldSample(
                    io.opentelemetry.context.Context.root(),
                    traceId,
                    "span",
                    io.opentelemetry.api.trace.SpanKind.INTERNAL,
                    Attributes.empty(),
                    Collections.emptyList())
                .getDecision()
            == SamplingDecision.RECORD_AND_SAMPLE;
    assertEquals(sdkSampled, sample(weft, high, low), traceId);
  }

  @ParameterizedTest
  @ValueSource(
      doubles = {
        0.0, 1.0, 0.5, 0.1, 0.25, 1.0 / 3, 2.0 / 3, 0.0000005, 0.0000015, 0.1234565, 0.9999995,
        1e-7, 1.0 / 128, 3.0 / 128, 0.0078125, 0.9999999, 4.9e-324
      })
  void description_isTheSdksDescription(double ratio) {
    assertEquals(
        io.opentelemetry.sdk.trace.samplers.Sampler.traceIdRatioBased(ratio).getDescription(),
        TraceIdRatioSampler.create(ratio).description());
  }

  @Test
  void description_isTheSdksDescription_forRandomRatios() {
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < 2_000; i++) {
      double ratio = i % 2 == 0 ? random.nextDouble() : random.nextInt(2_000_001) / 2_000_000.0;
      assertEquals(
          io.opentelemetry.sdk.trace.samplers.Sampler.traceIdRatioBased(ratio).getDescription(),
          TraceIdRatioSampler.create(ratio).description(),
          Double.toString(ratio));
    }
  }

  @Test
  void description_doesNotDependOnTheDefaultLocale() {
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMANY);
      assertEquals("TraceIdRatioBased{0.250000}", TraceIdRatioSampler.create(0.25).description());
    } finally {
      Locale.setDefault(saved);
    }
  }

  @Test
  void description_ofHalf() {
    assertEquals("TraceIdRatioBased{0.500000}", TraceIdRatioSampler.create(0.5).description());
  }

  @ParameterizedTest
  @ValueSource(doubles = {-0.1, 1.0001, Double.NaN, Double.POSITIVE_INFINITY})
  void create_ratioOutOfRange_isRejected(double ratio) {
    assertThrows(IllegalArgumentException.class, () -> TraceIdRatioSampler.create(ratio));
  }
}
