package dev.weft.core.view;

import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;

/**
 * The characters a terminal waterfall is drawn with: box-drawing lines and eighth-blocks where the
 * output's character set has them, plain ASCII where it does not (a JVM started without a UTF-8
 * locale writes {@code ?} for anything else). Immutable and thread-safe.
 */
final class Glyphs {

  static final Glyphs UNICODE =
      new Glyphs("├─ ", "└─ ", "│  ", "   ", '█', "▏▎▍▌▋▊▉", '·', "✗", "↳");
  static final Glyphs ASCII = new Glyphs("+- ", "`- ", "|  ", "   ", '#', "", '.', "!", "<-");

  final String tee;
  final String corner;
  final String vertical;
  final String blank;
  final char full;
  /** One to seven eighths of a cell, or empty when the cells are whole only. */
  final String eighths;
  final char tick;
  final String error;
  final String remote;

  private Glyphs(
      String tee,
      String corner,
      String vertical,
      String blank,
      char full,
      String eighths,
      char tick,
      String error,
      String remote) {
    this.tee = tee;
    this.corner = corner;
    this.vertical = vertical;
    this.blank = blank;
    this.full = full;
    this.eighths = eighths;
    this.tick = tick;
    this.error = error;
    this.remote = remote;
  }

  /** UNICODE when {@code charset} can encode all of it, else ASCII. */
  static Glyphs forCharset(Charset charset) {
    try {
      CharsetEncoder encoder = charset.newEncoder();
      return encoder.canEncode("├─└│█▏▎▍▌▋▊▉·✗↳") ? UNICODE : ASCII;
    } catch (UnsupportedOperationException e) {
      return ASCII;
    }
  }

  /**
   * The character set standard output writes: {@code stdout.encoding} (JDK 18+), else {@code
   * sun.stdout.encoding} (set when it is a console), else the default.
   */
  static Charset stdout() {
    for (String property : new String[] {"stdout.encoding", "sun.stdout.encoding"}) {
      String name = System.getProperty(property);
      if (name != null) {
        try {
          return Charset.forName(name);
        } catch (RuntimeException e) {
          // an unknown name: try the next
        }
      }
    }
    return Charset.defaultCharset();
  }
}
