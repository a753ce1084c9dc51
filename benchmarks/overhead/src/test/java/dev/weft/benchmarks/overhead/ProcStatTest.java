package dev.weft.benchmarks.overhead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcStatTest {

  @Test
  void readsTimesFromAfterTheCommandName() {
    // A command name with a space and a parenthesis, as a thread name can have.
    String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 "
        + "250 50 7 3 20 0 33 0 12345 1000000 2000 18446744073709551615";
    String status = "Name:\tjava\nVmRSS:\t  524288 kB\nThreads:\t34\n";

    ProcStat read = ProcStat.parse(stat, status);

    assertTrue(read.cpuNanos() > 0);
    assertEquals(read.cpuNanos() * 10 / 300, read.childrenCpuNanos(),
        "utime+stime is 300 ticks, cutime+cstime 10");
    assertEquals(512L << 20, read.rssBytes());
    assertEquals(34, read.threads());
  }

  @Test
  void readsTheRunningJvm() {
    ProcStat self = ProcStat.read(ProcessHandle.current().pid());

    assertTrue(self.cpuNanos() > 0);
    assertTrue(self.rssBytes() > 0);
    assertTrue(self.threads() > 1);
  }
}
