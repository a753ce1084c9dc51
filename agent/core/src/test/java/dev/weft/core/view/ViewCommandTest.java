package dev.weft.core.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.api.Span;
import dev.weft.api.SpanContext;
import dev.weft.api.SpanKind;
import dev.weft.core.export.otlp.OtlpJsonEncoder;
import dev.weft.core.export.otlp.RecordingTracer;
import dev.weft.core.resource.Resource;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Collections;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ViewCommandTest {

  @TempDir File dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void mergesTheFilesOfTwoServicesIntoOneTrace() throws IOException {
    // The edge service calls the tickets service; each wrote its own file.
    RecordingTracer edge = new RecordingTracer();
    Span server = edge.startRoot("servlet", "GET /api/v2/tickets/export", SpanKind.SERVER);
    Span client = edge.startChild("http", "GET", SpanKind.CLIENT, server);
    RecordingTracer tickets = new RecordingTracer();
    SpanContext sent = client.spanContext();
    Span downstream =
        tickets.startChild("servlet", "GET /tickets", SpanKind.SERVER,
            Span.wrap(SpanContext.createFromRemote(sent.traceIdHigh(), sent.traceIdLow(),
                sent.spanId(), SpanContext.FLAG_SAMPLED, "")));
    downstream.end();
    client.end();
    server.end();
    File edgeFile = write("edge.jsonl", "edge", edge);
    File ticketsFile = write("tickets.jsonl", "tickets", tickets);
    File page = new File(dir, "traces.html");

    int status = run("--ascii", "--html", page.getPath(), edgeFile.getPath(), ticketsFile.getPath());

    String printed = out.toString("UTF-8");
    assertEquals(0, status, printed + err);
    assertTrue(printed.contains("3 spans, 2 services"), printed);
    assertTrue(printed.contains("1 trace, 3 spans from 2 files"), printed);
    // The tickets span sits under the edge's client span, two levels down.
    int serverRow = printed.indexOf("GET /api/v2/tickets/export");
    int clientRow = printed.indexOf("GET ", serverRow + 1);
    int ticketsRow = printed.indexOf("GET /tickets");
    assertTrue(serverRow >= 0 && serverRow < clientRow && clientRow < ticketsRow, printed);
    assertEquals("HTML: " + page.getAbsolutePath(), lastLine(printed));
    String html = new String(Files.readAllBytes(page.toPath()), StandardCharsets.UTF_8);
    Matcher rows = Pattern.compile("data-service=\"(\\w+)\" data-depth=\"(\\d)\"").matcher(html);
    StringBuilder services = new StringBuilder();
    while (rows.find()) {
      services.append(rows.group(1)).append(rows.group(2)).append(' ');
    }
    assertEquals("edge0 edge1 tickets2 ", services.toString());
  }

  @Test
  void saysSoWhenTheFilesHoldNoSpans() throws IOException {
    File empty = new File(dir, "empty.jsonl");
    Files.write(empty.toPath(), "garbage\n".getBytes(StandardCharsets.UTF_8));

    int status = run("--no-html", empty.getPath());

    assertEquals(1, status);
    assertTrue(err.toString("UTF-8").contains("line 1 is not an OTLP/JSON request"), err.toString("UTF-8"));
    assertTrue(out.toString("UTF-8").contains("0 traces, 0 spans from 1 file"), out.toString("UTF-8"));
  }

  @Test
  void usageErrorsExitWithTwoAndSayHow() throws IOException {
    assertEquals(2, run());
    assertEquals(2, run("--bogus", "x.jsonl"));
    assertEquals(2, run(new File(dir, "missing.jsonl").getPath()));
    String said = err.toString("UTF-8");
    assertTrue(said.contains("no span files given"), said);
    assertTrue(said.contains("unknown option --bogus"), said);
    assertTrue(said.contains("cannot read"), said);
    assertTrue(said.contains(ViewCommand.USAGE), said);
  }

  private int run(String... args) throws IOException {
    try (PrintStream o = new PrintStream(out, true, "UTF-8");
        PrintStream e = new PrintStream(err, true, "UTF-8")) {
      return ViewCommand.run(args, o, e);
    }
  }

  private File write(String name, String service, RecordingTracer tracer) throws IOException {
    File file = new File(dir, name);
    byte[] line = new OtlpJsonEncoder("test").encode(
        Resource.of(service, Collections.<String, String>emptyMap()), tracer.ended());
    Files.write(file.toPath(), (new String(line, StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8));
    return file;
  }

  private static String lastLine(String text) {
    String[] lines = text.trim().split("\n");
    return lines[lines.length - 1].trim();
  }
}
