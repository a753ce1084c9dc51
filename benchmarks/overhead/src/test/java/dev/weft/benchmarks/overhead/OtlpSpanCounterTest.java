package dev.weft.benchmarks.overhead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class OtlpSpanCounterTest {

  @Test
  void countsSpansAcrossResourcesAndScopes() {
    byte[] span = message(field(1, new byte[16]), field(5, "GET /".getBytes()));
    byte[] scope = message(field(1, message(field(1, "jdbc".getBytes()))),
        field(2, span), field(2, span), field(3, "schema".getBytes()));
    byte[] otherScope = message(field(2, span));
    byte[] resource = message(field(1, new byte[3]), field(2, scope), field(2, otherScope));
    byte[] request = message(field(1, resource), field(1, message(field(2, otherScope))));

    assertEquals(4, OtlpSpanCounter.countSpans(request));
  }

  @Test
  void emptyRequestHasNoSpans() {
    assertEquals(0, OtlpSpanCounter.countSpans(new byte[0]));
  }

  @Test
  void truncatedRequestIsRejected() {
    byte[] request = field(1, message(field(2, new byte[10])));
    byte[] truncated = java.util.Arrays.copyOf(request, request.length - 3);

    assertThrows(IllegalArgumentException.class, () -> OtlpSpanCounter.countSpans(truncated));
  }

  private static byte[] message(byte[]... fields) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] f : fields) {
      out.writeBytes(f);
    }
    return out.toByteArray();
  }

  /** A length-delimited field. */
  private static byte[] field(int number, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    varint(out, (number << 3) | 2);
    varint(out, value.length);
    out.writeBytes(value);
    return out.toByteArray();
  }

  private static void varint(ByteArrayOutputStream out, long value) {
    while ((value & ~0x7fL) != 0) {
      out.write((int) ((value & 0x7f) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
  }
}
