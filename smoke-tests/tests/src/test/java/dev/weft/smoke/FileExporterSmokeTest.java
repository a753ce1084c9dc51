package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code otel.traces.exporter=file} in a real application: its spans appear in the file while it
 * runs, each line an OTLP/JSON export request that the collector's parser reads, and the spans of
 * requests answered just before SIGTERM are in the file once the JVM has exited.
 */
class FileExporterSmokeTest {

  private static final Duration SPAN_TIMEOUT = Duration.ofSeconds(20);

  @RegisterExtension final AppLogsOnFailure logs = new AppLogsOnFailure();

  @TempDir Path dir;

  @Test
  void spansAreWrittenAsOtlpJsonLinesAndFlushedAtShutdown() {
    Path agentJar = AgentJar.require();
    Path file = dir.resolve("spans/traces.jsonl");
    AppProcess app =
        logs.register(
            AppProcess.builder(SmokeApp.JETTY9)
                .agent(agentJar)
                .serviceName("file-smoke")
                .property("otel.traces.exporter", "file")
                .property("weft.exporter.file.path", file.toString())
                .logName(getClass().getSimpleName())
                .start());
    SmokeHttp http = new SmokeHttp(app.port());
    assertEquals("user /file-0", http.get("/users/file-0").body());
    long deadline = System.nanoTime() + SPAN_TIMEOUT.toNanos();
    while (serverPaths(file).isEmpty()) {
      assertTrue(System.nanoTime() - deadline < 0, "no span in " + file + " within " + SPAN_TIMEOUT);
      pause();
    }

    for (int i = 1; i <= 3; i++) {
      assertEquals("user /file-" + i, http.get("/users/file-" + i).body());
    }
    app.stop();

    assertEquals(
        List.of("/users/file-0", "/users/file-1", "/users/file-2", "/users/file-3"),
        serverPaths(file),
        "every server span once, in order");
  }

  /** The {@code url.path} of each SERVER span of service file-smoke in the file, in file order. */
  private static List<String> serverPaths(Path file) {
    List<String> paths = new ArrayList<>();
    if (!Files.exists(file)) {
      return paths;
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // Whole lines only: the agent may be writing the last one right now.
    String complete = text.substring(0, text.lastIndexOf('\n') + 1);
    for (String line : complete.lines().toList()) {
      ExportTraceServiceRequest request;
      try {
        request = TestCollector.parseOtlpJson(line);
      } catch (IOException e) {
        throw new AssertionError("not an OTLP/JSON line: " + line, e);
      }
      for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
        Object service =
            ReceivedSpan.toMap(resourceSpans.getResource().getAttributesList()).get("service.name");
        assertEquals("file-smoke", service);
        for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
          for (Span span : scopeSpans.getSpansList()) {
            if (span.getKind() == Span.SpanKind.SPAN_KIND_SERVER) {
              paths.add(String.valueOf(ReceivedSpan.toMap(span.getAttributesList()).get("url.path")));
            }
          }
        }
      }
    }
    return paths;
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
