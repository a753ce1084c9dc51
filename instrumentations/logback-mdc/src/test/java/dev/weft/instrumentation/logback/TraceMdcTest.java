package dev.weft.instrumentation.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.api.Context;
import dev.weft.api.Scope;
import dev.weft.api.Span;
import dev.weft.api.SpanContext;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceMdcTest {

  private static final SpanContext SAMPLED =
      SpanContext.create(0x0af7651916cd43ddL, 0x8448eb211c80319cL, 0xb7ad6b7169203331L,
          (byte) (SpanContext.FLAG_SAMPLED | SpanContext.FLAG_RANDOM), "");
  private static final SpanContext NOT_SAMPLED =
      SpanContext.create(1L, 2L, 3L, (byte) 0, "");

  @Test
  void withoutACurrentSpan_theMapIsReturnedAsItIs() {
    Map<String, String> mdc = Collections.singletonMap("user", "ann");
    assertSame(mdc, TraceMdc.withCurrentTrace(mdc));
    assertNull(TraceMdc.withCurrentTrace(null));
  }

  @Test
  void insideASpan_theIdsAreAddedToACopy() {
    Map<String, String> mdc = new HashMap<>(Collections.singletonMap("user", "ann"));
    Map<String, String> result;
    try (Scope ignored = current(SAMPLED)) {
      result = TraceMdc.withCurrentTrace(mdc);
    }
    assertEquals("0af7651916cd43dd8448eb211c80319c", result.get("trace_id"));
    assertEquals("b7ad6b7169203331", result.get("span_id"));
    assertEquals("01", result.get("trace_flags"));
    assertEquals("ann", result.get("user"));
    assertEquals(1, mdc.size(), "the application's map is not written");
    assertThrows(UnsupportedOperationException.class, () -> result.put("x", "y"));
  }

  @Test
  void anUnsampledSpan_hasFlagsZero_andAnEmptyMdcGetsTheIds() {
    try (Scope ignored = current(NOT_SAMPLED)) {
      Map<String, String> result = TraceMdc.withCurrentTrace(Collections.emptyMap());
      assertEquals("00", result.get("trace_flags"));
      assertEquals("0000000000000003", result.get("span_id"));
      assertEquals("00", TraceMdc.withCurrentTrace(null).get("trace_flags"));
    }
  }

  @Test
  void theApplicationsOwnKeyKeepsItsValue() {
    Map<String, String> mdc = Collections.singletonMap("trace_id", "from-the-app");
    try (Scope ignored = current(SAMPLED)) {
      Map<String, String> result = TraceMdc.withCurrentTrace(mdc);
      assertEquals("from-the-app", result.get("trace_id"));
      assertEquals("b7ad6b7169203331", result.get("span_id"));
    }
  }

  private static Scope current(SpanContext spanContext) {
    return Context.root().with(Span.wrap(spanContext)).makeCurrent();
  }
}
