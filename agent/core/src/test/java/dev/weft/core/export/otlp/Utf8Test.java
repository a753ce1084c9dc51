package dev.weft.core.export.otlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The JDK's own UTF-8 encoder, which writes '?' for an unpaired surrogate, is the oracle. */
class Utf8Test {

  private static final String[] SAMPLES = {
    "",
    "ascii only",
    "é",
    "\u07FF\u0800",
    "\uFFFF",
    "😀",
    "a😀b𠮷c",
    "\uD800",
    "\uDC00",
    "\uDC00\uD800",
    "x\uD800",
    "\uD800x",
    "\uD800\uD800\uDC00",
    "ascii then ü then \uDBFF",
  };

  @Test
  void encode_samples_matchTheJdk() {
    for (String s : SAMPLES) {
      assertMatchesJdk(s);
    }
  }

  @Test
  void encode_randomText_matchesTheJdk() {
    Random random = new Random(42);
    for (int n = 0; n < 2000; n++) {
      char[] chars = new char[random.nextInt(20)];
      for (int i = 0; i < chars.length; i++) {
        // bias towards the interesting ranges: ASCII, 2-byte, 3-byte, surrogates
        int range = random.nextInt(4);
        chars[i] =
            (char)
                (range == 0
                    ? random.nextInt(0x80)
                    : range == 1
                        ? 0x80 + random.nextInt(0x780)
                        : range == 2 ? random.nextInt(0x10000) : 0xD800 + random.nextInt(0x800));
      }
      assertMatchesJdk(new String(chars));
    }
  }

  @Test
  void replaceUnpairedSurrogates_validText_returnsTheSameInstance() {
    String s = "a😀b";
    assertSame(s, Utf8.replaceUnpairedSurrogates(s));
  }

  private static void assertMatchesJdk(String s) {
    byte[] expected = s.getBytes(StandardCharsets.UTF_8);
    assertEquals(expected.length, Utf8.length(s), s);
    byte[] actual = new byte[expected.length + 2];
    assertEquals(expected.length + 1, Utf8.encode(s, actual, 1));
    byte[] written = new byte[expected.length];
    System.arraycopy(actual, 1, written, 0, written.length);
    assertArrayEquals(expected, written, s);
    assertEquals(new String(expected, StandardCharsets.UTF_8), Utf8.replaceUnpairedSurrogates(s));
  }
}
