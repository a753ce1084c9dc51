package dev.weft.benchmarks.overhead;

/**
 * Counts the spans in an OTLP {@code ExportTraceServiceRequest} by walking its protobuf wire
 * format, without generated classes: {@code resource_spans} (field 1) hold {@code scope_spans}
 * (field 2), which hold {@code spans} (field 2). Every other field is skipped by its wire type.
 *
 * <p>Stateless and thread-safe.
 */
final class OtlpSpanCounter {

  private static final int VARINT = 0;
  private static final int FIXED64 = 1;
  private static final int LENGTH_DELIMITED = 2;
  private static final int FIXED32 = 5;

  private OtlpSpanCounter() {}

  /** The number of spans in the request; throws on a malformed message. */
  static long countSpans(byte[] request) {
    long count = 0;
    Reader resourceSpans = new Reader(request, 0, request.length);
    while (resourceSpans.hasMore()) {
      int[] slice = resourceSpans.nextField(1);
      if (slice == null) {
        continue;
      }
      Reader scopeSpans = new Reader(request, slice[0], slice[1]);
      while (scopeSpans.hasMore()) {
        int[] scope = scopeSpans.nextField(2);
        if (scope == null) {
          continue;
        }
        Reader spans = new Reader(request, scope[0], scope[1]);
        while (spans.hasMore()) {
          if (spans.nextField(2) != null) {
            count++;
          }
        }
      }
    }
    return count;
  }

  /** Reads the fields of one message between two offsets. */
  private static final class Reader {
    private final byte[] bytes;
    private int position;
    private final int end;

    Reader(byte[] bytes, int position, int end) {
      this.bytes = bytes;
      this.position = position;
      this.end = end;
    }

    boolean hasMore() {
      return position < end;
    }

    /**
     * Reads the next field: the {@code [start, end)} of its bytes when it is the wanted
     * length-delimited field, or null after skipping it when it is anything else.
     */
    int[] nextField(int wanted) {
      long tag = varint();
      int field = (int) (tag >>> 3);
      int wireType = (int) (tag & 7);
      switch (wireType) {
        case VARINT -> varint();
        case FIXED64 -> skip(8);
        case FIXED32 -> skip(4);
        case LENGTH_DELIMITED -> {
          int length = (int) varint();
          int start = position;
          skip(length);
          if (field == wanted) {
            return new int[] {start, start + length};
          }
        }
        default -> throw new IllegalArgumentException("unsupported wire type " + wireType);
      }
      return null;
    }

    private long varint() {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (position >= end) {
          throw new IllegalArgumentException("truncated varint");
        }
        byte b = bytes[position++];
        value |= (long) (b & 0x7f) << shift;
        if (b >= 0) {
          return value;
        }
      }
      throw new IllegalArgumentException("varint too long");
    }

    private void skip(int length) {
      if (length < 0 || position + length > end) {
        throw new IllegalArgumentException("field runs past its message");
      }
      position += length;
    }
  }
}
