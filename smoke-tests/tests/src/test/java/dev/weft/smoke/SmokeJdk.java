package dev.weft.smoke;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JDK that runs the smoke apps: system property {@code smoke.java.home}, or the JDK running
 * the tests when that is unset or blank. Stateless.
 */
final class SmokeJdk {

  private SmokeJdk() {}

  static Path home() {
    String configured = System.getProperty("smoke.java.home", "").trim();
    return Path.of(configured.isEmpty() ? System.getProperty("java.home") : configured)
        .toAbsolutePath()
        .normalize();
  }

  /** The java launcher of {@link #home()}; fails the test clearly when it does not exist. */
  static Path java() {
    Path java = home().resolve("bin").resolve("java");
    if (!Files.isExecutable(java)) {
      throw new AssertionError(
          "no java launcher at " + java + " (check -Dsmoke.java.home=" + home() + ")");
    }
    return java;
  }

  /** A short label for log file names, e.g. {@code jdk17}, from the JDK's {@code release} file. */
  static String label() {
    Path release = home().resolve("release");
    try {
      for (String line : Files.readAllLines(release)) {
        if (line.startsWith("JAVA_VERSION=")) {
          String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
          int dot = version.indexOf('.');
          return "jdk" + (dot < 0 ? version : version.substring(0, dot));
        }
      }
    } catch (IOException e) {
      if (Files.exists(release)) {
        throw new UncheckedIOException(e);
      }
    }
    return "jdk-" + home().getFileName();
  }
}
