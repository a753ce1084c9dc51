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

/**
 * The B3 propagator of Zipkin, in its single-header ({@code b3}) or multi-header ({@code
 * X-B3-*}) form.
 *
 * <p><b>Extract</b> reads either form, whichever is present; when both are, a valid single
 * header wins. Trace ids are 16 or 32 lowercase hex digits (a 64-bit id is left-padded with
 * zeros), span ids 16, neither all zero.
 *
 * <ul>
 *   <li>Single: {@code {traceId}-{spanId}}, optionally followed by {@code -{sampling}} and then
 *       {@code -{parentSpanId}}, where sampling is {@code 0}, {@code 1} or {@code d} (debug,
 *       which implies sampled). Anything else in any field makes the header ignored. A header of
 *       a sampling decision alone ({@code b3: 0}) carries no ids and is ignored too.
 *   <li>Multi: {@code x-b3-traceid}, {@code x-b3-spanid}, {@code x-b3-sampled} ({@code 1} or
 *       the legacy {@code true} mean sampled, anything else or absence not sampled) and {@code
 *       x-b3-flags} ({@code 1} is debug, which implies sampled). {@code x-b3-parentspanid} is not
 *       needed and not read.
 * </ul>
 *
 * A B3 "deferred" decision (no sampling field) cannot be expressed by a span context, which has
 * only a sampled bit; as in the OpenTelemetry B3 propagator it reads as not sampled.
 *
 * <p><b>Inject</b> writes the configured form, as the OpenTelemetry B3 propagator does: single
 * {@code b3: {32 hex trace id}-{16 hex span id}-{1|0}}, or multi {@code x-b3-traceid}, {@code
 * x-b3-spanid} and {@code x-b3-sampled: 1|0}. Debug is not kept after extraction: it is sent on
 * as sampled. An invalid context writes nothing.
 *
 * <p>Keys given to the getter and setter are lower case. Immutable and thread-safe; never throws.
 */
public final class B3Propagator implements TextMapPropagator {

  static final String SINGLE_HEADER = "b3";
  static final String TRACE_ID_HEADER = "x-b3-traceid";
  static final String SPAN_ID_HEADER = "x-b3-spanid";
  static final String SAMPLED_HEADER = "x-b3-sampled";
  static final String FLAGS_HEADER = "x-b3-flags";

  private static final B3Propagator SINGLE = new B3Propagator(true);
  private static final B3Propagator MULTI = new B3Propagator(false);

  private static final Collection<String> SINGLE_FIELDS =
      Collections.singletonList(SINGLE_HEADER);
  private static final Collection<String> MULTI_FIELDS =
      Collections.unmodifiableList(Arrays.asList(TRACE_ID_HEADER, SPAN_ID_HEADER, SAMPLED_HEADER));

  private final boolean singleHeader;

  private B3Propagator(boolean singleHeader) {
    this.singleHeader = singleHeader;
  }

  /** The propagator that injects the single {@code b3} header ({@code otel.propagators=b3}). */
  public static B3Propagator singleHeader() {
    return SINGLE;
  }

  /** The propagator that injects the {@code X-B3-*} headers ({@code otel.propagators=b3multi}). */
  public static B3Propagator multiHeader() {
    return MULTI;
  }

  @Override
  public Collection<String> fields() {
    return singleHeader ? SINGLE_FIELDS : MULTI_FIELDS;
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
    if (singleHeader) {
      char[] chars = new char[51];
      SpanContext.writeHex(spanContext.traceIdHigh(), chars, 0);
      SpanContext.writeHex(spanContext.traceIdLow(), chars, 16);
      chars[32] = '-';
      SpanContext.writeHex(spanContext.spanId(), chars, 33);
      chars[49] = '-';
      chars[50] = spanContext.isSampled() ? '1' : '0';
      CarrierAccess.set(setter, carrier, SINGLE_HEADER, new String(chars));
    } else {
      if (CarrierAccess.set(setter, carrier, TRACE_ID_HEADER, spanContext.traceIdHex())) {
        CarrierAccess.set(setter, carrier, SPAN_ID_HEADER, spanContext.spanIdHex());
        CarrierAccess.set(setter, carrier, SAMPLED_HEADER, spanContext.isSampled() ? "1" : "0");
      }
    }
  }

  @Override
  public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
    Context base = context == null ? Context.root() : context;
    if (getter == null) {
      return base;
    }
    try {
      SpanContext extracted = extractSingle(CarrierAccess.fieldValue(getter, carrier, SINGLE_HEADER));
      if (extracted == null) {
        extracted = extractMulti(carrier, getter);
      }
      return extracted == null ? base : base.with(Span.wrap(extracted));
    } catch (RuntimeException e) {
      CarrierAccess.internalError("B3Propagator", e);
      return base;
    }
  }

  /** The context of a {@code b3} header, or null when absent or malformed. */
  static SpanContext extractSingle(String value) {
    if (value == null) {
      return null;
    }
    int start = CarrierAccess.skipOws(value, 0, value.length());
    int end = CarrierAccess.trimOwsEnd(value, start, value.length());
    int dash = value.indexOf('-', start);
    if (dash < 0 || dash >= end) {
      return null;
    }
    int traceIdLength = dash - start;
    if ((traceIdLength != 16 && traceIdLength != 32)
        || !Hex.isLowerHex(value, start, dash)) {
      return null;
    }
    int spanStart = dash + 1;
    int spanEnd = spanStart + 16;
    if (spanEnd > end || !Hex.isLowerHex(value, spanStart, spanEnd)) {
      return null;
    }
    boolean sampled = false;
    if (spanEnd < end) {
      // -{sampling}[-{parentSpanId}]
      if (value.charAt(spanEnd) != '-' || spanEnd + 2 > end) {
        return null;
      }
      char sampling = value.charAt(spanEnd + 1);
      if (sampling == '1' || sampling == 'd') {
        sampled = true;
      } else if (sampling != '0') {
        return null;
      }
      int parentDash = spanEnd + 2;
      if (parentDash < end
          && (value.charAt(parentDash) != '-'
              || end - parentDash - 1 != 16
              || !Hex.isLowerHex(value, parentDash + 1, end))) {
        return null;
      }
    }
    long traceIdHigh = traceIdLength == 32 ? Hex.toLong(value, start, start + 16) : 0L;
    long traceIdLow = Hex.toLong(value, dash - 16, dash);
    long spanId = Hex.toLong(value, spanStart, spanEnd);
    return remoteContext(traceIdHigh, traceIdLow, spanId, sampled);
  }

  /** The context of the {@code X-B3-*} headers, or null when absent or malformed. */
  private static <C> SpanContext extractMulti(C carrier, TextMapGetter<C> getter) {
    String traceId = CarrierAccess.fieldValue(getter, carrier, TRACE_ID_HEADER);
    if (traceId == null) {
      return null;
    }
    int traceStart = CarrierAccess.skipOws(traceId, 0, traceId.length());
    int traceEnd = CarrierAccess.trimOwsEnd(traceId, traceStart, traceId.length());
    int traceIdLength = traceEnd - traceStart;
    if ((traceIdLength != 16 && traceIdLength != 32)
        || !Hex.isLowerHex(traceId, traceStart, traceEnd)) {
      return null;
    }
    String spanId = CarrierAccess.fieldValue(getter, carrier, SPAN_ID_HEADER);
    if (spanId == null) {
      return null;
    }
    int spanStart = CarrierAccess.skipOws(spanId, 0, spanId.length());
    int spanEnd = CarrierAccess.trimOwsEnd(spanId, spanStart, spanId.length());
    if (spanEnd - spanStart != 16 || !Hex.isLowerHex(spanId, spanStart, spanEnd)) {
      return null;
    }
    boolean sampled = isOne(CarrierAccess.fieldValue(getter, carrier, FLAGS_HEADER));
    if (!sampled) {
      String decision = CarrierAccess.fieldValue(getter, carrier, SAMPLED_HEADER);
      sampled = isOne(decision) || (decision != null && "true".equalsIgnoreCase(decision.trim()));
    }
    long traceIdHigh =
        traceIdLength == 32 ? Hex.toLong(traceId, traceStart, traceStart + 16) : 0L;
    long traceIdLow = Hex.toLong(traceId, traceEnd - 16, traceEnd);
    return remoteContext(
        traceIdHigh, traceIdLow, Hex.toLong(spanId, spanStart, spanEnd), sampled);
  }

  private static boolean isOne(String value) {
    if (value == null) {
      return false;
    }
    int start = CarrierAccess.skipOws(value, 0, value.length());
    int end = CarrierAccess.trimOwsEnd(value, start, value.length());
    return end - start == 1 && value.charAt(start) == '1';
  }

  private static SpanContext remoteContext(
      long traceIdHigh, long traceIdLow, long spanId, boolean sampled) {
    if ((traceIdHigh == 0L && traceIdLow == 0L) || spanId == 0L) {
      return null;
    }
    return SpanContext.createFromRemote(
        traceIdHigh, traceIdLow, spanId, sampled ? SpanContext.FLAG_SAMPLED : 0, "");
  }

  @Override
  public String toString() {
    return singleHeader ? "B3Propagator{single}" : "B3Propagator{multi}";
  }
}
