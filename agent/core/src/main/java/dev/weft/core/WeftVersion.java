package dev.weft.core;

import java.io.InputStream;
import java.util.Properties;

/** The agent's version, from a resource the build writes. */
public final class WeftVersion {

  private static final String VERSION = load();

  private WeftVersion() {}

  /** E.g. {@code 0.1.0}; {@code unknown} if the build did not record it. */
  public static String get() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = WeftVersion.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (Exception e) {
      return "unknown";
    }
  }
}
