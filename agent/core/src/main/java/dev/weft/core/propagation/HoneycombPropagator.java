package dev.weft.core.propagation;

import dev.weft.api.Context;
import dev.weft.api.Span;
import dev.weft.api.SpanContext;
import dev.weft.api.propagation.TextMapGetter;
import dev.weft.api.propagation.TextMapPropagator;
import dev.weft.api.propagation.TextMapSetter;
import java.util.Collection;
import java.util.Collections;

/**
 * The {@code X-Honeycomb-Trace} header of Honeycomb's beelines, so that a Weft service joins
 * traces with services still instrumented by a beeline.
 *
 * <p>The header is {@code 1;trace_id=<id>,parent_id=<id>,context=<base64 json>,dataset=<url
 * encoded>}: a version ({@code 1} is the only one), then comma-separated {@code key=value}
 * clauses in any order, of which {@code trace_id} and {@code parent_id} are required.
 *
 * <p><b>Extract.</b> Beelines write trace ids in several shapes; the ones that map onto a
 * 128-bit id are accepted: 32 hex digits (the W3C-compatible id of current beelines), 16 hex
 * digits (left-padded with zeros) and a UUID with dashes whose 32 hex digits are then used. The
 * parent id must be 16 hex digits. Hex digits may be of either case. Anything else, an all-zero
 * id, a version other than {@code 1}, a clause without {@code =} or a missing id leaves the
 * context unchanged. The {@code context} (trace-level fields) and {@code dataset} clauses are
 * valid but not used: Weft has no place for trace-level fields, and sends spans to the dataset it
 * is configured with. The header has no sampled flag: beelines propagate only traces they keep
 * or decide per service, so an extracted context counts as sampled.
 *
 * <p><b>Inject</b> writes {@code 1;trace_id=<32 lowercase hex>,parent_id=<16 lowercase hex>},
 * the shape a beeline itself writes when it has no trace fields to pass on; an invalid context
 * writes nothing.
 *
 * <p>The key given to the getter and setter is {@code x-honeycomb-trace}. Immutable and
 * thread-safe; never throws.
 */
public final class HoneycombPropagator implements TextMapPropagator {

  public static final HoneycombPropagator INSTANCE = new HoneycombPropagator();

  static final String HEADER = "x-honeycomb-trace";

  private static final Collection<String> FIELDS = Collections.singletonList(HEADER);
  private static final String PREFIX = "1;trace_id=";
  private static final String PARENT = ",parent_id=";

  private HoneycombPropagator() {}

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
    int length = PREFIX.length() + 32 + PARENT.length() + 16;
    char[] chars = new char[length];
    PREFIX.getChars(0, PREFIX.length(), chars, 0);
    int at = PREFIX.length();
    SpanContext.writeHex(spanContext.traceIdHigh(), chars, at);
    SpanContext.writeHex(spanContext.traceIdLow(), chars, at + 16);
    at += 32;
    PARENT.getChars(0, PARENT.length(), chars, at);
    at += PARENT.length();
    SpanContext.writeHex(spanContext.spanId(), chars, at);
    CarrierAccess.set(setter, carrier, HEADER, new String(chars));
  }

  @Override
  public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
    Context base = context == null ? Context.root() : context;
    if (getter == null) {
      return base;
    }
    try {
      SpanContext extracted = parse(CarrierAccess.fieldValue(getter, carrier, HEADER));
      return extracted == null ? base : base.with(Span.wrap(extracted));
    } catch (RuntimeException e) {
      CarrierAccess.internalError("HoneycombPropagator", e);
      return base;
    }
  }

  /** The context of a header value, or null when absent or unusable. */
  static SpanContext parse(String value) {
    if (value == null) {
      return null;
    }
    int start = CarrierAccess.skipOws(value, 0, value.length());
    int end = CarrierAccess.trimOwsEnd(value, start, value.length());
    if (end - start < 2 || value.charAt(start) != '1' || value.charAt(start + 1) != ';') {
      return null;
    }
    int traceStart = -1;
    int traceEnd = -1;
    int parentStart = -1;
    int parentEnd = -1;
    int clauseStart = start + 2;
    while (clauseStart <= end) {
      int comma = value.indexOf(',', clauseStart);
      if (comma < 0 || comma > end) {
        comma = end;
      }
      if (comma > clauseStart) {
        int eq = value.indexOf('=', clauseStart);
        if (eq < 0 || eq >= comma) {
          return null; // a clause that is not key=value: the header is malformed
        }
        if (isKey(value, clauseStart, eq, "trace_id")) {
          if (traceStart >= 0) {
            return null; // two trace ids (a header sent twice): ambiguous
          }
          traceStart = eq + 1;
          traceEnd = comma;
        } else if (isKey(value, clauseStart, eq, "parent_id")) {
          if (parentStart >= 0) {
            return null;
          }
          parentStart = eq + 1;
          parentEnd = comma;
        }
        // context, dataset and keys of later beelines are not needed
      }
      clauseStart = comma + 1;
    }
    if (traceStart < 0 || parentStart < 0) {
      return null;
    }
    if (parentEnd - parentStart != 16 || !Hex.isHex(value, parentStart, parentEnd)) {
      return null;
    }
    long spanId = Hex.toLong(value, parentStart, parentEnd);
    long traceIdHigh;
    long traceIdLow;
    int traceLength = traceEnd - traceStart;
    if (traceLength == 32 && Hex.isHex(value, traceStart, traceEnd)) {
      traceIdHigh = Hex.toLong(value, traceStart, traceStart + 16);
      traceIdLow = Hex.toLong(value, traceStart + 16, traceEnd);
    } else if (traceLength == 16 && Hex.isHex(value, traceStart, traceEnd)) {
      traceIdHigh = 0L;
      traceIdLow = Hex.toLong(value, traceStart, traceEnd);
    } else if (traceLength == 36 && isUuid(value, traceStart)) {
      // 8-4-4-4-12: the high half is the first three groups, the low half the last two
      traceIdHigh =
          (Hex.toLong(value, traceStart, traceStart + 8) << 32)
              | (Hex.toLong(value, traceStart + 9, traceStart + 13) << 16)
              | Hex.toLong(value, traceStart + 14, traceStart + 18);
      traceIdLow =
          (Hex.toLong(value, traceStart + 19, traceStart + 23) << 48)
              | Hex.toLong(value, traceStart + 24, traceStart + 36);
    } else {
      return null;
    }
    if ((traceIdHigh == 0L && traceIdLow == 0L) || spanId == 0L) {
      return null;
    }
    return SpanContext.createFromRemote(
        traceIdHigh, traceIdLow, spanId, SpanContext.FLAG_SAMPLED, "");
  }

  /** Whether {@code s[at, at + 36)} is a UUID in its 8-4-4-4-12 hex form. */
  private static boolean isUuid(String s, int at) {
    return s.charAt(at + 8) == '-'
        && s.charAt(at + 13) == '-'
        && s.charAt(at + 18) == '-'
        && s.charAt(at + 23) == '-'
        && Hex.isHex(s, at, at + 8)
        && Hex.isHex(s, at + 9, at + 13)
        && Hex.isHex(s, at + 14, at + 18)
        && Hex.isHex(s, at + 19, at + 23)
        && Hex.isHex(s, at + 24, at + 36);
  }

  private static boolean isKey(String s, int from, int to, String key) {
    return to - from == key.length() && s.regionMatches(from, key, 0, key.length());
  }

  @Override
  public String toString() {
    return "HoneycombPropagator";
  }
}
