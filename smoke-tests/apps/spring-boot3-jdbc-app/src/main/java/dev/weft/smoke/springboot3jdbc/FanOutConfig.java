package dev.weft.smoke.springboot3jdbc;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The application's own pool and HTTP client for {@link OrderSummaryController}, as a service
 * that fans work out would have them: long-lived beans, not made per request.
 *
 * <p>The pool is a plain fixed {@link ThreadPoolExecutor} (not Spring's task executor, nor the
 * common ForkJoinPool), with threads named {@code order-summary-<n>} so the summary's body can
 * show that the work ran there. It is shut down with the application context.
 */
@Configuration(proxyBeanMethods = false)
class FanOutConfig {

  static final int POOL_THREADS = 8;
  static final String POOL_THREAD_PREFIX = "order-summary-";
  static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);

  @Bean(destroyMethod = "shutdown")
  ExecutorService orderSummaryPool() {
    AtomicInteger threads = new AtomicInteger();
    ThreadFactory factory = task -> {
      Thread thread = new Thread(task, POOL_THREAD_PREFIX + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
    return new ThreadPoolExecutor(
        POOL_THREADS, POOL_THREADS, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), factory);
  }

  /** HTTP/1.1 only: the app's Tomcat speaks nothing else, and the client would try h2c. */
  @Bean
  HttpClient selfHttpClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(HTTP_TIMEOUT)
        .build();
  }
}
