package dev.weft.benchmarks.overhead;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The application JVM's own accounting, read over JMX from a local management agent that the
 * probe starts in it through the attach API (so the application starts with no JMX flags, and
 * nothing of this is running while startup is measured). It gives the bytes the JVM's threads
 * have allocated, the same counter JMH's {@code -prof gc} reads, the live heap after a full
 * collection, and the memory the JVM committed outside the heap as its native memory tracking
 * counts it.
 *
 * <p>Not thread-safe; one probe per application run, closed after it.
 */
final class JvmProbe implements AutoCloseable {

  private final JMXConnector connector;
  private final com.sun.management.ThreadMXBean threads;
  private final MemoryMXBean memory;
  private final MBeanServerConnection server;

  /**
   * One category of {@code VM.native_memory summary}: {@code -  Metaspace (reserved=...KB,
   * committed=...KB)}, in the format of JDK 17 and 25.
   */
  private static final Pattern NMT_CATEGORY =
      Pattern.compile("(?m)^-\\s+(.+?) \\(reserved=\\d+KB, committed=(\\d+)KB");

  private JvmProbe(JMXConnector connector) throws IOException {
    this.connector = connector;
    this.server = connector.getMBeanServerConnection();
    this.threads = ManagementFactory.newPlatformMXBeanProxy(
        server, ManagementFactory.THREAD_MXBEAN_NAME, com.sun.management.ThreadMXBean.class);
    this.memory = ManagementFactory.newPlatformMXBeanProxy(
        server, ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
  }

  static JvmProbe attach(long pid) throws IOException {
    VirtualMachine vm;
    try {
      vm = VirtualMachine.attach(Long.toString(pid));
    } catch (AttachNotSupportedException e) {
      throw new IOException("cannot attach to " + pid + ": " + e.getMessage(), e);
    }
    try {
      String address = vm.startLocalManagementAgent();
      return new JvmProbe(JMXConnectorFactory.connect(new JMXServiceURL(address)));
    } finally {
      vm.detach();
    }
  }

  /**
   * Bytes allocated so far by the threads alive now. Threads that ended since an earlier reading
   * take their share with them; under a steady load the server's pooled threads live through
   * the window, so the difference of two readings is the window's allocation.
   */
  long allocatedBytes() {
    long total = 0;
    for (long allocated : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
      if (allocated > 0) {
        total += allocated;
      }
    }
    return total;
  }

  /**
   * The heap after a full collection: in use (what the application keeps) and committed (what
   * the JVM holds for it, most of the process's resident memory).
   */
  MemoryUsage heapAfterFullGc() {
    memory.gc();
    return memory.getHeapMemoryUsage();
  }

  /**
   * The bytes the JVM committed outside the Java heap, as its native memory tracking counts them
   * ({@code -XX:NativeMemoryTracking=summary}, which {@link AppRun} gives every configuration):
   * classes and metaspace, generated code, symbols, thread stacks, the JVM's own structures.
   * Unlike the resident size it does not move with how far the collector grew the heap, so the
   * memory an agent's classes and code take shows through. Left out: the heap, the collector's
   * structures (they grow with the heap), the JIT compilers' working memory (transient: a large
   * compilation under way took 120 MB in one run) and the tracking's own bookkeeping. -1 when
   * the JVM does not track native memory.
   */
  long nativeMemoryOutsideHeapBytes() throws IOException {
    String summary;
    try {
      summary = (String) server.invoke(
          new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
          new Object[] {new String[] {"summary"}}, new String[] {String[].class.getName()});
    } catch (JMException e) {
      throw new IOException("VM.native_memory failed: " + e.getMessage(), e);
    }
    return nativeMemoryOutsideHeap(summary);
  }

  /** {@link #nativeMemoryOutsideHeapBytes()} of one {@code VM.native_memory summary} output. */
  static long nativeMemoryOutsideHeap(String summary) {
    Matcher category = NMT_CATEGORY.matcher(summary);
    long kilobytes = 0;
    boolean any = false;
    while (category.find()) {
      any = true;
      switch (category.group(1).trim()) {
        case "Java Heap", "GC", "Compiler", "Arena Chunk", "Native Memory Tracking" -> { }
        default -> kilobytes += Long.parseLong(category.group(2));
      }
    }
    return any ? kilobytes * 1024 : -1;
  }

  @Override
  public void close() throws IOException {
    connector.close();
  }
}
