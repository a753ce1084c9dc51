package dev.weft.api;

/**
 * The identity of a span that travels with it in process and across processes: a 16-byte trace
 * id, an 8-byte span id, the W3C trace flags ("sampled", and Level 2's "random trace id") and
 * the vendor trace state.
 *
 * <p>Ids are held as {@code long}s and turned into hex only when something asks for the text
 * (export, header injection), so creating a span never formats a string. A valid context has a
 * trace id and a span id that are not all zero. Immutable and thread-safe.
 */
public final class SpanContext {

  /** The trace flags bit that says the trace is sampled. */
  public static final byte FLAG_SAMPLED = 0x01;

  /**
   * The trace flags bit that says at least the right-most 7 bytes of the trace id are random (W3C
   * Trace Context Level 2). Set on traces this process starts, and carried unchanged from a
   * remote parent, since only the process that made the trace id knows how it made it.
   */
  public static final byte FLAG_RANDOM = 0x02;

  /** The context of no span: all-zero ids. Never propagated. */
  public static final SpanContext INVALID = new SpanContext(0L, 0L, 0L, (byte) 0, "", false);

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final long traceIdHigh;
  private final long traceIdLow;
  private final long spanId;
  private final byte traceFlags;
  private final String traceState;
  private final boolean remote;

  private SpanContext(
      long traceIdHigh,
      long traceIdLow,
      long spanId,
      byte traceFlags,
      String traceState,
      boolean remote) {
    this.traceIdHigh = traceIdHigh;
    this.traceIdLow = traceIdLow;
    this.spanId = spanId;
    this.traceFlags = traceFlags;
    this.traceState = traceState;
    this.remote = remote;
  }

  /**
   * A context created in this process.
   *
   * @param traceState the W3C {@code tracestate} value to carry on, or {@code ""} for none
   */
  public static SpanContext create(
      long traceIdHigh, long traceIdLow, long spanId, byte traceFlags, String traceState) {
    return new SpanContext(
        traceIdHigh, traceIdLow, spanId, traceFlags, traceState == null ? "" : traceState, false);
  }

  /** A context extracted from another process; its span is the remote parent of local spans. */
  public static SpanContext createFromRemote(
      long traceIdHigh, long traceIdLow, long spanId, byte traceFlags, String traceState) {
    return new SpanContext(
        traceIdHigh, traceIdLow, spanId, traceFlags, traceState == null ? "" : traceState, true);
  }

  public long traceIdHigh() {
    return traceIdHigh;
  }

  public long traceIdLow() {
    return traceIdLow;
  }

  public long spanId() {
    return spanId;
  }

  public byte traceFlags() {
    return traceFlags;
  }

  /** The W3C {@code tracestate} value, {@code ""} when there is none. Never null. */
  public String traceState() {
    return traceState;
  }

  public boolean isSampled() {
    return (traceFlags & FLAG_SAMPLED) != 0;
  }

  /** Whether the trace id is known to be random in at least its right-most 7 bytes. */
  public boolean isRandomTraceId() {
    return (traceFlags & FLAG_RANDOM) != 0;
  }

  /** Whether this context came from another process. */
  public boolean isRemote() {
    return remote;
  }

  /** Whether trace id and span id are both non-zero. */
  public boolean isValid() {
    return (traceIdHigh != 0L || traceIdLow != 0L) && spanId != 0L;
  }

  /** The trace id as 32 lowercase hex characters. */
  public String traceIdHex() {
    char[] chars = new char[32];
    writeHex(traceIdHigh, chars, 0);
    writeHex(traceIdLow, chars, 16);
    return new String(chars);
  }

  /** The span id as 16 lowercase hex characters. */
  public String spanIdHex() {
    return toHex(spanId);
  }

  /** {@code value} as 16 lowercase hex characters. */
  public static String toHex(long value) {
    char[] chars = new char[16];
    writeHex(value, chars, 0);
    return new String(chars);
  }

  /** Writes {@code value} as 16 lowercase hex characters into {@code dest} at {@code offset}. */
  public static void writeHex(long value, char[] dest, int offset) {
    for (int i = 15; i >= 0; i--) {
      dest[offset + i] = HEX[(int) (value & 0xF)];
      value >>>= 4;
    }
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof SpanContext)) {
      return false;
    }
    SpanContext that = (SpanContext) o;
    return traceIdHigh == that.traceIdHigh
        && traceIdLow == that.traceIdLow
        && spanId == that.spanId
        && traceFlags == that.traceFlags
        && remote == that.remote
        && traceState.equals(that.traceState);
  }

  @Override
  public int hashCode() {
    long h = traceIdHigh * 31 + traceIdLow;
    h = h * 31 + spanId;
    return (int) (h ^ (h >>> 32)) * 31 + traceFlags;
  }

  @Override
  public String toString() {
    return "SpanContext{traceId="
        + traceIdHex()
        + ", spanId="
        + spanIdHex()
        + ", sampled="
        + isSampled()
        + (remote ? ", remote" : "")
        + (traceState.isEmpty() ? "" : ", traceState=" + traceState)
        + '}';
  }
}
