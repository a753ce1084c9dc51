package dev.weft.smoke.jetty9;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * {@code GET /log} → 200 {@code logged}: logs one line with Log4j 2 on the request thread and one
 * from a task on the app's own pool thread, which the request waits for. Its {@code init} logs a
 * line outside any request.
 */
final class LogServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LogManager.getLogger(LogServlet.class);

  private final transient ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "smoke-log-worker");
            t.setDaemon(true);
            return t;
          });

  @Override
  public void init() {
    LOG.info("log servlet ready");
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp)
      throws IOException, ServletException {
    LOG.info("handling /log");
    try {
      worker.submit(() -> LOG.info("working for /log")).get(10, TimeUnit.SECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      throw new ServletException(e);
    }
    SmokeServlets.writeText(resp, "logged");
  }
}
