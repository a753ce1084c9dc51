package dev.weft.instrumentation.opentelemetryapi;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.TraceStateBuilder;
import java.util.function.BiConsumer;

/**
 * Converts span contexts between the application's OpenTelemetry API and the agent's: the same
 * ids, flags, trace state and remoteness. Stateless and thread-safe.
 */
final class SpanContexts {

  private SpanContexts() {}

  static SpanContext toApplication(dev.weft.api.SpanContext weft) {
    if (!weft.isValid()) {
      return SpanContext.getInvalid();
    }
    TraceFlags flags = TraceFlags.fromByte(weft.traceFlags());
    TraceState state = traceState(weft.traceState());
    return weft.isRemote()
        ? SpanContext.createFromRemoteParent(weft.traceIdHex(), weft.spanIdHex(), flags, state)
        : SpanContext.create(weft.traceIdHex(), weft.spanIdHex(), flags, state);
  }

  static dev.weft.api.SpanContext toWeft(SpanContext application) {
    if (application == null || !application.isValid()) {
      return dev.weft.api.SpanContext.INVALID;
    }
    String traceId = application.getTraceId();
    String spanId = application.getSpanId();
    long traceIdHigh = parseHex(traceId, 0);
    long traceIdLow = parseHex(traceId, 16);
    long spanIdValue = parseHex(spanId, 0);
    byte flags = application.getTraceFlags().asByte();
    String state = traceState(application.getTraceState());
    return application.isRemote()
        ? dev.weft.api.SpanContext.createFromRemote(
            traceIdHigh, traceIdLow, spanIdValue, flags, state)
        : dev.weft.api.SpanContext.create(traceIdHigh, traceIdLow, spanIdValue, flags, state);
  }

  /** 16 hex characters of {@code hex} from {@code offset}; a valid context has only those. */
  private static long parseHex(String hex, int offset) {
    long value = 0L;
    for (int i = offset; i < offset + 16; i++) {
      value = (value << 4) | Character.digit(hex.charAt(i), 16);
    }
    return value;
  }

  /** The W3C {@code tracestate} text the agent keeps, as the API's object. */
  private static TraceState traceState(String header) {
    if (header.isEmpty()) {
      return TraceState.getDefault();
    }
    // The builder puts each new member first, so members go in from the last one.
    String[] members = header.split(",");
    TraceStateBuilder builder = TraceState.builder();
    for (int i = members.length - 1; i >= 0; i--) {
      String member = members[i].trim();
      int equals = member.indexOf('=');
      if (equals > 0) {
        builder.put(member.substring(0, equals), member.substring(equals + 1));
      }
    }
    return builder.build();
  }

  private static String traceState(TraceState state) {
    if (state == null || state.isEmpty()) {
      return "";
    }
    HeaderWriter writer = new HeaderWriter();
    state.forEach(writer);
    return writer.header.toString();
  }

  /** Joins trace state members, in their order, into a {@code tracestate} value. */
  private static final class HeaderWriter implements BiConsumer<String, String> {
    final StringBuilder header = new StringBuilder();

    @Override
    public void accept(String key, String value) {
      if (header.length() > 0) {
        header.append(',');
      }
      header.append(key).append('=').append(value);
    }
  }
}
