package dev.weft.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.api.Context;
import dev.weft.api.Span;
import dev.weft.api.SpanKind;
import dev.weft.core.config.ConfigProperties;
import dev.weft.core.export.InMemorySpanExporter;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeftSdkTest {

  @Test
  void theSummaryCountsSpansFromStartToExport() {
    InMemorySpanExporter.INSTANCE.reset();
    Map<String, String> settings = new HashMap<>();
    settings.put("otel.traces.exporter", "memory");
    settings.put("otel.service.name", "counted");
    // No export before shutdown: the spans are waiting until then.
    settings.put("otel.bsp.schedule.delay", "600000");
    WeftSdk sdk = WeftSdk.create(ConfigProperties.of(settings));
    WeftTracer tracer = sdk.tracer();
    for (int i = 0; i < 3; i++) {
      tracer.startSpan("test", "done-" + i, SpanKind.INTERNAL, Context.root()).end();
    }
    Span open = tracer.startSpan("test", "open", SpanKind.INTERNAL, Context.root());
    tracer.startUnsampled(Context.root()).end();
    assertEquals(
        "4 spans started, 3 ended (1 still open); memory: 0 exported, 0 dropped (queue full: 0,"
            + " export failed: 0, waiting: 3, ended after shutdown: 0)",
        sdk.countsSummary(),
        "before shutdown, queued spans are waiting, not dropped");

    sdk.shutdown();
    open.end();

    assertEquals(
        "4 spans started, 4 ended (0 still open); memory: 3 exported, 1 dropped (queue full: 0,"
            + " export failed: 0, unsent at shutdown: 0, ended after shutdown: 1)",
        sdk.countsSummary());
    assertEquals(3, InMemorySpanExporter.INSTANCE.spans().size());
  }
}
