package dev.weft.benchmarks.overhead;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The application JVM's own accounting, read over JMX from a local management agent that the
 * probe starts in it through the attach API (so the application starts with no JMX flags, and
 * nothing of this is running while startup is measured). It gives the bytes the JVM's threads
 * have allocated, the same counter JMH's {@code -prof gc} reads, and the live heap after a full
 * collection.
 *
 * <p>Not thread-safe; one probe per application run, closed after it.
 */
final class JvmProbe implements AutoCloseable {

  private final JMXConnector connector;
  private final com.sun.management.ThreadMXBean threads;
  private final MemoryMXBean memory;

  private JvmProbe(JMXConnector connector) throws IOException {
    this.connector = connector;
    MBeanServerConnection server = connector.getMBeanServerConnection();
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

  @Override
  public void close() throws IOException {
    connector.close();
  }
}
