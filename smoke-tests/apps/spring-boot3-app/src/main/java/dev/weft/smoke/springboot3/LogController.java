package dev.weft.smoke.springboot3;

import com.example.audit.AuditTrail;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /log} → 200 {@code logged}: logs one line through SLF4J (Spring Boot's Logback) on
 * the request thread and one from a task on the app's own pool thread, which the request waits
 * for; then calls {@link AuditTrail#record}, a {@code @WithSpan} method that logs inside its own
 * span.
 */
@RestController
public class LogController {

  private static final Logger LOG = LoggerFactory.getLogger(LogController.class);

  private final AuditTrail audit = new AuditTrail();

  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "smoke-log-worker");
            t.setDaemon(true);
            return t;
          });

  @GetMapping("/log")
  String log() throws InterruptedException, ExecutionException, TimeoutException {
    LOG.info("handling /log");
    worker.submit(() -> LOG.info("working for /log")).get(10, TimeUnit.SECONDS);
    audit.record("/log");
    return "logged";
  }
}
