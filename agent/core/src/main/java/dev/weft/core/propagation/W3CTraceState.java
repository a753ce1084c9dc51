package dev.weft.core.propagation;

/**
 * What is kept of a received W3C {@code tracestate} (Trace Context Level 1 and 2, section 3.3).
 *
 * <p>The field is one comma-separated list, however many header lines it came on (they are
 * combined first, see {@link CarrierAccess#fieldValue}). A member is {@code key=value}, where
 *
 * <ul>
 *   <li>a key is either a simple key, {@code lcalpha} followed by up to 255 of {@code a-z 0-9 _ -
 *       * /}, or a multi-tenant key {@code tenant@system}: a tenant of 1 to 241 characters
 *       starting with {@code a-z} or a digit, and a system of 1 to 14 characters starting with
 *       {@code a-z}, both from the same set;
 *   <li>a value is 1 to 256 printable ASCII characters ({@code 0x20-0x7E}) other than {@code ,}
 *       and {@code =}, not ending in a space; leading spaces are part of it;
 *   <li>spaces and tabs around members, and empty members, are allowed and are not part of the
 *       list.
 * </ul>
 *
 * <p>The specification lets a vendor discard a whole header that does not parse, or only its
 * invalid entries; this keeps everything it can, since each member is another vendor's position
 * in the trace:
 *
 * <ul>
 *   <li>an invalid member is dropped alone, the others kept in order;
 *   <li>a key that appears again is dropped where it appears again: only one entry per key is
 *       allowed, and the left-most is the most recent (a vendor moves its updated entry left);
 *   <li>past 32 members (counted across all lines) the right-most are dropped, as the
 *       specification says for a list that would grow past 32;
 *   <li>past 512 characters whole members are dropped, those longer than 128 characters first,
 *       then from the end, as the specification prescribes.
 * </ul>
 *
 * The result is normalized (no optional whitespace, no empty members); the common header, already
 * normalized and valid, is returned as is without copying. Stateless.
 */
final class W3CTraceState {

  static final int MAX_MEMBERS = 32;
  static final int MAX_LENGTH = 512;
  static final int LONG_MEMBER = 128;

  private static final int MAX_KEY = 256;
  private static final int MAX_TENANT = 241;
  private static final int MAX_SYSTEM = 14;
  private static final int MAX_VALUE = 256;

  private W3CTraceState() {}

  /**
   * The normalized members worth keeping of a {@code tracestate} field value, or {@code ""} when
   * it is absent or has none. Never null.
   */
  static String parse(String header) {
    if (header == null) {
      return "";
    }
    int length = header.length();
    if (length == 0) {
      return "";
    }
    // Start, '=' index and end of each kept member; 32 at most.
    int[] bounds = null;
    int members = 0;
    int normalizedLength = 0;
    boolean unchanged = true;
    int memberStart = 0;
    while (true) {
      int comma = header.indexOf(',', memberStart);
      if (comma < 0) {
        comma = length;
      }
      int start = CarrierAccess.skipOws(header, memberStart, comma);
      int end = CarrierAccess.trimOwsEnd(header, start, comma);
      if (start == end || start != memberStart || end != comma) {
        unchanged = false; // whitespace or an empty member, both dropped
      }
      if (start < end) {
        int eq = header.indexOf('=', start);
        if (members == MAX_MEMBERS
            || eq < 0
            || eq >= end
            || !isValidKey(header, start, eq)
            || !isValidValue(header, eq + 1, end)
            || isKeyTaken(header, start, eq, bounds, members)) {
          unchanged = false;
        } else {
          if (bounds == null) {
            bounds = new int[MAX_MEMBERS * 3];
          }
          bounds[members * 3] = start;
          bounds[members * 3 + 1] = eq;
          bounds[members * 3 + 2] = end;
          normalizedLength += (members == 0 ? 0 : 1) + (end - start);
          members++;
        }
      }
      if (comma == length) {
        break;
      }
      memberStart = comma + 1;
    }
    if (members == 0) {
      return "";
    }
    if (unchanged && normalizedLength <= MAX_LENGTH) {
      return header;
    }
    return rebuild(header, bounds, members, normalizedLength);
  }

  /** Whether the key {@code s[start, eq)} is that of one of the first {@code members} kept. */
  private static boolean isKeyTaken(String s, int start, int eq, int[] bounds, int members) {
    int keyLength = eq - start;
    for (int m = 0; m < members; m++) {
      int otherStart = bounds[m * 3];
      if (bounds[m * 3 + 1] - otherStart == keyLength
          && s.regionMatches(otherStart, s, start, keyLength)) {
        return true;
      }
    }
    return false;
  }

  /** Joins the members without whitespace, dropping members as needed to fit 512 characters. */
  private static String rebuild(String header, int[] bounds, int members, int normalizedLength) {
    boolean[] dropped = new boolean[members];
    int remaining = members;
    int total = normalizedLength;
    // The specification: "Entries larger than 128 characters long SHOULD be removed first."
    for (int m = 0; m < members && total > MAX_LENGTH; m++) {
      int memberLength = bounds[m * 3 + 2] - bounds[m * 3];
      if (memberLength > LONG_MEMBER) {
        dropped[m] = true;
        remaining--;
        total -= memberLength + (remaining == 0 ? 0 : 1);
      }
    }
    // "Then entries SHOULD be removed starting from the end of tracestate."
    for (int m = members - 1; m >= 0 && total > MAX_LENGTH; m--) {
      if (!dropped[m]) {
        dropped[m] = true;
        remaining--;
        total -= bounds[m * 3 + 2] - bounds[m * 3] + (remaining == 0 ? 0 : 1);
      }
    }
    StringBuilder sb = new StringBuilder(Math.max(total, 0));
    for (int m = 0; m < members; m++) {
      if (!dropped[m]) {
        if (sb.length() > 0) {
          sb.append(',');
        }
        sb.append(header, bounds[m * 3], bounds[m * 3 + 2]);
      }
    }
    return sb.toString();
  }

  /** Whether {@code s[from, to)} is a simple or a multi-tenant key. */
  static boolean isValidKey(String s, int from, int to) {
    int length = to - from;
    if (length <= 0 || length > MAX_KEY) {
      return false;
    }
    int at = -1;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '@') {
        if (at >= 0) {
          return false;
        }
        at = i;
      } else if (!isKeyChar(c)) {
        return false;
      }
    }
    char first = s.charAt(from);
    if (at < 0) {
      return isLcAlpha(first);
    }
    int tenantLength = at - from;
    int systemLength = to - at - 1;
    return tenantLength >= 1
        && tenantLength <= MAX_TENANT
        && (isLcAlpha(first) || isDigit(first))
        && systemLength >= 1
        && systemLength <= MAX_SYSTEM
        && isLcAlpha(s.charAt(at + 1));
  }

  /** Whether {@code s[from, to)} is a value: 1-256 of {@code 0x20-0x7E} but , and =, no space last. */
  static boolean isValidValue(String s, int from, int to) {
    int length = to - from;
    if (length <= 0 || length > MAX_VALUE || s.charAt(to - 1) == ' ') {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7E || c == ',' || c == '=') {
        return false;
      }
    }
    return true;
  }

  /**
   * A cheap check before injecting a trace state that did not come from {@link #parse} (an API
   * caller may have built the context): only printable ASCII, so that it can never break the
   * header it is written into.
   */
  static boolean isSafeToSend(String traceState) {
    int length = traceState.length();
    if (length == 0) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = traceState.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        return false;
      }
    }
    return true;
  }

  private static boolean isKeyChar(char c) {
    return isLcAlpha(c) || isDigit(c) || c == '_' || c == '-' || c == '*' || c == '/';
  }

  private static boolean isLcAlpha(char c) {
    return c >= 'a' && c <= 'z';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
