package dev.weft.smoke.jetty9;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
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
 * {@code GET /report} → 200 {@code <trace id> <span id> <span id on the pool thread> <answer of
 * /hello>}: a span {@code build report} made with the OpenTelemetry API, inside which the servlet
 * logs with Log4j 2, asks its pool thread which span is current there and calls its own {@code
 * /hello}. The API is not in the app's jar: it is mapped only when the API is on the class path
 * beside it, which the smoke tests do with API 1.0 and the newest 1.x.
 */
final class ReportServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LogManager.getLogger(ReportServlet.class);

  private final transient ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "smoke-report-worker");
            t.setDaemon(true);
            return t;
          });

  /** Whether the OpenTelemetry API is on the class path. */
  static boolean apiPresent() {
    try {
      Class.forName(
          "io.opentelemetry.api.GlobalOpenTelemetry", false, ReportServlet.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp)
      throws IOException, ServletException {
    Tracer tracer = GlobalOpenTelemetry.getTracer("com.example.reports", "1.0");
    Span span = tracer.spanBuilder("build report").setAttribute("report.kind", "daily").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      LOG.info("building the report");
      String poolSpanId =
          worker
              .submit(() -> Span.current().getSpanContext().getSpanId())
              .get(10, TimeUnit.SECONDS);
      String hello = get("http://127.0.0.1:" + req.getLocalPort() + "/hello");
      SpanContext context = span.getSpanContext();
      SmokeServlets.writeText(
          resp, context.getTraceId() + " " + context.getSpanId() + " " + poolSpanId + " " + hello);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      throw new ServletException(e);
    } finally {
      span.end();
    }
  }

  private static String get(String url) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
    try (InputStream in = connection.getInputStream()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[256];
      for (int n; (n = in.read(buffer)) > 0; ) {
        out.write(buffer, 0, n);
      }
      return new String(out.toByteArray(), StandardCharsets.UTF_8);
    } finally {
      connection.disconnect();
    }
  }
}
