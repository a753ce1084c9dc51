package dev.weft.benchmarks.overhead;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An installed JDK or JRE, with its feature version as its own {@code java} reports it.
 *
 * <p>Immutable.
 */
record Jdk(Path home, int feature) {

  Path java() {
    return home.resolve("bin").resolve("java");
  }

  @Override
  public String toString() {
    return "JDK " + feature + " (" + home + ")";
  }

  /** Reads the feature version of the JDK at {@code home}; fails if it has no working java. */
  static Jdk at(Path home) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(home.resolve("bin/java").toString(),
            "-XshowSettings:properties", "-version")
        .redirectErrorStream(true)
        .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException(home + "/bin/java -version failed:\n" + out);
    }
    for (String line : out.split("\n")) {
      String trimmed = line.trim();
      if (trimmed.startsWith("java.specification.version = ")) {
        String v = trimmed.substring("java.specification.version = ".length()).trim();
        return new Jdk(home, Integer.parseInt(v.startsWith("1.") ? v.substring(2) : v));
      }
    }
    throw new IOException("no java.specification.version in the settings of " + home);
  }

  /** The JDK this harness runs on. */
  static Jdk current() {
    return new Jdk(Path.of(System.getProperty("java.home")), Runtime.version().feature());
  }

  /**
   * The JDKs installed in {@code /usr/lib/jvm} and the current one, one per feature version,
   * oldest first: where the startup row looks when no {@code --jdk} is given.
   */
  static List<Jdk> installed() throws IOException, InterruptedException {
    Map<Integer, Jdk> byFeature = new LinkedHashMap<>();
    Jdk current = current();
    byFeature.put(current.feature(), current);
    Path jvms = Path.of("/usr/lib/jvm");
    if (Files.isDirectory(jvms)) {
      List<Path> homes;
      try (Stream<Path> dirs = Files.list(jvms)) {
        homes = dirs.filter(d -> Files.isExecutable(d.resolve("bin/java")))
            .filter(d -> !Files.isSymbolicLink(d))
            .sorted()
            .toList();
      }
      for (Path home : homes) {
        try {
          Jdk jdk = at(home);
          byFeature.putIfAbsent(jdk.feature(), jdk);
        } catch (IOException | RuntimeException e) {
          System.err.println("skipping " + home + ": " + e.getMessage());
        }
      }
    }
    List<Jdk> jdks = new ArrayList<>(byFeature.values());
    jdks.sort(Comparator.comparingInt(Jdk::feature));
    return jdks;
  }
}
