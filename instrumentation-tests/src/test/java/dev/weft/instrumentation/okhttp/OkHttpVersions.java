package dev.weft.instrumentation.okhttp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Assumptions;

/**
 * Which OkHttp the test JVM has. OkHttp 4 is the module's test dependency; the {@code okhttp3}
 * surefire execution swaps in OkHttp 3 and sets {@code weft.test.okhttp.major=3}. A test class for
 * one major version skips itself in the other's JVM (a {@code -Dtest=...} pattern can select it
 * there) and fails if the JVM that should have its version has another.
 */
final class OkHttpVersions {

  private OkHttpVersions() {}

  /** The version of the OkHttp jar on the class path, from its file name, e.g. {@code 3.14.9}. */
  static String onClassPath() {
    String jar = OkHttpClient.class.getProtectionDomain().getCodeSource().getLocation().getPath();
    String file = jar.substring(jar.lastIndexOf('/') + 1);
    return file.startsWith("okhttp-") && file.endsWith(".jar")
        ? file.substring("okhttp-".length(), file.length() - ".jar".length())
        : file;
  }

  static void require(int major) {
    String pinned = System.getProperty("weft.test.okhttp.major", "4");
    Assumptions.assumeTrue(
        pinned.equals(Integer.toString(major)),
        "OkHttp " + major + " tests run in the JVM that has OkHttp " + major);
    String version = onClassPath();
    assertTrue(
        version.startsWith(major + "."),
        "expected OkHttp " + major + ".x on the class path, found " + version);
  }
}
