package dev.weft.smoke.springboot27;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /report} → 200 {@code <trace id> <span id> <span id on the pool thread> <answer of
 * /hello>}: hand-written tracing with the OpenTelemetry API, as a team adds it. The request makes
 * a span {@code build report} with the API and, inside it, logs a line, asks its pool thread
 * which span is current there and calls its own {@code /hello} with {@code HttpURLConnection}.
 * The app ships OpenTelemetry API 1.0, the oldest the agent bridges.
 */
@RestController
public class ReportController {

  private static final Logger LOG = LoggerFactory.getLogger(ReportController.class);

  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "smoke-report-worker");
            t.setDaemon(true);
            return t;
          });

  @GetMapping("/report")
  String report(HttpServletRequest request) throws Exception {
    Tracer tracer = GlobalOpenTelemetry.getTracer("com.example.reports", "1.0");
    Span span = tracer.spanBuilder("build report").setAttribute("report.kind", "daily").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      LOG.info("building the report");
      String poolSpanId =
          worker
              .submit(() -> Span.current().getSpanContext().getSpanId())
              .get(10, TimeUnit.SECONDS);
      String hello = get("http://127.0.0.1:" + request.getLocalPort() + "/hello");
      SpanContext context = span.getSpanContext();
      return context.getTraceId() + " " + context.getSpanId() + " " + poolSpanId + " " + hello;
    } finally {
      span.end();
    }
  }

  private static String get(String url) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
    try (InputStream in = connection.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } finally {
      connection.disconnect();
    }
  }
}
