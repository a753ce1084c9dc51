package dev.weft.core.propagation;

import dev.weft.api.Context;
import dev.weft.api.Span;
import dev.weft.api.SpanContext;
import dev.weft.api.propagation.TextMapGetter;
import dev.weft.api.propagation.TextMapPropagator;
import dev.weft.api.propagation.TextMapSetter;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * The W3C Trace Context propagator: {@code traceparent} and {@code tracestate}, Level 1 and the
 * Level 2 "random trace id" flag.
 *
 * <p><b>Extract</b> is strict about {@code traceparent}. It is used only when it is exactly {@code
 * version-traceid-parentid-flags} with two lowercase hex digits of version other than {@code ff},
 * 32 lowercase hex digits of trace id and 16 of parent id, neither all zero, and two lowercase hex
 * digits of flags. Version {@code 00} must be exactly 55 characters; a higher version may be
 * longer provided a {@code -} follows the flags (forward compatibility: its extra fields are
 * ignored). Spaces and tabs around the value are ignored, as HTTP does. Anything else leaves the
 * context unchanged, so a new trace starts. A {@code traceparent} sent on two header lines is
 * ambiguous (which parent?): combined as HTTP combines repeated headers ({@link
 * CarrierAccess#fieldValue}) it is no valid value, so it too starts a new trace. Of the flags, the
 * two defined bits are kept, {@code sampled} (01) and {@code random} (02); the others are
 * undefined and sent as zero, as the specification requires.
 *
 * <p>The {@code tracestate} header is read only when the {@code traceparent} is valid. All its
 * lines together are one list; see {@link W3CTraceState} for what is kept of it.
 *
 * <p>Parsing reads the hex straight into {@code long}s: no regex, no substring, no split. The
 * only allocations are the extracted context itself and, when a {@code tracestate} is present, a
 * small index array.
 *
 * <p><b>Inject</b> writes one {@code traceparent: 00-<trace id>-<span id>-<flags>} line, the flags
 * being the context's {@code sampled} and {@code random} bits, and, when the context carries one,
 * one {@code tracestate} line. An invalid context writes nothing.
 *
 * <p>Keys given to the getter are lower case; an HTTP getter must match them case-insensitively.
 * Immutable and thread-safe; never throws.
 */
public final class W3CTraceContextPropagator implements TextMapPropagator {

  public static final W3CTraceContextPropagator INSTANCE = new W3CTraceContextPropagator();

  static final String TRACEPARENT = "traceparent";
  static final String TRACESTATE = "tracestate";

  private static final List<String> FIELDS =
      Collections.unmodifiableList(Arrays.asList(TRACEPARENT, TRACESTATE));

  // Offsets within a traceparent: vv-<32>-<16>-ff
  private static final int TRACE_ID_OFFSET = 3;
  private static final int SPAN_ID_OFFSET = 36;
  private static final int FLAGS_OFFSET = 53;
  private static final int LENGTH = 55;

  /** The flags this version defines: sampled (Level 1) and random trace id (Level 2). */
  private static final int KNOWN_FLAGS = SpanContext.FLAG_SAMPLED | SpanContext.FLAG_RANDOM;

  private W3CTraceContextPropagator() {}

  @Override
  public Collection<String> fields() {
    return FIELDS;
  }

  @Override
  public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
    if (context == null || setter == null) {
      return;
    }
    SpanContext spanContext = context.span().spanContext();
    if (!spanContext.isValid()) {
      return;
    }
    char[] chars = new char[LENGTH];
    chars[0] = '0';
    chars[1] = '0';
    chars[2] = '-';
    SpanContext.writeHex(spanContext.traceIdHigh(), chars, TRACE_ID_OFFSET);
    SpanContext.writeHex(spanContext.traceIdLow(), chars, TRACE_ID_OFFSET + 16);
    chars[SPAN_ID_OFFSET - 1] = '-';
    SpanContext.writeHex(spanContext.spanId(), chars, SPAN_ID_OFFSET);
    chars[FLAGS_OFFSET - 1] = '-';
    chars[FLAGS_OFFSET] = '0';
    chars[FLAGS_OFFSET + 1] = (char) ('0' + (spanContext.traceFlags() & KNOWN_FLAGS));
    if (!CarrierAccess.set(setter, carrier, TRACEPARENT, new String(chars))) {
      return;
    }
    String traceState = spanContext.traceState();
    if (!traceState.isEmpty() && W3CTraceState.isSafeToSend(traceState)) {
      CarrierAccess.set(setter, carrier, TRACESTATE, traceState);
    }
  }

  @Override
  public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
    Context base = context == null ? Context.root() : context;
    if (getter == null) {
      return base;
    }
    try {
      SpanContext extracted = extractSpanContext(carrier, getter);
      return extracted == null ? base : base.with(Span.wrap(extracted));
    } catch (RuntimeException e) {
      CarrierAccess.internalError("W3CTraceContextPropagator", e);
      return base;
    }
  }

  /** The remote parent the carrier holds, or null when it holds no valid {@code traceparent}. */
  private static <C> SpanContext extractSpanContext(C carrier, TextMapGetter<C> getter) {
    String traceparent = CarrierAccess.fieldValue(getter, carrier, TRACEPARENT);
    if (traceparent == null) {
      return null;
    }
    int start = CarrierAccess.skipOws(traceparent, 0, traceparent.length());
    int end = CarrierAccess.trimOwsEnd(traceparent, start, traceparent.length());
    if (!hasValidLayout(traceparent, start, end)) {
      return null;
    }
    long traceIdHigh =
        Hex.toLong(traceparent, start + TRACE_ID_OFFSET, start + TRACE_ID_OFFSET + 16);
    long traceIdLow =
        Hex.toLong(traceparent, start + TRACE_ID_OFFSET + 16, start + TRACE_ID_OFFSET + 32);
    long spanId = Hex.toLong(traceparent, start + SPAN_ID_OFFSET, start + SPAN_ID_OFFSET + 16);
    if ((traceIdHigh == 0L && traceIdLow == 0L) || spanId == 0L) {
      return null;
    }
    long flags = Hex.toLong(traceparent, start + FLAGS_OFFSET, start + FLAGS_OFFSET + 2);
    byte traceFlags = (byte) (flags & KNOWN_FLAGS);
    String traceState = W3CTraceState.parse(CarrierAccess.fieldValue(getter, carrier, TRACESTATE));
    return SpanContext.createFromRemote(traceIdHigh, traceIdLow, spanId, traceFlags, traceState);
  }

  /**
   * Whether {@code s[start, end)} is a traceparent this implementation may use: the version,
   * separators and hex fields of version 00, and the length rule of the version.
   */
  private static boolean hasValidLayout(String s, int start, int end) {
    int length = end - start;
    if (length < LENGTH) {
      return false;
    }
    if (!Hex.isLowerHex(s, start, start + 2)) {
      return false;
    }
    char v0 = s.charAt(start);
    char v1 = s.charAt(start + 1);
    if (v0 == 'f' && v1 == 'f') {
      return false; // version ff is forbidden
    }
    if (v0 == '0' && v1 == '0') {
      if (length != LENGTH) {
        return false; // version 00 has exactly four fields
      }
    } else if (length > LENGTH && s.charAt(start + LENGTH) != '-') {
      return false; // a future version: the flags must end the value or be followed by '-'
    }
    return s.charAt(start + TRACE_ID_OFFSET - 1) == '-'
        && s.charAt(start + SPAN_ID_OFFSET - 1) == '-'
        && s.charAt(start + FLAGS_OFFSET - 1) == '-'
        && Hex.isLowerHex(s, start + TRACE_ID_OFFSET, start + TRACE_ID_OFFSET + 32)
        && Hex.isLowerHex(s, start + SPAN_ID_OFFSET, start + SPAN_ID_OFFSET + 16)
        && Hex.isLowerHex(s, start + FLAGS_OFFSET, start + FLAGS_OFFSET + 2);
  }

  @Override
  public String toString() {
    return "W3CTraceContextPropagator";
  }
}
