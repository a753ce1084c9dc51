package dev.weft.instrumentation.http;

import java.util.regex.Pattern;

/**
 * A wildcard pattern for the values of exclusion settings: URL paths ({@code /health}, {@code
 * /actuator/**}, {@code /static/*.css}) and user agents ({@code kube-probe/*}).
 *
 * <p>For a path, {@code **} matches any characters, slashes included, {@code *} and {@code ?}
 * any characters and one character within a segment (no slash); a pattern that ends in {@code
 * /**} also matches the path without that last slash ({@code /actuator/**} matches {@code
 * /actuator}). Text without a wildcard matches itself exactly, case-sensitively. For free text
 * such as a user agent, {@code *} matches any characters, and case is ignored. Immutable and
 * thread-safe.
 */
final class Glob {

  private final String source;
  private final Pattern pattern;

  private Glob(String source, Pattern pattern) {
    this.source = source;
    this.pattern = pattern;
  }

  /** A pattern over URL paths. */
  static Glob path(String glob) {
    String body = glob;
    String suffix = "";
    if (body.endsWith("/**")) {
      body = body.substring(0, body.length() - 3);
      suffix = "(?:/.*)?";
    }
    StringBuilder regex = new StringBuilder();
    int i = 0;
    while (i < body.length()) {
      char c = body.charAt(i);
      if (c == '*' && i + 1 < body.length() && body.charAt(i + 1) == '*') {
        regex.append(".*");
        i += 2;
      } else if (c == '*') {
        regex.append("[^/]*");
        i++;
      } else if (c == '?') {
        regex.append("[^/]");
        i++;
      } else {
        int end = i;
        while (end < body.length() && body.charAt(end) != '*' && body.charAt(end) != '?') {
          end++;
        }
        regex.append(Pattern.quote(body.substring(i, end)));
        i = end;
      }
    }
    regex.append(suffix);
    return new Glob(glob, Pattern.compile(regex.toString(), Pattern.DOTALL));
  }

  /** A pattern over free text, {@code *} matching anything, case ignored. */
  static Glob text(String glob) {
    StringBuilder regex = new StringBuilder();
    int start = 0;
    for (int star = glob.indexOf('*'); star >= 0; star = glob.indexOf('*', start)) {
      if (star > start) {
        regex.append(Pattern.quote(glob.substring(start, star)));
      }
      regex.append(".*");
      start = star + 1;
    }
    if (start < glob.length()) {
      regex.append(Pattern.quote(glob.substring(start)));
    }
    return new Glob(
        glob,
        Pattern.compile(
            regex.toString(), Pattern.DOTALL | Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
  }

  boolean matches(String value) {
    return value != null && pattern.matcher(value).matches();
  }

  @Override
  public String toString() {
    return source;
  }
}
