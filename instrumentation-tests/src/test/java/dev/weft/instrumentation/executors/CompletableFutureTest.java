package dev.weft.instrumentation.executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * CompletableFuture's async methods, on the default executor (the common pool, or on a machine
 * whose common pool has no parallelism a new thread per task) and on a custom one.
 */
class CompletableFutureTest {

  private final TaskProbe probe = new TaskProbe();
  private final ExecutorService custom = Executors.newFixedThreadPool(2);

  @AfterEach
  void shutDown() throws InterruptedException {
    probe.end();
    custom.shutdownNow();
    assertTrue(custom.awaitTermination(10, TimeUnit.SECONDS));
  }

  @Test
  void supplyAsyncAndRunAsync_onTheDefaultExecutor_runWithTheCallersContext() throws Exception {
    CompletableFuture<String> supplied =
        probe.submitInRequest(() -> CompletableFuture.supplyAsync(() -> recorded("supply")));
    CompletableFuture<Void> ran =
        probe.submitInRequest(() -> CompletableFuture.runAsync(probe.task("run")));
    assertEquals("supply", supplied.get(10, TimeUnit.SECONDS));
    ran.get(10, TimeUnit.SECONDS);
    probe.assertChildOfRequest("supply");
    probe.assertChildOfRequest("run");
  }

  @Test
  void supplyAsyncAndRunAsync_onACustomExecutor_runWithTheCallersContext() throws Exception {
    CompletableFuture<String> supplied =
        probe.submitInRequest(
            () -> CompletableFuture.supplyAsync(() -> recorded("supply-custom"), custom));
    probe.submitInRequest(() -> CompletableFuture.runAsync(probe.task("run-custom"), custom)).get();
    assertEquals("supply-custom", supplied.get(10, TimeUnit.SECONDS));
    probe.assertChildOfRequest("supply-custom");
    probe.assertChildOfRequest("run-custom");
  }

  @Test
  void asyncStages_onDefaultAndCustomExecutors_runWithTheContextTheyWereDeclaredIn()
      throws Exception {
    CompletableFuture<String> chain =
        probe.submitInRequest(
            () ->
                CompletableFuture.supplyAsync(() -> recorded("first"), custom)
                    .thenApplyAsync(value -> recorded("apply"))
                    .thenApplyAsync(value -> recorded("apply-custom"), custom)
                    .thenComposeAsync(
                        value -> CompletableFuture.supplyAsync(() -> recorded("composed")))
                    .thenCombineAsync(
                        CompletableFuture.supplyAsync(() -> recorded("other"), custom),
                        (left, right) -> recorded("combine"),
                        custom)
                    .thenAcceptAsync(value -> probe.record("accept"))
                    .thenApplyAsync(ignored -> recorded("last"), custom));
    assertEquals("last", chain.get(10, TimeUnit.SECONDS));
    for (String stage :
        new String[] {"first", "apply", "apply-custom", "composed", "other", "combine", "accept", "last"}) {
      probe.assertChildOfRequest(stage);
    }
  }

  @Test
  void asyncStage_completedFromAnotherTrace_runsWithTheContextItWasDeclaredIn() throws Exception {
    CompletableFuture<String> source = new CompletableFuture<>();
    CompletableFuture<String> dependent =
        probe.submitInRequest(() -> source.thenApplyAsync(value -> recorded("dependent"), custom));
    TaskProbe otherRequest = new TaskProbe();
    otherRequest.inRequest(() -> source.complete("value"));
    otherRequest.end();
    assertEquals("dependent", dependent.get(10, TimeUnit.SECONDS));
    probe.assertChildOfRequest("dependent");
  }

  @Test
  void asyncStage_onAnApplicationExecutor_runsWithTheContextItWasDeclaredIn() throws Exception {
    Executor threadPerTask = task -> new Thread(task, "application-thread").start();
    CompletableFuture<String> future =
        probe.submitInRequest(
            () -> CompletableFuture.supplyAsync(() -> recorded("own-executor"), threadPerTask));
    assertEquals("own-executor", future.get(10, TimeUnit.SECONDS));
    probe.assertChildOfRequest("own-executor");
  }

  @Test
  void asyncWorkDeclaredWithoutAContext_runsWithout() throws Exception {
    CompletableFuture.supplyAsync(() -> recorded("unrelated"), custom).get(10, TimeUnit.SECONDS);
    CompletableFuture.runAsync(probe.task("unrelated-default")).get(10, TimeUnit.SECONDS);
    probe.assertRoot("unrelated");
    probe.assertRoot("unrelated-default");
  }

  private String recorded(String name) {
    probe.record(name);
    return name;
  }
}
