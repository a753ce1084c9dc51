package dev.weft.benchmarks.overhead;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A closed-loop load of Camunda REST calls at a fixed concurrency: each worker repeats an order
 * session (start an order process, find its review task, complete it, read the instance's
 * history, list the process definitions) until the run's request budget is spent. A fixed
 * budget, not a fixed duration, gives every configuration the same work and the same amount of
 * engine data, so that memory figures compare.
 *
 * <p>One {@link #run} at a time; the workers it starts end before it returns.
 */
final class LoadGenerator {

  /** What one run of the load did. */
  record Result(int requests, int errors, String firstError, long elapsedNanos, long[] latencies) {

    long p50Nanos() {
      return Stats.quantile(latencies, 0.50);
    }

    long p99Nanos() {
      return Stats.quantile(latencies, 0.99);
    }
  }

  private static final Pattern FIRST_ID = Pattern.compile("\"id\":\"([^\"]+)\"");
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final URI rest;
  private final int concurrency;

  /** {@code rest} is the engine's REST root, {@code http://127.0.0.1:PORT/engine-rest/}. */
  LoadGenerator(URI rest, int concurrency) {
    this.rest = rest;
    this.concurrency = concurrency;
  }

  /** Sends {@code requests} requests and returns their latencies, sorted. */
  Result run(int requests) throws InterruptedException {
    AtomicInteger budget = new AtomicInteger(requests);
    AtomicInteger errors = new AtomicInteger();
    AtomicReference<String> firstError = new AtomicReference<>();
    List<Worker> workers = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < concurrency; i++) {
      Worker worker = new Worker(budget, errors, firstError);
      workers.add(worker);
      worker.thread.start();
    }
    int sent = 0;
    int recorded = 0;
    for (Worker worker : workers) {
      worker.thread.join();
      sent += worker.sent;
      recorded += worker.count;
    }
    long elapsed = System.nanoTime() - start;
    long[] latencies = new long[recorded];
    int offset = 0;
    for (Worker worker : workers) {
      System.arraycopy(worker.latencies, 0, latencies, offset, worker.count);
      offset += worker.count;
    }
    Arrays.sort(latencies);
    return new Result(sent, errors.get(), firstError.get(), elapsed, latencies);
  }

  /** One client thread, with its own connection, recording its own latencies. */
  private final class Worker {
    final Thread thread = new Thread(this::loop, "load");
    final HttpClient client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(TIMEOUT)
        .build();
    final AtomicInteger budget;
    final AtomicInteger errors;
    final AtomicReference<String> firstError;
    long[] latencies = new long[1024];
    int count;
    int sent;

    Worker(AtomicInteger budget, AtomicInteger errors, AtomicReference<String> firstError) {
      this.budget = budget;
      this.errors = errors;
      this.firstError = firstError;
    }

    void loop() {
      while (session()) {
        // Each session is one order, from start to history.
      }
    }

    /** One order session; false once the budget is spent. */
    boolean session() {
      // Orders under 5 are approved at once and have no review task.
      int amount = ThreadLocalRandom.current().nextInt(1, 21);
      String instance = firstId(send(post("process-definition/key/order/start",
          "{\"variables\":{\"amount\":{\"value\":" + amount + ",\"type\":\"Integer\"}},"
              + "\"businessKey\":\"order-" + ThreadLocalRandom.current().nextLong(1L << 40)
              + "\"}")));
      if (instance != null) {
        String task = firstId(send(get("task?processInstanceId=" + instance)));
        if (task != null) {
          send(post("task/" + task + "/complete", "{}"));
        }
        send(get("history/process-instance/" + instance));
        send(get("process-definition?key=order&latestVersion=true"));
      }
      return budget.get() > 0;
    }

    HttpRequest get(String path) {
      return HttpRequest.newBuilder(rest.resolve(path)).timeout(TIMEOUT).GET().build();
    }

    HttpRequest post(String path, String json) {
      return HttpRequest.newBuilder(rest.resolve(path))
          .timeout(TIMEOUT)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json))
          .build();
    }

    /** Sends one request within the budget: its body on a 2xx answer, else null. */
    String send(HttpRequest request) {
      if (budget.getAndDecrement() <= 0) {
        return null;
      }
      sent++;
      long start = System.nanoTime();
      try {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        record(System.nanoTime() - start);
        if (response.statusCode() / 100 == 2) {
          return response.body();
        }
        fail(request.method() + " " + request.uri() + " answered " + response.statusCode()
            + ": " + abbreviate(response.body()));
      } catch (IOException e) {
        fail(request.method() + " " + request.uri() + " failed: " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        budget.set(0);
      }
      return null;
    }

    void record(long latency) {
      if (count == latencies.length) {
        latencies = Arrays.copyOf(latencies, count * 2);
      }
      latencies[count++] = latency;
    }

    void fail(String message) {
      errors.incrementAndGet();
      firstError.compareAndSet(null, message);
    }
  }

  private static String firstId(String json) {
    if (json == null) {
      return null;
    }
    Matcher m = FIRST_ID.matcher(json);
    return m.find() ? m.group(1) : null;
  }

  private static String abbreviate(String body) {
    return body.length() <= 300 ? body : body.substring(0, 300) + "…";
  }
}
