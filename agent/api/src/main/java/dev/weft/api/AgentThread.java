package dev.weft.api;

/**
 * A thread that the agent itself runs (the span exporter, for one). Instrumentations check
 * {@code Thread.currentThread() instanceof AgentThread} and trace nothing on such a thread, so
 * that the agent's own work, its HTTP export above all, never becomes spans: a trace of the
 * exporter would be exported, traced again, and so on.
 *
 * <p>Always a daemon: the agent never keeps a JVM alive.
 */
public final class AgentThread extends Thread {

  public AgentThread(String name, Runnable task) {
    super(task, name);
    setDaemon(true);
    setContextClassLoader(null);
  }

  /** Whether the calling thread is one of the agent's own. */
  public static boolean isCurrent() {
    return Thread.currentThread() instanceof AgentThread;
  }
}
