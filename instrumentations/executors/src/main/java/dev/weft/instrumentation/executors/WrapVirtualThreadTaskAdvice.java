package dev.weft.instrumentation.executors;

import net.bytebuddy.asm.Advice;

/**
 * Woven into the constructor of {@code java.lang.VirtualThread} (JDK 21+), through which {@code
 * Thread.ofVirtual()}, {@code Thread.startVirtualThread} and the virtual-thread-per-task executor
 * all create their threads: the thread's task runs with the context it was created in. A
 * virtual thread runs one task and is never reused, so wrapping its task is exact and cheaper
 * than attaching a context to it.
 */
public final class WrapVirtualThreadTaskAdvice {

  private WrapVirtualThreadTaskAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void onEnter(@Advice.Argument(value = 3, readOnly = false) Runnable task) {
    task = VirtualThreadTasks.wrap(task);
  }
}
