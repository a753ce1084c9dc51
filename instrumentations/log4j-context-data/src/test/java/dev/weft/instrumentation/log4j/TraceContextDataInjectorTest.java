package dev.weft.instrumentation.log4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.weft.api.Context;
import dev.weft.api.Scope;
import dev.weft.api.Span;
import dev.weft.api.SpanContext;
import java.util.List;
import org.apache.logging.log4j.core.ContextDataInjector;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.util.ReadOnlyStringMap;
import org.apache.logging.log4j.util.SortedArrayStringMap;
import org.apache.logging.log4j.util.StringMap;
import org.junit.jupiter.api.Test;

class TraceContextDataInjectorTest {

  private static final SpanContext SAMPLED =
      SpanContext.create(0x0af7651916cd43ddL, 0x8448eb211c80319cL, 0xb7ad6b7169203331L,
          SpanContext.FLAG_SAMPLED, "");

  @Test
  void wrap_isIdempotent_andKeepsNull() {
    ContextDataInjector wrapped = TraceContextDataInjector.wrap(new FixedInjector(null));
    assertSame(wrapped, TraceContextDataInjector.wrap(wrapped));
    assertNull(TraceContextDataInjector.wrap(null));
  }

  @Test
  void withoutACurrentSpan_theDelegatesAnswerIsUntouched() {
    StringMap reusable = new SortedArrayStringMap();
    ContextDataInjector injector = TraceContextDataInjector.wrap(new FixedInjector(null));
    StringMap result = injector.injectContextData(null, reusable);
    assertSame(reusable, result);
    assertEquals(0, result.size());
  }

  @Test
  void insideASpan_theReusableMapGetsTheIds_andTheAppsKeyKeepsItsValue() {
    StringMap reusable = new SortedArrayStringMap();
    reusable.putValue("span_id", "from-the-app");
    ContextDataInjector injector = TraceContextDataInjector.wrap(new FixedInjector(null));
    StringMap result;
    try (Scope ignored = Context.root().with(Span.wrap(SAMPLED)).makeCurrent()) {
      result = injector.injectContextData(null, reusable);
    }
    assertSame(reusable, result);
    assertEquals("0af7651916cd43dd8448eb211c80319c", result.getValue("trace_id"));
    assertEquals("from-the-app", result.getValue("span_id"));
    assertEquals("01", result.getValue("trace_flags"));
  }

  @Test
  void aFrozenSharedMap_isCopied_notWritten() {
    StringMap shared = new SortedArrayStringMap();
    shared.putValue("user", "ann");
    shared.freeze();
    ContextDataInjector injector = TraceContextDataInjector.wrap(new FixedInjector(shared));
    StringMap result;
    try (Scope ignored = Context.root().with(Span.wrap(SAMPLED)).makeCurrent()) {
      result = injector.injectContextData(null, new SortedArrayStringMap());
    }
    assertEquals("ann", result.getValue("user"));
    assertEquals("b7ad6b7169203331", result.getValue("span_id"));
    assertEquals(1, shared.size());
    assertFalse(shared.containsKey("trace_id"));
  }

  /** Answers with {@code answer}, or with the reusable map when that is null. */
  private static final class FixedInjector implements ContextDataInjector {
    private final StringMap answer;

    FixedInjector(StringMap answer) {
      this.answer = answer;
    }

    @Override
    public StringMap injectContextData(List<Property> properties, StringMap reusable) {
      return answer == null ? reusable : answer;
    }

    @Override
    public ReadOnlyStringMap rawContextData() {
      return answer;
    }
  }
}
