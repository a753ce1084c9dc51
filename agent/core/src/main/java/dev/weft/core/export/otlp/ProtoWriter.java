package dev.weft.core.export.otlp;

/**
 * The protobuf wire format, written into an array whose exact size is known beforehand: tags,
 * varints, little-endian fixed32/fixed64, and length-delimited fields whose length the caller
 * computed first. The static {@code sizeOf*} methods give the sizes that the write methods then
 * produce, byte for byte.
 *
 * <p>Deliberately tiny and unchecked: the caller sizes the array with the same rules, and {@link
 * #toByteArray()} verifies that exactly that many bytes were written. Not thread-safe: one
 * instance per encoding.
 */
final class ProtoWriter {

  static final int WIRETYPE_VARINT = 0;
  static final int WIRETYPE_FIXED64 = 1;
  static final int WIRETYPE_LENGTH_DELIMITED = 2;
  static final int WIRETYPE_FIXED32 = 5;

  private final byte[] buffer;
  private int position;

  ProtoWriter(int size) {
    this.buffer = new byte[size];
  }

  /** The key of a field: its number and wire type, written as a varint before the value. */
  static int tag(int fieldNumber, int wireType) {
    return fieldNumber << 3 | wireType;
  }

  /** Bytes of {@code value} as a varint; negative values take 10 bytes, as for int64. */
  static int sizeOfVarint(long value) {
    // 7 payload bits per byte; value | 1 makes zero take one byte.
    return 1 + (63 - Long.numberOfLeadingZeros(value | 1L)) / 7;
  }

  /** Bytes of a whole length-delimited field: tag, length varint, and {@code length} bytes. */
  static int sizeOfLengthDelimited(int tag, int length) {
    return sizeOfVarint(tag) + sizeOfVarint(length) + length;
  }

  /** Bytes of a whole varint field. */
  static int sizeOfVarintField(int tag, long value) {
    return sizeOfVarint(tag) + sizeOfVarint(value);
  }

  /** Bytes of a whole fixed64 or double field. */
  static int sizeOfFixed64Field(int tag) {
    return sizeOfVarint(tag) + 8;
  }

  /** Bytes of a whole fixed32 field. */
  static int sizeOfFixed32Field(int tag) {
    return sizeOfVarint(tag) + 4;
  }

  void writeVarint(long value) {
    byte[] b = buffer;
    int p = position;
    while ((value & ~0x7FL) != 0) {
      b[p++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    b[p++] = (byte) value;
    position = p;
  }

  void writeVarintField(int tag, long value) {
    writeVarint(tag);
    writeVarint(value);
  }

  /** The tag and length of a length-delimited field; its {@code length} bytes follow. */
  void writeLengthDelimitedHeader(int tag, int length) {
    writeVarint(tag);
    writeVarint(length);
  }

  void writeFixed64Field(int tag, long value) {
    writeVarint(tag);
    byte[] b = buffer;
    int p = position;
    for (int i = 0; i < 8; i++) {
      b[p++] = (byte) value;
      value >>>= 8;
    }
    position = p;
  }

  void writeFixed32Field(int tag, int value) {
    writeVarint(tag);
    byte[] b = buffer;
    int p = position;
    b[p++] = (byte) value;
    b[p++] = (byte) (value >>> 8);
    b[p++] = (byte) (value >>> 16);
    b[p++] = (byte) (value >>> 24);
    position = p;
  }

  /** A string field; the caller computed {@code utf8Length} with {@link Utf8#length}. */
  void writeStringField(int tag, String value, int utf8Length) {
    writeLengthDelimitedHeader(tag, utf8Length);
    position = Utf8.encode(value, buffer, position);
  }

  void writeBytesField(int tag, byte[] value) {
    writeLengthDelimitedHeader(tag, value.length);
    System.arraycopy(value, 0, buffer, position, value.length);
    position += value.length;
  }

  /** A 16-byte trace id field, most significant byte first (the W3C and OTLP byte order). */
  void writeTraceIdField(int tag, long high, long low) {
    writeLengthDelimitedHeader(tag, 16);
    writeBigEndian(high);
    writeBigEndian(low);
  }

  /** An 8-byte span id field, most significant byte first. */
  void writeSpanIdField(int tag, long spanId) {
    writeLengthDelimitedHeader(tag, 8);
    writeBigEndian(spanId);
  }

  private void writeBigEndian(long value) {
    byte[] b = buffer;
    int p = position;
    for (int shift = 56; shift >= 0; shift -= 8) {
      b[p++] = (byte) (value >>> shift);
    }
    position = p;
  }

  /**
   * The written bytes.
   *
   * @throws IllegalStateException if fewer bytes were written than the size given at
   *     construction: the size and write passes disagreed, and the result would be corrupt
   *     (writing more fails earlier, with an index out of bounds)
   */
  byte[] toByteArray() {
    if (position != buffer.length) {
      throw new IllegalStateException(
          "OTLP encoding wrote " + position + " bytes, expected " + buffer.length);
    }
    return buffer;
  }
}
