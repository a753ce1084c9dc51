package dev.weft.smoke;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, run headless on a page from disk, for tests that must see what a browser
 * draws: a screenshot, or the document after its scripts ran. Every run has a fresh profile and
 * the flags that keep it off the network (this machine has none beyond the package registries;
 * without them Chromium retries Google's hosts at every start).
 *
 * <p>{@code -Dsmoke.chromium=PATH} picks the binary; the default is {@code /usr/bin/chromium}.
 */
final class HeadlessChromium {

  private static final long TIMEOUT_SECONDS = 90;

  private final Path binary;
  private final Path workDir;

  private HeadlessChromium(Path binary, Path workDir) {
    this.binary = binary;
    this.workDir = workDir;
  }

  /** The installed Chromium, or null when there is none. */
  static HeadlessChromium findOrNull(Path workDir) {
    Path binary = Path.of(System.getProperty("smoke.chromium", "/usr/bin/chromium"));
    return Files.isExecutable(binary) ? new HeadlessChromium(binary, workDir) : null;
  }

  /** A PNG of {@code url} drawn in a window of {@code width} x {@code height}. */
  Path screenshot(String url, int width, int height) {
    Path png = workDir.resolve("screenshot-" + System.nanoTime() + ".png");
    run(List.of("--screenshot=" + png, "--window-size=" + width + "," + height,
        "--hide-scrollbars", url));
    if (!Files.isRegularFile(png)) {
      throw new AssertionError("Chromium wrote no screenshot of " + url);
    }
    return png;
  }

  /** The document of {@code url} as serialized after its scripts ran. */
  String dumpDom(String url) {
    return run(List.of("--dump-dom", url));
  }

  private String run(List<String> arguments) {
    Path profile = workDir.resolve("chromium-profile-" + System.nanoTime());
    Path output = workDir.resolve("chromium-" + System.nanoTime() + ".out");
    Path errors = workDir.resolve("chromium-" + System.nanoTime() + ".err");
    List<String> command = new ArrayList<>(List.of(
        binary.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + profile));
    command.addAll(arguments);
    try {
      Process chromium = new ProcessBuilder(command)
          .redirectOutput(output.toFile())
          .redirectError(errors.toFile())
          .start();
      if (!chromium.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        chromium.destroyForcibly();
        throw new AssertionError("Chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command);
      }
      if (chromium.exitValue() != 0) {
        throw new AssertionError("Chromium exited with " + chromium.exitValue() + ": "
            + Files.readString(errors, StandardCharsets.UTF_8));
      }
      return Files.readString(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
