package dev.weft.core.propagation;

/**
 * Hexadecimal validation and decoding straight from a header string into {@code long}s, without
 * substrings or intermediate arrays: it runs on every incoming request. Stateless.
 */
final class Hex {

  /** Digit value of each ASCII character for lowercase hex, or -1. */
  private static final byte[] LOWER = new byte[128];

  /** Digit value of each ASCII character for hex of either case, or -1. */
  private static final byte[] ANY_CASE = new byte[128];

  static {
    for (int i = 0; i < 128; i++) {
      LOWER[i] = -1;
      ANY_CASE[i] = -1;
    }
    for (int i = 0; i < 10; i++) {
      LOWER['0' + i] = (byte) i;
      ANY_CASE['0' + i] = (byte) i;
    }
    for (int i = 0; i < 6; i++) {
      LOWER['a' + i] = (byte) (10 + i);
      ANY_CASE['a' + i] = (byte) (10 + i);
      ANY_CASE['A' + i] = (byte) (10 + i);
    }
  }

  private Hex() {}

  /** Whether {@code s[from, to)} is non-empty and only lowercase hex digits. */
  static boolean isLowerHex(String s, int from, int to) {
    return allIn(LOWER, s, from, to);
  }

  /** Whether {@code s[from, to)} is non-empty and only hex digits of either case. */
  static boolean isHex(String s, int from, int to) {
    return allIn(ANY_CASE, s, from, to);
  }

  private static boolean allIn(byte[] table, String s, int from, int to) {
    if (from >= to) {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c >= 128 || table[c] < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * The value of the hex digits {@code s[from, to)}, at most 16 of them; the caller has checked
   * them with {@link #isHex} or {@link #isLowerHex}.
   */
  static long toLong(String s, int from, int to) {
    long value = 0L;
    for (int i = from; i < to; i++) {
      value = (value << 4) | ANY_CASE[s.charAt(i)];
    }
    return value;
  }

  /** The value of one hex digit, or -1 when {@code c} is not one. */
  static int digit(char c) {
    return c < 128 ? ANY_CASE[c] : -1;
  }
}
