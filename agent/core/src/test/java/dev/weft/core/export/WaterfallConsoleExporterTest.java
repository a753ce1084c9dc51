package dev.weft.core.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.api.SpanContext;
import dev.weft.api.SpanKind;
import dev.weft.api.StatusCode;
import dev.weft.core.config.ConfigProperties;
import dev.weft.core.resource.Resource;
import dev.weft.core.sampler.Samplers;
import dev.weft.core.trace.SpanData;
import dev.weft.core.view.TerminalWaterfall;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WaterfallConsoleExporterTest {

  private static final Resource RESOURCE =
      Resource.of("checkout", Collections.<String, String>emptyMap());
  private static final long TRACE_HIGH = 0x4bf92f3577b34da6L;
  private static final long TRACE_LOW = 0xa3ce929d0e0e4736L;

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  private WaterfallConsoleExporter exporter(long graceMillis) {
    return new WaterfallConsoleExporter(
        RESOURCE,
        new PrintStream(bytes, true),
        TerminalWaterfall.ascii(20, false),
        graceMillis);
  }

  private String printed() {
    return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
  }

  private static TestSpan span(String name, long spanId, SpanContext parent, long startMs, long endMs) {
    TestSpan span = new TestSpan(name);
    span.kind = parent.isValid() && !parent.isRemote() ? SpanKind.CLIENT : SpanKind.SERVER;
    span.context = SpanContext.create(TRACE_HIGH, TRACE_LOW, spanId, SpanContext.FLAG_SAMPLED, "");
    span.parent = parent;
    span.startNanos = 1_700_000_000_000_000_000L + startMs * 1_000_000L;
    span.endNanos = 1_700_000_000_000_000_000L + endMs * 1_000_000L;
    return span;
  }

  @Test
  void theTraceIsDrawnOnceItsLocalRootEnded_childrenUnderIt_remoteParentSaid() {
    SpanContext remote =
        SpanContext.createFromRemote(TRACE_HIGH, TRACE_LOW, 0x00f067aa0ba902b7L, SpanContext.FLAG_SAMPLED, "");
    TestSpan server = span("GET /orders/{id}", 0x1L, remote, 0, 40);
    TestSpan query = span("SELECT orders", 0x2L, server.context, 5, 15);
    query.status = StatusCode.ERROR;
    query.statusDescription = "table missing";
    WaterfallConsoleExporter exporter = exporter(60_000);
    try {
      exporter.export(Collections.<SpanData>singletonList(query));
      exporter.export(Collections.<SpanData>singletonList(server));
      exporter.printReady(System.nanoTime());
      assertEquals("", printed(), "the grace period of a minute has not passed");
    } finally {
      exporter.shutdown();
    }

    assertEquals(
        "[weft] trace 4bf92f3577b34da6a3ce929d0e0e4736: 2 spans, 1 service, 40.0 ms, 1 error\n"
            + "  GET /orders/{id}  checkout  server   40.0 ms |####################|"
            + " <- continues remote parent 00f067aa0ba902b7\n"
            + "  `- SELECT orders  checkout  client   10.0 ms |  ######            | ! table missing\n",
        printed(),
        "shutdown draws what waits");
  }

  @Test
  void thePrinterThreadDrawsTheTraceWhenTheGracePeriodEnds() {
    WaterfallConsoleExporter exporter = exporter(50);
    try {
      exporter.export(
          Arrays.<SpanData>asList(
              span("child", 0x2L, span("root", 0x1L, SpanContext.INVALID, 0, 10).context, 1, 2),
              span("root", 0x1L, SpanContext.INVALID, 0, 10)));
      Poll.until("the trace is drawn", () -> printed().contains("`- child"));
    } finally {
      exporter.shutdown();
    }
    assertEquals(1, printed().split("\\[weft\\] trace").length - 1, "drawn once: " + printed());
  }

  @Test
  void factory_waterfallByDefault_linesOnRequest_badFormatWarns() {
    assertTrue(create(Collections.<String, String>emptyMap()) instanceof WaterfallConsoleExporter);
    assertTrue(
        create(Collections.singletonMap("weft.console.format", "lines"))
            instanceof ConsoleSpanExporter);
    try (LogCapture log = new LogCapture()) {
      assertTrue(
          create(Collections.singletonMap("weft.console.format", "tree"))
              instanceof WaterfallConsoleExporter);
      assertEquals(
          1, log.linesContaining("Invalid value 'tree' for weft.console.format").size(), "warned");
    }
  }

  private static SpanExporter create(Map<String, String> properties) {
    ConfigProperties config = ConfigProperties.of(new HashMap<String, String>(properties));
    SpanExporter exporter =
        new ConsoleExporterFactory()
            .create(new ExporterContext(config, RESOURCE, Samplers.fromConfig(config), 1000, "1"));
    exporter.shutdown();
    return exporter;
  }
}
