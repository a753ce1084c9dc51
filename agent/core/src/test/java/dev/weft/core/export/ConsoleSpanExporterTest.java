package dev.weft.core.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.api.SpanContext;
import dev.weft.api.SpanKind;
import dev.weft.api.StatusCode;
import dev.weft.core.resource.Resource;
import dev.weft.core.trace.AnchoredClock;
import dev.weft.core.trace.RecordingSpan;
import dev.weft.core.trace.SpanData;
import dev.weft.core.trace.SpanFactory;
import dev.weft.core.trace.SpanLimits;
import dev.weft.core.trace.SpanProcessor;
import dev.weft.core.trace.SpanServices;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ConsoleSpanExporterTest {

  private static final Resource RESOURCE =
      Resource.of("checkout", Collections.<String, String>emptyMap());

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final ConsoleSpanExporter exporter =
      new ConsoleSpanExporter(RESOURCE, new PrintStream(bytes, true));

  private List<String> lines() {
    List<String> lines = new ArrayList<String>();
    for (String line : new String(bytes.toByteArray(), StandardCharsets.UTF_8).split("\n")) {
      if (!line.isEmpty()) {
        lines.add(line);
      }
    }
    return lines;
  }

  @Test
  void export_printsOneReadableLinePerSpan() {
    TestSpan server = new TestSpan("GET /users/{id}");
    server.kind = SpanKind.SERVER;
    server.attributes.put("http.request.method", "GET");
    server.attributes.put("http.response.status_code", 200L);
    TestSpan client = new TestSpan("SELECT users");
    client.kind = SpanKind.CLIENT;
    client.parent = server.context;
    client.context =
        SpanContext.create(0x4bf92f3577b34da6L, 0xa3ce929d0e0e4736L, 0x1L, (byte) 1, "");
    client.endNanos = client.startNanos + 1_000;

    assertEquals(
        ExportResult.SUCCESS, exporter.export(java.util.Arrays.<SpanData>asList(server, client)));

    List<String> lines = lines();
    assertEquals(2, lines.size());
    assertEquals(
        "[weft] span checkout 'GET /users/{id}' SERVER 12.346 ms"
            + " trace=4bf92f3577b34da6a3ce929d0e0e4736 span=00f067aa0ba902b7 parent=-"
            + " status=UNSET {http.request.method=GET, http.response.status_code=200}",
        lines.get(0));
    assertEquals(
        "[weft] span checkout 'SELECT users' CLIENT 0.001 ms"
            + " trace=4bf92f3577b34da6a3ce929d0e0e4736 span=0000000000000001"
            + " parent=00f067aa0ba902b7 status=UNSET {}",
        lines.get(1));
  }

  @Test
  void export_showsTheErrorDescriptionAndEveryAttributeType() {
    TestSpan span = new TestSpan("work");
    span.status = StatusCode.ERROR;
    span.statusDescription = "it broke";
    span.attributes.put("d", 1.5);
    span.attributes.put("b", true);
    span.attributes.put("sa", new String[] {"x", "y"});
    span.attributes.put("la", new long[] {1, 2});
    span.attributes.put("da", new double[] {0.5});
    span.attributes.put("ba", new boolean[] {false, true});

    exporter.export(Collections.<SpanData>singletonList(span));

    String line = lines().get(0);
    assertTrue(
        line.endsWith(
            " status=ERROR 'it broke' {d=1.5, b=true, sa=[x, y], la=[1, 2], da=[0.5],"
                + " ba=[false, true]}"),
        line);
  }

  @Test
  void export_summarisesExceptionEventsAfterTheAttributes() {
    AtomicReference<SpanData> ended = new AtomicReference<SpanData>();
    RecordingSpan span =
        SpanFactory.start(
            new SpanServices(AnchoredClock.create(), SpanLimits.DEFAULT, new Capture(ended)),
            "test",
            "upload",
            SpanKind.INTERNAL,
            SpanContext.create(1L, 2L, 3L, (byte) 1, ""),
            SpanContext.INVALID);
    span.setAttribute("file", "a.txt");
    span.addEvent("retrying");
    span.recordException(new IOException("disk full"));
    span.setStatus(StatusCode.ERROR, "upload failed");
    span.end();

    exporter.export(Collections.singletonList(ended.get()));

    String line = lines().get(0);
    assertTrue(
        line.endsWith(
            " status=ERROR 'upload failed' {file=a.txt} exception=java.io.IOException: disk full"),
        line);
  }

  @Test
  void export_escapesLineBreaks_soEachSpanStaysOnOneLine() {
    TestSpan span = new TestSpan("multi\nline");
    span.attributes.put("db.statement", "SELECT *\r\n\tFROM t");

    exporter.export(Collections.<SpanData>singletonList(span));

    List<String> lines = lines();
    assertEquals(1, lines.size());
    assertTrue(lines.get(0).contains("'multi\\nline'"), lines.get(0));
    assertTrue(lines.get(0).contains("db.statement=SELECT *\\r\\n\\tFROM t}"), lines.get(0));
  }

  @Test
  void appendMillis_hasThreeDecimals() {
    assertEquals("0.000", millis(0));
    assertEquals("0.001", millis(1_000));
    assertEquals("0.001", millis(500));
    assertEquals("0.010", millis(10_000));
    assertEquals("1234.568", millis(1_234_567_890L));
  }

  private static String millis(long nanos) {
    StringBuilder text = new StringBuilder();
    ConsoleSpanExporter.appendMillis(text, nanos);
    return text.toString();
  }

  @Test
  void concurrentExports_neverInterleaveLines() throws Exception {
    final int threads = 4;
    final int perThread = 300;
    final CountDownLatch start = new CountDownLatch(1);
    List<Thread> started = new ArrayList<Thread>();
    for (int t = 0; t < threads; t++) {
      final List<SpanData> batch = new ArrayList<SpanData>();
      for (int i = 0; i < perThread; i++) {
        TestSpan span = new TestSpan("thread" + t + "-span" + i);
        span.attributes.put("padding", "some text to make the line longer than a write");
        batch.add(span);
      }
      Thread thread =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  return;
                }
                exporter.export(batch);
              });
      thread.start();
      started.add(thread);
    }
    start.countDown();
    for (Thread thread : started) {
      thread.join();
    }

    List<String> lines = lines();
    assertEquals(threads * perThread, lines.size());
    for (String line : lines) {
      assertTrue(line.startsWith("[weft] span checkout 'thread"), line);
      assertTrue(line.endsWith("longer than a write}"), line);
    }
  }

  @Test
  void export_afterShutdown_fails() {
    exporter.shutdown();

    assertEquals(
        ExportResult.FAILURE,
        exporter.export(Collections.<SpanData>singletonList(new TestSpan("a"))));
    assertTrue(lines().isEmpty());
  }

  private static final class Capture implements SpanProcessor {
    private final AtomicReference<SpanData> ended;

    Capture(AtomicReference<SpanData> ended) {
      this.ended = ended;
    }

    @Override
    public void onEnd(SpanData span) {
      ended.set(span);
    }

    @Override
    public boolean forceFlush(long timeoutMillis) {
      return true;
    }

    @Override
    public void shutdown(long timeoutMillis) {}
  }
}
