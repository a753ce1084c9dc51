package dev.weft.benchmarks.overhead;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One reading of a Linux process's {@code /proc/<pid>/stat} and {@code status}: CPU time (user
 * plus system), resident memory and thread count, as the kernel accounts them. These are the
 * figures a user's monitoring shows for the service, independent of what the JVM reports about
 * itself.
 *
 * <p>Immutable; {@link #read} may be called from any thread.
 */
record ProcStat(long cpuNanos, long childrenCpuNanos, long rssBytes, int threads) {

  /** Clock ticks per second of the stat file's time fields ({@code getconf CLK_TCK}). */
  private static final long TICKS_PER_SECOND = clockTicks();

  /** Reads the process's current figures; fails if it has exited. */
  static ProcStat read(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return parse(stat, Files.readString(Path.of("/proc", Long.toString(pid), "status")));
    } catch (IOException e) {
      throw new UncheckedIOException("process " + pid + " is gone", e);
    }
  }

  /**
   * Parses a stat line and, when given, a status text. The command name (field 2) may contain
   * spaces and parentheses, so fields are counted from the last {@code ')'}.
   */
  static ProcStat parse(String stat, String status) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" +");
    // fields[0] is field 3 (state): utime is field 14, stime 15, cutime 16, cstime 17.
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    long childTicks = Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    long rss = 0;
    int threads = Integer.parseInt(fields[17]);
    if (status != null) {
      for (String line : status.split("\n")) {
        if (line.startsWith("VmRSS:")) {
          rss = Long.parseLong(line.substring(6).trim().split(" +")[0]) * 1024;
        } else if (line.startsWith("Threads:")) {
          threads = Integer.parseInt(line.substring(8).trim());
        }
      }
    }
    return new ProcStat(toNanos(ticks), toNanos(childTicks), rss, threads);
  }

  private static long toNanos(long ticks) {
    return ticks * 1_000_000_000L / TICKS_PER_SECOND;
  }

  private static long clockTicks() {
    try {
      Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      if (getconf.waitFor() == 0) {
        return Long.parseLong(out.trim());
      }
    } catch (IOException | NumberFormatException e) {
      // Fall through to the value of every Linux distribution in use.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 100;
  }
}
