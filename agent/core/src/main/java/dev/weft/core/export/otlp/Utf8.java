package dev.weft.core.export.otlp;

/**
 * UTF-8 for the OTLP encoders, written straight into the output without an intermediate {@code
 * byte[]} per string.
 *
 * <p>One rule for text that is not valid UTF-16: an unpaired surrogate becomes {@code '?'}, as
 * {@link String#getBytes(java.nio.charset.Charset)} and protobuf-java do it. Both encoders apply
 * it ({@link #length}/{@link #encode} for protobuf, {@link #replaceUnpairedSurrogates} for
 * JSON), so the same batch reads the same in either encoding. Stateless and thread-safe.
 */
public final class Utf8 {

  /** What an unpaired surrogate is written as. */
  static final char REPLACEMENT = '?';

  private Utf8() {}

  /** The number of bytes {@link #encode} writes for {@code s}. */
  static int length(String s) {
    int n = s.length();
    int bytes = n;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        continue;
      }
      if (c < 0x800) {
        bytes += 1;
      } else if (!Character.isSurrogate(c)) {
        bytes += 2;
      } else if (isPairAt(s, i, n)) {
        bytes += 2; // 4 bytes for the 2 chars of the pair
        i++;
      }
      // an unpaired surrogate is one REPLACEMENT byte: already counted
    }
    return bytes;
  }

  /**
   * Writes the UTF-8 of {@code s} into {@code dest} from {@code offset}, which must have room for
   * {@link #length}{@code (s)} bytes.
   *
   * @return the offset after the last byte written
   */
  static int encode(String s, byte[] dest, int offset) {
    int n = s.length();
    int p = offset;
    int i = 0;
    // Most text on spans (keys, names, URLs) is ASCII: copy it without the branches below.
    while (i < n) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        break;
      }
      dest[p++] = (byte) c;
      i++;
    }
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        dest[p++] = (byte) c;
      } else if (c < 0x800) {
        dest[p++] = (byte) (0xC0 | c >>> 6);
        dest[p++] = (byte) (0x80 | (c & 0x3F));
      } else if (!Character.isSurrogate(c)) {
        dest[p++] = (byte) (0xE0 | c >>> 12);
        dest[p++] = (byte) (0x80 | (c >>> 6 & 0x3F));
        dest[p++] = (byte) (0x80 | (c & 0x3F));
      } else if (isPairAt(s, i, n)) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        dest[p++] = (byte) (0xF0 | cp >>> 18);
        dest[p++] = (byte) (0x80 | (cp >>> 12 & 0x3F));
        dest[p++] = (byte) (0x80 | (cp >>> 6 & 0x3F));
        dest[p++] = (byte) (0x80 | (cp & 0x3F));
      } else {
        dest[p++] = (byte) REPLACEMENT;
      }
    }
    return p;
  }

  /** The UTF-8 of {@code s} in a new array; for values encoded once and reused. */
  static byte[] toBytes(String s) {
    byte[] bytes = new byte[length(s)];
    encode(s, bytes, 0);
    return bytes;
  }

  /**
   * {@code s} with every unpaired surrogate replaced by {@link #REPLACEMENT}; {@code s} itself
   * (no copy) when it has none, which is nearly always.
   */
  public static String replaceUnpairedSurrogates(String s) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (!isPairAt(s, i, n)) {
          return replaceFrom(s, i);
        }
        i++;
      }
    }
    return s;
  }

  private static String replaceFrom(String s, int firstBad) {
    char[] chars = s.toCharArray();
    int n = chars.length;
    chars[firstBad] = REPLACEMENT;
    for (int i = firstBad + 1; i < n; i++) {
      if (Character.isSurrogate(chars[i])) {
        if (isPairAt(s, i, n)) {
          i++;
        } else {
          chars[i] = REPLACEMENT;
        }
      }
    }
    return new String(chars);
  }

  /** Whether a high surrogate at {@code i} is followed by a low one. */
  private static boolean isPairAt(String s, int i, int n) {
    return Character.isHighSurrogate(s.charAt(i))
        && i + 1 < n
        && Character.isLowSurrogate(s.charAt(i + 1));
  }
}
