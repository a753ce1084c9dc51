package dev.weft.core.export;

import dev.weft.core.config.ConfigProperties;
import dev.weft.core.log.AgentLog;
import java.net.MalformedURLException;
import java.net.URL;

/**
 * Reads the settings most exporters share, an endpoint URL and a request timeout, with the rule
 * every setting keeps: a bad value is reported in one warning naming the setting, and the default
 * is used. Stateless; thread-safe.
 */
public final class ExporterSettings {

  private ExporterSettings() {}

  /**
   * The {@code http://} or {@code https://} URL in {@code key}, else {@code defaultUrl}.
   *
   * @param defaultUrl a valid URL; the value when {@code key} is unset or invalid
   */
  public static URL url(ConfigProperties config, String key, String defaultUrl) {
    String value = config.getString(key);
    if (value != null) {
      URL url = parseHttpUrl(value);
      if (url != null) {
        return url;
      }
      AgentLog.warn(
          "Invalid value '"
              + value
              + "' for "
              + key
              + " (expected an http:// or https:// URL); using "
              + defaultUrl);
    }
    URL url = parseHttpUrl(defaultUrl);
    if (url == null) {
      throw new IllegalArgumentException("invalid default URL " + defaultUrl);
    }
    return url;
  }

  /** {@code value} as an http(s) URL with a host, or null. */
  public static URL parseHttpUrl(String value) {
    try {
      URL url = new URL(value.trim());
      String scheme = url.getProtocol();
      if (("http".equals(scheme) || "https".equals(scheme)) && !url.getHost().isEmpty()) {
        return url;
      }
    } catch (MalformedURLException e) {
      // not a URL: the caller reports it
    }
    return null;
  }

  /** A duration of at least 1 ms from {@code key} ({@code 10s}, {@code 500ms}, {@code 2000}). */
  public static long timeoutMillis(ConfigProperties config, String key, long defaultMillis) {
    long millis = config.getDurationMillis(key, defaultMillis);
    if (millis < 1) {
      AgentLog.warn(
          "Invalid value '"
              + config.getString(key)
              + "' for "
              + key
              + " (expected a duration of at least 1 ms); using "
              + defaultMillis
              + "ms");
      return defaultMillis;
    }
    return millis;
  }
}
