package dev.weft.instrumentation.executors;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isDeclaredBy;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weft.tooling.InstrumentationModule;
import dev.weft.tooling.SimpleTypeInstrumentation;
import dev.weft.tooling.TypeInstrumentation;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.asm.MemberSubstitution;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Carries the context across threads through the JDK's executors: work runs with the context
 * that was current where it was handed over. Toggle: {@code
 * otel.instrumentation.executors.enabled}.
 *
 * <ul>
 *   <li>{@code ThreadPoolExecutor} (and so {@code ScheduledThreadPoolExecutor}, the {@code
 *       Executors} factories and every subclass): the task passed to {@code execute} (which
 *       {@code submit}, {@code invokeAll} and {@code invokeAny} call with their {@code
 *       FutureTask}) or scheduled gets the context; the worker loop runs it with that context.
 *   <li>{@code ForkJoinPool} and {@code ForkJoinTask}: a task gets the context it is built in
 *       (the pool's wrapper around a runnable or callable, forked subtasks, a {@code
 *       CompletableFuture}'s async stages), or that is current where a prebuilt task is
 *       submitted; it runs with it wherever it is executed, stolen or helped.
 *   <li>{@code CompletableFuture}'s async tasks on any other executor (the thread-per-task
 *       fallback the JDK uses when the common pool has no parallelism, a custom {@code
 *       Executor}).
 *   <li>Virtual threads (JDK 21+): the thread's task runs with the context it was created in.
 * </ul>
 *
 * <p>Only the JDK's own classes are woven, so no application or library class is type-matched.
 * Executors of servers and libraries that are not built on these (Tomcat's and Jetty's thread
 * pools, Undertow's jboss-threads workers, Netty's event loops) are left alone: their threads never
 * inherit a context.
 */
public final class ExecutorsInstrumentationModule extends InstrumentationModule {

  private static final String PACKAGE = "dev.weft.instrumentation.executors.";
  private static final String ATTACH_ARGUMENT = PACKAGE + "AttachTaskArgumentAdvice";
  private static final String RUN_TASK = PACKAGE + "RunTaskAdvice";

  public ExecutorsInstrumentationModule() {
    super("executors");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Arrays.<TypeInstrumentation>asList(
        jdkType(
            named("java.util.concurrent.ThreadPoolExecutor"),
            Collections.singletonList(
                new TypeInstrumentation.AdviceBinding(
                    named("execute")
                        .and(takesArguments(1))
                        .and(takesArgument(0, named("java.lang.Runnable"))),
                    ATTACH_ARGUMENT)),
            Collections.singletonList(workerLoopRunsTasksWithTheirContext())),
        jdkType(
            "java.util.concurrent.ScheduledThreadPoolExecutor",
            new TypeInstrumentation.AdviceBinding(
                named("delayedExecute")
                    .and(takesArguments(1))
                    .and(takesArgument(0, named("java.util.concurrent.RunnableScheduledFuture"))),
                ATTACH_ARGUMENT)),
        jdkType(
            "java.util.concurrent.ForkJoinPool",
            new TypeInstrumentation.AdviceBinding(
                namedOneOf("execute", "submit", "invoke")
                    .and(takesArguments(1))
                    .and(takesArgument(0, named("java.util.concurrent.ForkJoinTask"))),
                ATTACH_ARGUMENT)),
        jdkType(
            "java.util.concurrent.ForkJoinTask",
            new TypeInstrumentation.AdviceBinding(
                isConstructor().and(takesArguments(0)),
                PACKAGE + "AttachConstructedTaskAdvice"),
            new TypeInstrumentation.AdviceBinding(
                named("doExec").and(takesArguments(0)), RUN_TASK)),
        jdkType(
            namedOneOf(
                "java.util.concurrent.CompletableFuture$AsyncSupply",
                "java.util.concurrent.CompletableFuture$AsyncRun",
                "java.util.concurrent.CompletableFuture$Completion"),
            Collections.singletonList(
                new TypeInstrumentation.AdviceBinding(
                    named("run").and(takesArguments(0)), RUN_TASK)),
            Collections.<AsmVisitorWrapper>emptyList()),
        jdkType(
            "java.lang.VirtualThread",
            new TypeInstrumentation.AdviceBinding(
                isConstructor()
                    .and(takesArguments(4))
                    .and(takesArgument(3, named("java.lang.Runnable"))),
                PACKAGE + "WrapVirtualThreadTaskAdvice")));
  }

  /** One JDK type and its advice. */
  private static TypeInstrumentation jdkType(
      String typeName, TypeInstrumentation.AdviceBinding... bindings) {
    return jdkType(
        named(typeName), Arrays.asList(bindings), Collections.<AsmVisitorWrapper>emptyList());
  }

  /**
   * JDK types, in any loader: the bootstrap one is where they are, and the check is cheap because
   * the type matcher accepts only JDK names. No helpers: the advice calls classes the bootstrap
   * loader sees.
   */
  private static TypeInstrumentation jdkType(
      ElementMatcher<TypeDescription> type,
      List<TypeInstrumentation.AdviceBinding> bindings,
      List<AsmVisitorWrapper> visitors) {
    return new SimpleTypeInstrumentation(
        any(), type, bindings, Collections.<String>emptyList(), visitors);
  }

  /**
   * In {@code ThreadPoolExecutor.runWorker}, the worker loop's one call of {@code task.run()}
   * becomes {@link TaskContexts#runOnWorker}. The call site is rewritten rather than the task
   * wrapped, because a pool exposes its tasks ({@code getQueue}, {@code shutdownNow}, {@code
   * remove}, {@code beforeExecute}/{@code afterExecute}, a priority queue comparing them): there
   * they must stay the application's own objects.
   */
  private static AsmVisitorWrapper workerLoopRunsTasksWithTheirContext() {
    MethodDescription runOnWorker;
    try {
      runOnWorker =
          new MethodDescription.ForLoadedMethod(
              TaskContexts.class.getMethod("runOnWorker", Runnable.class));
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
    return MemberSubstitution.relaxed()
        .method(named("run").and(takesArguments(0)).and(isDeclaredBy(named("java.lang.Runnable"))))
        .replaceWith(runOnWorker)
        .on(named("runWorker"));
  }
}
