package dev.weft.smoke;

import com.google.protobuf.ByteString;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** Trace and span ids for the tests: random, never all zero, as lowercase hex. Stateless. */
final class Ids {

  private static final HexFormat HEX = HexFormat.of();

  private Ids() {}

  static String randomTraceId() {
    return randomHex(16);
  }

  static String randomSpanId() {
    return randomHex(8);
  }

  /** A W3C traceparent value for a sampled remote parent. */
  static String traceparent(String traceId, String spanId) {
    return "00-" + traceId + "-" + spanId + "-01";
  }

  /** Lowercase hex of the id bytes; the empty string for an absent (empty) id. */
  static String hex(ByteString id) {
    return HEX.formatHex(id.toByteArray());
  }

  /** Parses lowercase or uppercase hex; throws IllegalArgumentException on anything else. */
  static byte[] parseHex(String hex) {
    return HEX.parseHex(hex);
  }

  static boolean isValidNonZero(String hex, int bytes) {
    if (hex.length() != bytes * 2) {
      return false;
    }
    for (int i = 0; i < hex.length(); i++) {
      if (Character.digit(hex.charAt(i), 16) < 0) {
        return false;
      }
    }
    return !hex.chars().allMatch(c -> c == '0');
  }

  private static String randomHex(int bytes) {
    byte[] id = new byte[bytes];
    do {
      ThreadLocalRandom.current().nextBytes(id);
    } while (isAllZero(id));
    return HEX.formatHex(id);
  }

  private static boolean isAllZero(byte[] id) {
    for (byte b : id) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }
}
