package dev.weft.instrumentation.http;

/**
 * Removes credentials from URLs before they become attributes: {@code
 * https://user:secret@host/path} becomes {@code https://REDACTED:REDACTED@host/path}, as the
 * HTTP semantic conventions ask for {@code url.full}. Stateless; allocation-free when there is
 * nothing to redact.
 */
public final class UrlRedaction {

  private static final String REDACTED = "REDACTED:REDACTED";

  private UrlRedaction() {}

  public static String redact(String url) {
    int schemeEnd = url.indexOf("://");
    if (schemeEnd < 0) {
      return url;
    }
    int authorityStart = schemeEnd + 3;
    int authorityEnd = url.length();
    for (int i = authorityStart; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c == '/' || c == '?' || c == '#') {
        authorityEnd = i;
        break;
      }
    }
    int at = url.lastIndexOf('@', authorityEnd - 1);
    if (at < authorityStart) {
      return url;
    }
    return url.substring(0, authorityStart) + REDACTED + url.substring(at);
  }
}
