package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opentelemetry.proto.trace.v1.Span;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Many requests at once through two services: 50 concurrent clients send 40 requests each to
 * the frontend, which calls the backend with each of its HTTP clients in turn. Every request
 * must be exactly one trace of three spans, frontend SERVER → CLIENT → backend SERVER, linked
 * parent to child, and no span may land in another request's trace: context never leaks
 * between the requests that share the containers' and clients' threads.
 */
class ConcurrentTracesSmokeTest {

  private static final int CLIENTS = 50;
  private static final int REQUESTS_PER_CLIENT = 40;
  private static final Duration SPAN_TIMEOUT = Duration.ofSeconds(90);

  @RegisterExtension final AppLogsOnFailure logs = new AppLogsOnFailure();

  @Test
  void everyRequestIsOneWholeTrace() throws Exception {
    Path agentJar = AgentJar.require();
    try (TestCollector collector = TestCollector.start();
        AppProcess backend =
            logs.register(
                AppProcess.builder(SmokeApp.TOMCAT10)
                    .agent(agentJar)
                    .collector(collector)
                    .serviceName("concurrent-backend")
                    .logName(getClass().getSimpleName() + "-backend")
                    .start());
        AppProcess frontend =
            logs.register(
                AppProcess.builder(SmokeApp.FRONTEND)
                    .agent(agentJar)
                    .collector(collector)
                    .serviceName("concurrent-frontend")
                    .logName(getClass().getSimpleName() + "-frontend")
                    .start())) {
      String target = "http://127.0.0.1:" + backend.port();
      FrontendClient[] clients = FrontendClient.values();
      ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      List<Future<?>> done = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int clientNumber = c;
        done.add(pool.submit(() -> {
          SmokeHttp http = new SmokeHttp(frontend.port());
          for (int r = 0; r < REQUESTS_PER_CLIENT; r++) {
            String tag = "c" + clientNumber + "-" + r;
            FrontendClient client = clients[(clientNumber + r) % clients.length];
            SmokeHttp.Response response =
                http.get("/call/" + client.id() + "?target=" + target + "&path=/users/" + tag);
            if (!("user /" + tag).equals(response.body())) {
              failures.add(tag + " via " + client.id() + ": " + response.status() + " "
                  + response.body());
            }
          }
        }));
      }
      for (Future<?> future : done) {
        future.get();
      }
      pool.shutdown();
      assertEquals(List.of(), List.copyOf(failures), "every answer unchanged");

      int requests = CLIENTS * REQUESTS_PER_CLIENT;
      collector.awaitSpans(span -> true, 3 * requests, SPAN_TIMEOUT);

      Map<String, List<ReceivedSpan>> traces = collector.tracesById();
      List<String> problems = new ArrayList<>();
      for (Map.Entry<String, List<ReceivedSpan>> trace : traces.entrySet()) {
        String problem = checkTrace(trace.getValue());
        if (problem != null && problems.size() < 10) {
          problems.add(trace.getKey() + ": " + problem + " " + trace.getValue());
        }
      }
      assertEquals(List.of(), problems, "each trace frontend SERVER → CLIENT → backend SERVER");
      assertEquals(requests, traces.size(), "one trace per request");
      assertEquals(3 * requests, collector.spans().size(), "no span twice, none extra");
    }
  }

  /** Null when {@code spans} are one request's three spans, linked and about the same path. */
  private static String checkTrace(List<ReceivedSpan> spans) {
    if (spans.size() != 3) {
      return spans.size() + " spans";
    }
    ReceivedSpan root = null;
    ReceivedSpan client = null;
    ReceivedSpan server = null;
    for (ReceivedSpan span : spans) {
      String service = String.valueOf(span.resourceAttr("service.name"));
      if (span.kind() == Span.SpanKind.SPAN_KIND_CLIENT) {
        client = span;
      } else if (service.equals("concurrent-frontend")) {
        root = span;
      } else {
        server = span;
      }
    }
    if (root == null || client == null || server == null) {
      return "not one span of each kind";
    }
    if (!root.parentSpanId().isEmpty()) {
      return "the frontend SERVER span has a parent";
    }
    if (!client.parentSpanId().equals(root.spanId())) {
      return "the CLIENT span's parent is not the frontend SERVER span";
    }
    if (!server.parentSpanId().equals(client.spanId())) {
      return "the backend SERVER span's parent is not the CLIENT span";
    }
    String path = String.valueOf(server.attr("url.path"));
    if (!String.valueOf(root.attr("url.query")).endsWith("&path=" + path)
        || !String.valueOf(client.attr("url.full")).endsWith(path)) {
      return "spans of different requests";
    }
    return null;
  }
}
