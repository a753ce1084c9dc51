package dev.weft.core.export.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.core.config.ConfigProperties;
import dev.weft.core.export.ExportResult;
import dev.weft.core.export.HttpSpanExporter;
import dev.weft.core.export.LogCapture;
import dev.weft.core.export.SpanBatchEncoder;
import dev.weft.core.export.TestEncoder;
import dev.weft.core.export.TestHttpServer;
import dev.weft.core.export.TestSpan;
import dev.weft.core.resource.Resource;
import dev.weft.core.trace.SpanData;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class OtlpHttpExporterFactoryTest {

  private static final Resource RESOURCE =
      Resource.of("checkout", Collections.<String, String>emptyMap());

  private LogCapture log;

  @BeforeEach
  void captureLog() {
    log = new LogCapture();
  }

  @AfterEach
  void releaseLog() {
    log.close();
  }

  private static ConfigProperties config(String... pairs) {
    Map<String, String> values = new HashMap<String, String>();
    for (int i = 0; i < pairs.length; i += 2) {
      values.put(pairs[i], pairs[i + 1]);
    }
    return ConfigProperties.of(values);
  }

  private static OtlpHttpExporterFactory.Settings settings(String... pairs) {
    return OtlpHttpExporterFactory.settings(config(pairs));
  }

  @Test
  void settings_unset_areTheOpenTelemetryDefaults() {
    OtlpHttpExporterFactory.Settings settings = settings();

    assertEquals("http://localhost:4318/v1/traces", settings.endpoint.toString());
    assertEquals("http/protobuf", settings.protocol);
    assertTrue(settings.headers.isEmpty());
    assertFalse(settings.gzip);
    assertEquals(10_000, settings.timeoutMillis);
    assertTrue(log.lines().isEmpty(), log.lines().toString());
  }

  @Test
  void generalEndpoint_getsTheTracesPathAppended() {
    assertEquals(
        "https://collector:4318/v1/traces",
        settings("otel.exporter.otlp.endpoint", "https://collector:4318").endpoint.toString());
    assertEquals(
        "http://gateway/otlp/v1/traces",
        settings("otel.exporter.otlp.endpoint", "http://gateway/otlp/").endpoint.toString());
    assertEquals(
        "http://gateway/otlp/v1/traces",
        settings("otel.exporter.otlp.endpoint", "http://gateway/otlp").endpoint.toString());
  }

  @Test
  void tracesEndpoint_isUsedAsIsAndWins() {
    OtlpHttpExporterFactory.Settings settings =
        settings(
            "otel.exporter.otlp.endpoint", "http://general:4318",
            "otel.exporter.otlp.traces.endpoint", "http://traces:9999/custom");

    assertEquals("http://traces:9999/custom", settings.endpoint.toString());
  }

  @Test
  void invalidTracesEndpoint_warnsAndFallsBackToTheGeneralOne() {
    OtlpHttpExporterFactory.Settings settings =
        settings(
            "otel.exporter.otlp.endpoint", "http://general:4318",
            "otel.exporter.otlp.traces.endpoint", "not a url");

    assertEquals("http://general:4318/v1/traces", settings.endpoint.toString());
    assertEquals(1, log.linesContaining("otel.exporter.otlp.traces.endpoint").size());
  }

  @Test
  void invalidGeneralEndpoint_warnsAndUsesTheDefault() {
    OtlpHttpExporterFactory.Settings settings =
        settings("otel.exporter.otlp.endpoint", "ftp://collector");

    assertEquals("http://localhost:4318/v1/traces", settings.endpoint.toString());
    assertEquals(1, log.linesContaining("otel.exporter.otlp.endpoint").size());
  }

  @Test
  void endpoint_fromTheEnvironment() {
    Map<String, String> env = new HashMap<String, String>();
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", "http://from-env:4318");

    OtlpHttpExporterFactory.Settings settings =
        OtlpHttpExporterFactory.settings(
            ConfigProperties.of(Collections.<String, String>emptyMap(), env));

    assertEquals("http://from-env:4318/v1/traces", settings.endpoint.toString());
  }

  @Test
  void headers_tracesHeadersReplaceTheGeneralOnes() {
    assertEquals(
        Collections.singletonMap("api-key", "a b"),
        settings("otel.exporter.otlp.headers", "api-key=a%20b").headers);

    Map<String, String> headers =
        settings(
                "otel.exporter.otlp.headers", "api-key=general,other=x",
                "otel.exporter.otlp.traces.headers", "api-key=traces")
            .headers;
    assertEquals(Collections.singletonMap("api-key", "traces"), headers);
  }

  @Test
  void compression_gzipOrNone_tracesWins_badValueWarns() {
    assertTrue(settings("otel.exporter.otlp.compression", "gzip").gzip);
    assertTrue(settings("otel.exporter.otlp.compression", "GZIP").gzip);
    assertFalse(settings("otel.exporter.otlp.compression", "none").gzip);
    assertFalse(
        settings(
                "otel.exporter.otlp.compression", "gzip",
                "otel.exporter.otlp.traces.compression", "none")
            .gzip);
    assertTrue(log.lines().isEmpty(), log.lines().toString());

    assertFalse(settings("otel.exporter.otlp.traces.compression", "zstd").gzip);
    assertEquals(1, log.linesContaining("otel.exporter.otlp.traces.compression").size());
  }

  @Test
  void timeout_readsDurations_tracesWins_badValueWarns() {
    assertEquals(5000, settings("otel.exporter.otlp.timeout", "5s").timeoutMillis);
    assertEquals(
        250,
        settings("otel.exporter.otlp.timeout", "5s", "otel.exporter.otlp.traces.timeout", "250")
            .timeoutMillis);
    assertTrue(log.lines().isEmpty(), log.lines().toString());

    assertEquals(10_000, settings("otel.exporter.otlp.timeout", "0").timeoutMillis);
    assertEquals(10_000, settings("otel.exporter.otlp.timeout", "long").timeoutMillis);
    assertEquals(
        2, log.linesContaining("otel.exporter.otlp.timeout").size(), log.lines().toString());
  }

  @Test
  void protocol_httpJsonOrProtobuf_grpcWarnsAndUsesProtobuf() {
    assertEquals("http/json", settings("otel.exporter.otlp.protocol", "http/json").protocol);
    assertEquals(
        "http/json",
        settings(
                "otel.exporter.otlp.protocol", "http/protobuf",
                "otel.exporter.otlp.traces.protocol", "http/json")
            .protocol);
    assertTrue(log.lines().isEmpty(), log.lines().toString());

    assertEquals("http/protobuf", settings("otel.exporter.otlp.protocol", "grpc").protocol);
    assertEquals(1, log.linesContaining("grpc is not supported").size(), log.lines().toString());
    assertEquals("http/protobuf", settings("otel.exporter.otlp.protocol", "thrift").protocol);
    assertEquals(1, log.linesContaining("'thrift'").size(), log.lines().toString());
  }

  @Test
  void create_exportsToTheConfiguredEndpointWithTheConfiguredSettings() throws Exception {
    try (TestHttpServer server = new TestHttpServer()) {
      SpanBatchEncoder protobuf = new TestEncoder("application/x-protobuf");
      SpanBatchEncoder json = new TestEncoder("application/json");
      HttpSpanExporter exporter =
          OtlpHttpExporterFactory.create(
              config(
                  "otel.exporter.otlp.endpoint", server.baseUrl(),
                  "otel.exporter.otlp.protocol", "http/json",
                  "otel.exporter.otlp.headers", "authorization=Bearer%20abc",
                  "otel.exporter.otlp.compression", "gzip"),
              RESOURCE,
              30_000,
              "9.9.9",
              OtlpHttpExporterFactory.encoders(protobuf, json));
      try {
        assertEquals("otlp", exporter.name());
        assertEquals(
            ExportResult.SUCCESS,
            exporter.export(Collections.<SpanData>singletonList(new TestSpan("GET /"))));
      } finally {
        exporter.shutdown();
      }

      TestHttpServer.Request request = server.requests.get(0);
      assertEquals("/v1/traces", request.path);
      assertEquals("application/json", request.header("Content-Type"));
      assertEquals("gzip", request.header("Content-Encoding"));
      assertEquals("Bearer abc", request.header("authorization"));
      assertEquals("weft-agent/9.9.9", request.header("User-Agent"));
      assertEquals(TestEncoder.expected("checkout", "GET /"), request.bodyText());
    }
  }

  @Test
  void encoders_pickJsonForHttpJsonAndProtobufOtherwise() {
    SpanBatchEncoder protobuf = new TestEncoder("application/x-protobuf");
    SpanBatchEncoder json = new TestEncoder("application/json");

    assertEquals(json, OtlpHttpExporterFactory.encoders(protobuf, json).apply("http/json"));
    assertEquals(protobuf, OtlpHttpExporterFactory.encoders(protobuf, json).apply("http/protobuf"));
  }

  @Test
  void create_withoutAnEncoderForTheProtocol_failsLoudly() {
    assertThrows(
        IllegalArgumentException.class,
        () -> OtlpHttpExporterFactory.create(config(), RESOURCE, 1000, "1", protocol -> null));
  }
}
