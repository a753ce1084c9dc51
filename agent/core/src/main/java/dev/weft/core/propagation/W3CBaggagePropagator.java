package dev.weft.core.propagation;

import dev.weft.api.Baggage;
import dev.weft.api.Context;
import dev.weft.api.propagation.TextMapGetter;
import dev.weft.api.propagation.TextMapPropagator;
import dev.weft.api.propagation.TextMapSetter;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;

/**
 * The W3C Baggage propagator: the {@code baggage} header.
 *
 * <p>The header is a comma-separated list of {@code key=value} members, each optionally followed
 * by {@code ;}-separated properties ({@code key} or {@code key=value}). Keys are RFC 7230 tokens,
 * values are percent-encoded UTF-8 made of the {@code baggage-octet} characters, and spaces and
 * tabs around keys, values, properties and separators are ignored.
 *
 * <p><b>Extract</b> reads the members in order and adds each valid one to the context's baggage
 * (a name already present is replaced), its value percent-decoded (malformed UTF-8 becomes
 * U+FFFD; a {@code %} not followed by two hex digits stays literal) and its properties kept
 * verbatim, trimmed, as the entry's metadata. An invalid member (no {@code =}, a key that is not a
 * token, a character a value may not hold, a malformed property) is skipped and the others kept.
 * At most 180 members and 8192 bytes of members are taken; members beyond that are dropped whole,
 * never cut. A header with no valid member leaves the context unchanged.
 *
 * <p><b>Inject</b> writes the baggage as {@code name=value;metadata}, values percent-encoded
 * (every character outside {@code baggage-octet}, and {@code %} itself), within the same limits;
 * an entry whose name is not a token is skipped, and metadata that is not a valid property list is
 * left off. Empty baggage writes nothing.
 *
 * <p>Keys given to the getter are lower case. Immutable and thread-safe; never throws.
 */
public final class W3CBaggagePropagator implements TextMapPropagator {

  public static final W3CBaggagePropagator INSTANCE = new W3CBaggagePropagator();

  static final String BAGGAGE = "baggage";
  static final int MAX_MEMBERS = 180;
  static final int MAX_BYTES = 8192;

  private static final Collection<String> FIELDS = Collections.singletonList(BAGGAGE);
  private static final char[] HEX_UPPER = "0123456789ABCDEF".toCharArray();

  private W3CBaggagePropagator() {}

  @Override
  public Collection<String> fields() {
    return FIELDS;
  }

  @Override
  public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
    if (context == null || setter == null) {
      return;
    }
    Baggage baggage = context.baggage();
    if (baggage.isEmpty()) {
      return;
    }
    String header;
    try {
      header = encode(baggage);
    } catch (RuntimeException e) {
      CarrierAccess.internalError("W3CBaggagePropagator", e);
      return;
    }
    if (header != null) {
      CarrierAccess.set(setter, carrier, BAGGAGE, header);
    }
  }

  @Override
  public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
    Context base = context == null ? Context.root() : context;
    if (getter == null) {
      return base;
    }
    String header = CarrierAccess.fieldValue(getter, carrier, BAGGAGE);
    if (header == null || header.isEmpty()) {
      return base;
    }
    try {
      Baggage baggage = decode(header, base.baggage());
      return baggage == null ? base : base.with(baggage);
    } catch (RuntimeException e) {
      CarrierAccess.internalError("W3CBaggagePropagator", e);
      return base;
    }
  }

  /** {@code into} with the header's valid members added, or null when it has none. */
  static Baggage decode(String header, Baggage into) {
    Baggage baggage = into;
    int taken = 0;
    int bytes = 0;
    int length = header.length();
    int memberStart = 0;
    while (memberStart <= length && taken < MAX_MEMBERS) {
      int comma = header.indexOf(',', memberStart);
      if (comma < 0) {
        comma = length;
      }
      int start = CarrierAccess.skipOws(header, memberStart, comma);
      int end = CarrierAccess.trimOwsEnd(header, start, comma);
      memberStart = comma + 1;
      int memberBytes = end - start;
      if (memberBytes == 0) {
        continue;
      }
      int newBytes = bytes + (taken == 0 ? 0 : 1) + memberBytes;
      if (newBytes > MAX_BYTES) {
        continue; // dropped whole; a later, shorter member may still fit
      }
      Baggage withMember = decodeMember(header, start, end, baggage);
      if (withMember != null) {
        baggage = withMember;
        bytes = newBytes;
        taken++;
      }
    }
    return taken == 0 ? null : baggage;
  }

  /** {@code baggage} with the member {@code s[start, end)} added, or null when it is invalid. */
  private static Baggage decodeMember(String s, int start, int end, Baggage baggage) {
    int eq = s.indexOf('=', start);
    if (eq < 0 || eq >= end) {
      return null;
    }
    int keyEnd = CarrierAccess.trimOwsEnd(s, start, eq);
    if (!isToken(s, start, keyEnd)) {
      return null;
    }
    int valueStart = CarrierAccess.skipOws(s, eq + 1, end);
    int semicolon = s.indexOf(';', valueStart);
    if (semicolon >= end) {
      semicolon = -1;
    }
    int valueEnd = CarrierAccess.trimOwsEnd(s, valueStart, semicolon < 0 ? end : semicolon);
    if (!isValue(s, valueStart, valueEnd)) {
      return null;
    }
    String metadata = "";
    if (semicolon >= 0) {
      int propertiesStart = CarrierAccess.skipOws(s, semicolon + 1, end);
      if (!isPropertyList(s, propertiesStart, end)) {
        return null;
      }
      metadata = s.substring(propertiesStart, end);
    }
    return baggage.with(s.substring(start, keyEnd), percentDecode(s, valueStart, valueEnd), metadata);
  }

  /** The header for {@code baggage}, or null when no entry can be written. */
  static String encode(Baggage baggage) {
    StringBuilder sb = new StringBuilder(64);
    int written = 0;
    for (int i = 0; i < baggage.size() && written < MAX_MEMBERS; i++) {
      String name = baggage.name(i);
      String value = baggage.value(i);
      if (name == null || value == null || !isToken(name, 0, name.length())) {
        continue;
      }
      int mark = sb.length();
      if (written > 0) {
        sb.append(',');
      }
      sb.append(name).append('=');
      percentEncode(value, sb);
      String metadata = baggage.metadata(i);
      if (metadata != null) {
        int metaStart = CarrierAccess.skipOws(metadata, 0, metadata.length());
        int metaEnd = CarrierAccess.trimOwsEnd(metadata, metaStart, metadata.length());
        if (metaStart < metaEnd && isPropertyList(metadata, metaStart, metaEnd)) {
          sb.append(';').append(metadata, metaStart, metaEnd);
        }
      }
      if (sb.length() > MAX_BYTES) {
        sb.setLength(mark); // never a partial member; a later, shorter one may still fit
        continue;
      }
      written++;
    }
    return written == 0 ? null : sb.toString();
  }

  /**
   * Whether {@code s[from, to)} is a list of properties separated by {@code ;}, each {@code key}
   * or {@code key=value} with optional whitespace around the parts.
   */
  private static boolean isPropertyList(String s, int from, int to) {
    int propertyStart = from;
    while (true) {
      int semicolon = s.indexOf(';', propertyStart);
      if (semicolon < 0 || semicolon >= to) {
        semicolon = to;
      }
      int start = CarrierAccess.skipOws(s, propertyStart, semicolon);
      int end = CarrierAccess.trimOwsEnd(s, start, semicolon);
      int eq = s.indexOf('=', start);
      if (eq < 0 || eq >= end) {
        if (!isToken(s, start, end)) {
          return false;
        }
      } else {
        int keyEnd = CarrierAccess.trimOwsEnd(s, start, eq);
        int valueStart = CarrierAccess.skipOws(s, eq + 1, end);
        if (!isToken(s, start, keyEnd) || !isValue(s, valueStart, end)) {
          return false;
        }
      }
      if (semicolon == to) {
        return true;
      }
      propertyStart = semicolon + 1;
    }
  }

  /** Whether {@code s[from, to)} is an RFC 7230 token: one or more {@code tchar}. */
  static boolean isToken(String s, int from, int to) {
    if (from >= to) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (!isTokenChar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isTokenChar(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      return true;
    }
    switch (c) {
      case '!':
      case '#':
      case '$':
      case '%':
      case '&':
      case '\'':
      case '*':
      case '+':
      case '-':
      case '.':
      case '^':
      case '_':
      case '`':
      case '|':
      case '~':
        return true;
      default:
        return false;
    }
  }

  /** Whether {@code s[from, to)} is zero or more {@code baggage-octet}s. */
  private static boolean isValue(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!isBaggageOctet(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** US-ASCII except controls, whitespace, {@code "}, {@code ,}, {@code ;} and {@code \}. */
  private static boolean isBaggageOctet(char c) {
    return c >= 0x21 && c <= 0x7E && c != '"' && c != ',' && c != ';' && c != '\\';
  }

  /** Percent-decodes {@code s[from, to)} as UTF-8. */
  static String percentDecode(String s, int from, int to) {
    int percent = s.indexOf('%', from);
    if (percent < 0 || percent >= to) {
      return s.substring(from, to);
    }
    byte[] bytes = new byte[to - from];
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < to) {
        int hi = Hex.digit(s.charAt(i + 1));
        int lo = Hex.digit(s.charAt(i + 2));
        if (hi >= 0 && lo >= 0) {
          bytes[n++] = (byte) ((hi << 4) | lo);
          i += 2;
          continue;
        }
      }
      bytes[n++] = (byte) c; // baggage-octets are ASCII
    }
    return new String(bytes, 0, n, StandardCharsets.UTF_8);
  }

  /** Appends {@code value} percent-encoded as UTF-8: all but {@code baggage-octet}s, and {@code %}. */
  static void percentEncode(String value, StringBuilder sb) {
    int length = value.length();
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c < 0x80) {
        if (isBaggageOctet(c) && c != '%') {
          sb.append(c);
        } else {
          appendEscaped(sb, c);
        }
        continue;
      }
      int codePoint = c;
      if (Character.isHighSurrogate(c)
          && i + 1 < length
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        codePoint = Character.toCodePoint(c, value.charAt(i + 1));
        i++;
      } else if (Character.isSurrogate(c)) {
        codePoint = 0xFFFD; // a lone surrogate has no UTF-8 form
      }
      if (codePoint < 0x800) {
        appendEscaped(sb, 0xC0 | (codePoint >> 6));
        appendEscaped(sb, 0x80 | (codePoint & 0x3F));
      } else if (codePoint < 0x10000) {
        appendEscaped(sb, 0xE0 | (codePoint >> 12));
        appendEscaped(sb, 0x80 | ((codePoint >> 6) & 0x3F));
        appendEscaped(sb, 0x80 | (codePoint & 0x3F));
      } else {
        appendEscaped(sb, 0xF0 | (codePoint >> 18));
        appendEscaped(sb, 0x80 | ((codePoint >> 12) & 0x3F));
        appendEscaped(sb, 0x80 | ((codePoint >> 6) & 0x3F));
        appendEscaped(sb, 0x80 | (codePoint & 0x3F));
      }
    }
  }

  private static void appendEscaped(StringBuilder sb, int octet) {
    sb.append('%').append(HEX_UPPER[(octet >> 4) & 0xF]).append(HEX_UPPER[octet & 0xF]);
  }

  @Override
  public String toString() {
    return "W3CBaggagePropagator";
  }
}
