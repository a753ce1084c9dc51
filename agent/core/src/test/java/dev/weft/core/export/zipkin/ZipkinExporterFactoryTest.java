package dev.weft.core.export.zipkin;

import static dev.weft.core.export.JsonTree.array;
import static dev.weft.core.export.JsonTree.object;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.core.config.ConfigProperties;
import dev.weft.core.export.ExportResult;
import dev.weft.core.export.ExporterContext;
import dev.weft.core.export.HttpSpanExporter;
import dev.weft.core.export.JsonTree;
import dev.weft.core.export.LogCapture;
import dev.weft.core.export.SpanExporter;
import dev.weft.core.export.SpanExporterFactory;
import dev.weft.core.export.SpanExporters;
import dev.weft.core.export.TestHttpServer;
import dev.weft.core.export.TestSpan;
import dev.weft.core.resource.Resource;
import dev.weft.core.sampler.Samplers;
import dev.weft.core.trace.SpanData;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code otel.traces.exporter=zipkin} as a user configures it, against a local HTTP server. */
class ZipkinExporterFactoryTest {

  private static final Resource RESOURCE =
      Resource.of("checkout", Collections.<String, String>emptyMap());

  @Test
  void isChosenByName() {
    SpanExporterFactory factory = SpanExporters.factory("zipkin");
    assertEquals(ZipkinExporterFactory.class, factory.getClass());
    assertEquals(
        Collections.singletonList("zipkin"),
        SpanExporters.names(config("otel.traces.exporter", "zipkin")));
  }

  @Test
  void postsGzippedJsonToTheConfiguredEndpoint() throws Exception {
    try (TestHttpServer server = new TestHttpServer()) {
      server.enqueue(TestHttpServer.Response.of(202, ""));
      SpanExporter exporter =
          create(config("otel.exporter.zipkin.endpoint", server.baseUrl() + "/api/v2/spans"));
      try {
        assertEquals(
            ExportResult.SUCCESS,
            exporter.export(Collections.<SpanData>singletonList(new TestSpan("GET /"))));
      } finally {
        exporter.shutdown();
      }

      TestHttpServer.Request request = server.requests.get(0);
      assertEquals("POST", request.method);
      assertEquals("/api/v2/spans", request.path);
      assertEquals("application/json", request.header("Content-Type"));
      assertEquals("gzip", request.header("Content-Encoding"));
      assertEquals("weft-agent/9.9.9", request.header("User-Agent"));
      List<Object> spans = array(JsonTree.parse(request.bodyText()));
      assertEquals("GET /", object(spans.get(0)).get("name"));
      assertEquals(
          "checkout", object(object(spans.get(0)).get("localEndpoint")).get("serviceName"));
    }
  }

  @Test
  void compressionCanBeTurnedOff() throws Exception {
    try (TestHttpServer server = new TestHttpServer()) {
      SpanExporter exporter =
          create(
              config(
                  "otel.exporter.zipkin.endpoint", server.baseUrl() + "/api/v2/spans",
                  "otel.exporter.zipkin.compression", "none"));
      try {
        exporter.export(Collections.<SpanData>singletonList(new TestSpan("GET /")));
      } finally {
        exporter.shutdown();
      }
      assertEquals(null, server.requests.get(0).header("Content-Encoding"));
    }
  }

  @Test
  void defaultsAndBadValues() {
    try (LogCapture log = new LogCapture()) {
      HttpSpanExporter defaults = (HttpSpanExporter) create(config());
      assertEquals("http://localhost:9411/api/v2/spans", defaults.endpoint().toString());
      defaults.shutdown();
      assertEquals(Collections.<String>emptyList(), log.lines());

      HttpSpanExporter bad =
          (HttpSpanExporter)
              create(
                  config(
                      "otel.exporter.zipkin.endpoint", "localhost:9411",
                      "otel.exporter.zipkin.timeout", "-5",
                      "otel.exporter.zipkin.compression", "zstd"));
      bad.shutdown();
      assertEquals("http://localhost:9411/api/v2/spans", bad.endpoint().toString());
      assertEquals(
          1,
          log.linesContaining("'localhost:9411' for otel.exporter.zipkin.endpoint").size(),
          log.lines().toString());
      assertEquals(1, log.linesContaining("otel.exporter.zipkin.timeout").size());
      assertEquals(1, log.linesContaining("'zstd'").size());
    }
  }

  private static SpanExporter create(ConfigProperties config) {
    return new ZipkinExporterFactory()
        .create(
            new ExporterContext(config, RESOURCE, Samplers.defaultSampler(), 5_000, "9.9.9"));
  }

  private static ConfigProperties config(String... keyValues) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put(keyValues[i], keyValues[i + 1]);
    }
    return ConfigProperties.of(map, Collections.<String, String>emptyMap());
  }
}
