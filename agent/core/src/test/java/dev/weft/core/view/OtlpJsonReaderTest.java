package dev.weft.core.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.api.Span;
import dev.weft.api.SpanContext;
import dev.weft.api.SpanKind;
import dev.weft.api.StatusCode;
import dev.weft.core.export.otlp.OtlpJsonEncoder;
import dev.weft.core.export.otlp.RecordingTracer;
import dev.weft.core.resource.Resource;
import dev.weft.core.trace.SpanData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtlpJsonReaderTest {

  private static final SpanContext REMOTE_PARENT =
      SpanContext.createFromRemote(
          0x0af7651916cd43ddL, 0x8448eb211c80319cL, 0xb7ad6b7169203331L, SpanContext.FLAG_SAMPLED, "");

  @Test
  void readsBackWhatTheFileExporterWrites() throws IOException {
    RecordingTracer tracer = new RecordingTracer();
    Span server = tracer.startChild("servlet", "GET /tickets", SpanKind.SERVER, Span.wrap(REMOTE_PARENT));
    server.setAttribute("http.response.status_code", 500L);
    server.setAttribute("ratio", 0.25);
    server.setAttribute("cached", false);
    server.setAttribute("tags", new String[] {"a", "b"});
    Span db = tracer.startChild("jdbc", "SELECT tickets", SpanKind.CLIENT, server);
    db.recordException(new IllegalStateException("no such table"));
    db.setStatus(StatusCode.ERROR, "no such table");
    db.end();
    server.end();
    List<SpanData> ended = tracer.ended();

    OtlpJsonReader.Result result = read(encode(Resource.of("tickets", Collections.<String, String>emptyMap()), ended));

    assertEquals(Collections.emptyList(), result.problems());
    Map<String, ViewSpan> byName = byName(result.spans());
    ViewSpan readServer = byName.get("GET /tickets");
    ViewSpan readDb = byName.get("SELECT tickets");
    assertEquals("0af7651916cd43dd8448eb211c80319c", readServer.traceId());
    assertEquals("b7ad6b7169203331", readServer.parentSpanId());
    assertTrue(readServer.isParentRemote(), "the server span continues a remote parent");
    assertEquals("SERVER", readServer.kind());
    assertEquals("tickets", readServer.service());
    assertEquals(500L, readServer.attributes().get("http.response.status_code"));
    assertEquals(0.25, readServer.attributes().get("ratio"));
    assertEquals(false, readServer.attributes().get("cached"));
    assertEquals(Arrays.asList("a", "b"), readServer.attributes().get("tags"));

    assertEquals(readServer.spanId(), readDb.parentSpanId());
    assertFalse(readDb.isParentRemote());
    assertEquals("CLIENT", readDb.kind());
    assertEquals("ERROR", readDb.status());
    assertEquals("no such table", readDb.statusMessage());
    assertEquals("exception", readDb.events().get(0).name());
    assertEquals(
        "java.lang.IllegalStateException", readDb.events().get(0).attributes().get("exception.type"));

    SpanData original = ended.get(0);
    assertEquals(original.startEpochNanos(), readDb.startNanos());
    assertEquals(original.endEpochNanos(), readDb.endNanos());
  }

  @Test
  void readsSnakeCaseNamesBase64IdsAndEnumNames() throws IOException {
    String line =
        "{\"resource_spans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\","
            + "\"value\":{\"string_value\":\"edge\"}}]},\"scope_spans\":[{\"spans\":[{"
            + "\"trace_id\":\"S/kvNXezTaajzpKdDg5HNg==\",\"span_id\":\"APBnqgupArc=\","
            + "\"name\":\"GET /\",\"kind\":\"SPAN_KIND_SERVER\",\"start_time_unix_nano\":\"1000\","
            + "\"end_time_unix_nano\":3000,\"status\":{\"code\":\"STATUS_CODE_ERROR\"},"
            + "\"attributes\":[{\"key\":\"n\",\"value\":{\"int_value\":\"7\"}}]}]}]}]}";

    OtlpJsonReader.Result result = read(line);

    assertEquals(Collections.emptyList(), result.problems());
    ViewSpan span = result.spans().get(0);
    assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", span.traceId());
    assertEquals("00f067aa0ba902b7", span.spanId());
    assertEquals("", span.parentSpanId());
    assertEquals("edge", span.service());
    assertEquals("SERVER", span.kind());
    assertEquals("ERROR", span.status());
    assertEquals(2000, span.durationNanos());
    assertEquals(7L, span.attributes().get("n"));
  }

  @Test
  void skipsBrokenLinesAndKeepsTheRest() throws IOException {
    RecordingTracer tracer = new RecordingTracer();
    tracer.startRoot("servlet", "GET /a", SpanKind.SERVER).end();
    String good = encode(Resource.of("a", Collections.<String, String>emptyMap()), tracer.ended());
    String cutShort = good.substring(0, good.length() / 2);

    OtlpJsonReader.Result result =
        read(good + "\n\nnot json at all\n" + cutShort + "\n{\"resourceSpans\":[{\"scopeSpans\":"
            + "[{\"spans\":[{\"name\":\"no ids\"}]}]}]}\n" + good);

    assertEquals(2, result.spans().size(), "both whole lines are read");
    assertEquals(3, result.problems().size(), result.problems().toString());
    assertTrue(result.problems().get(0).startsWith("spans.jsonl line 3 is not an OTLP/JSON request"),
        result.problems().get(0));
    assertTrue(result.problems().get(1).startsWith("spans.jsonl line 4 "), result.problems().get(1));
    assertTrue(result.problems().get(2).contains("without a trace id"), result.problems().get(2));
  }

  @Test
  void spansOfALineCutShortAreNotHalfKept() throws IOException {
    RecordingTracer tracer = new RecordingTracer();
    Span root = tracer.startRoot("servlet", "GET /a", SpanKind.SERVER);
    tracer.startChild("jdbc", "SELECT", SpanKind.CLIENT, root).end();
    root.end();
    String line = encode(Resource.of("a", Collections.<String, String>emptyMap()), tracer.ended());
    // Cut inside the second span: the first is complete, but the line is broken.
    String cut = line.substring(0, line.lastIndexOf("\"name\""));

    OtlpJsonReader.Result result = read(cut);

    assertEquals(0, result.spans().size());
    assertEquals(1, result.problems().size());
  }

  @Test
  void idsInHexOrBase64AllZeroIsNoId() throws IOException {
    assertEquals("00f067aa0ba902b7", OtlpJsonReader.id("00F067AA0BA902B7", 8));
    assertEquals("00f067aa0ba902b7", OtlpJsonReader.id("APBnqgupArc=", 8));
    assertEquals("", OtlpJsonReader.id("0000000000000000", 8));
    assertEquals("", OtlpJsonReader.id("", 8));
    assertEquals("", OtlpJsonReader.id(null, 8));
  }

  private static String encode(Resource resource, List<SpanData> spans) {
    return new String(new OtlpJsonEncoder("test").encode(resource, spans), StandardCharsets.UTF_8);
  }

  private static OtlpJsonReader.Result read(String text) throws IOException {
    return new OtlpJsonReader()
        .read(new BufferedReader(new StringReader(text)), "spans.jsonl")
        .result();
  }

  private static Map<String, ViewSpan> byName(List<ViewSpan> spans) {
    Map<String, ViewSpan> byName = new HashMap<String, ViewSpan>();
    for (ViewSpan span : spans) {
      byName.put(span.name(), span);
    }
    return byName;
  }
}
