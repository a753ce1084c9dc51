package dev.weft.core.export.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.core.config.ConfigProperties;
import dev.weft.core.export.ExportResult;
import dev.weft.core.export.ExporterContext;
import dev.weft.core.export.LogCapture;
import dev.weft.core.export.SpanExporters;
import dev.weft.core.export.otlp.OtlpJsonEncoder;
import dev.weft.core.export.otlp.OtlpOracle;
import dev.weft.core.export.otlp.SampleBatches;
import dev.weft.core.resource.Resource;
import dev.weft.core.sampler.Samplers;
import dev.weft.core.trace.SpanData;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file exporter as a user reads its output: whole OTLP/JSON lines, rotated by size. */
class FileSpanExporterTest {

  private static final Resource RESOURCE = SampleBatches.resource();

  @TempDir Path dir;

  @Test
  void eachBatchIsOneOtlpJsonLine() throws IOException {
    File file = dir.resolve("traces.jsonl").toFile();
    FileSpanExporter exporter = exporter(file, 1 << 20, 5);
    List<SpanData> first = SampleBatches.large(3);
    List<SpanData> second = SampleBatches.large(2);
    assertEquals(ExportResult.SUCCESS, exporter.export(first));
    assertEquals(ExportResult.SUCCESS, exporter.export(second));
    exporter.shutdown();

    List<String> lines = Files.readAllLines(file.toPath(), StandardCharsets.UTF_8);
    assertEquals(2, lines.size());
    ExportTraceServiceRequest request = parse(lines.get(0));
    assertEquals(3, spanCount(request));
    assertEquals(
        "checkout",
        request.getResourceSpans(0).getResource().getAttributesList().stream()
            .filter(kv -> kv.getKey().equals("service.name"))
            .findFirst()
            .get()
            .getValue()
            .getStringValue());
    assertEquals(2, spanCount(parse(lines.get(1))));
  }

  @Test
  void appendsToAnExistingFileAndCreatesMissingDirectories() throws IOException {
    File file = dir.resolve("logs/weft/traces.jsonl").toFile();
    FileSpanExporter first = exporter(file, 1 << 20, 5);
    first.export(SampleBatches.large(1));
    first.shutdown();
    FileSpanExporter second = exporter(file, 1 << 20, 5);
    second.export(SampleBatches.large(1));
    second.shutdown();
    assertEquals(2, Files.readAllLines(file.toPath()).size(), "a restart appends");
  }

  @Test
  void rotatesBySizeKeepingTheNewestFiles() throws IOException {
    File file = dir.resolve("traces.jsonl").toFile();
    int lineBytes = new OtlpJsonEncoder("1.0").encode(RESOURCE, SampleBatches.large(2)).length + 1;
    // Two lines fit in a file; the third starts a new one.
    FileSpanExporter exporter = exporter(file, 2L * lineBytes + 10, 2);
    int batches = 9;
    for (int i = 0; i < batches; i++) {
      assertEquals(ExportResult.SUCCESS, exporter.export(SampleBatches.large(2)));
    }
    exporter.shutdown();

    File first = dir.resolve("traces.1.jsonl").toFile();
    File second = dir.resolve("traces.2.jsonl").toFile();
    assertTrue(first.isFile() && second.isFile(), "rotated files: " + list());
    assertFalse(dir.resolve("traces.3.jsonl").toFile().exists(), "only two kept: " + list());
    // 9 lines: [1,2] [3,4] [5,6] [7,8] [9]; the newest three files hold 5..9.
    assertEquals(1, Files.readAllLines(file.toPath()).size());
    assertEquals(2, Files.readAllLines(first.toPath()).size());
    assertEquals(2, Files.readAllLines(second.toPath()).size());
    for (File kept : new File[] {file, first, second}) {
      assertTrue(kept.length() <= 2L * lineBytes + 10, kept + " within the limit");
      for (String line : Files.readAllLines(kept.toPath())) {
        assertEquals(2, spanCount(parse(line)), "every line whole in " + kept);
      }
    }
  }

  @Test
  void aBatchLargerThanTheLimitIsStillWrittenWhole() throws IOException {
    File file = dir.resolve("traces.jsonl").toFile();
    FileSpanExporter exporter = exporter(file, 100, 1);
    assertEquals(ExportResult.SUCCESS, exporter.export(SampleBatches.large(10)));
    assertEquals(ExportResult.SUCCESS, exporter.export(SampleBatches.large(10)));
    exporter.shutdown();
    assertEquals(10, spanCount(parse(Files.readAllLines(file.toPath()).get(0))));
    assertEquals(
        10,
        spanCount(parse(Files.readAllLines(dir.resolve("traces.1.jsonl")).get(0))),
        "the earlier batch rotated, not lost");
  }

  @Test
  void anUnwritablePathFailsTheBatchWithOneWarningAndRecovers() throws IOException {
    Path blocker = dir.resolve("not-a-directory");
    Files.write(blocker, new byte[] {1});
    File file = blocker.resolve("traces.jsonl").toFile();
    FileSpanExporter exporter = exporter(file, 1 << 20, 5);
    try (LogCapture log = new LogCapture()) {
      assertEquals(ExportResult.FAILURE, exporter.export(SampleBatches.large(1)));
      assertEquals(ExportResult.FAILURE, exporter.export(SampleBatches.large(1)));
      List<String> warnings = log.linesContaining(file.getPath());
      assertEquals(1, warnings.size(), "one warning a minute: " + log.lines());
      assertTrue(warnings.get(0).contains("1 spans"), warnings.get(0));

      Files.delete(blocker);
      Files.createDirectory(blocker);
      assertEquals(ExportResult.SUCCESS, exporter.export(SampleBatches.large(1)));
    }
    exporter.shutdown();
    assertEquals(1, Files.readAllLines(file.toPath()).size());
  }

  @Test
  void exportsAfterShutdownFail() {
    FileSpanExporter exporter = exporter(dir.resolve("t.jsonl").toFile(), 1 << 20, 5);
    exporter.shutdown();
    assertEquals(ExportResult.FAILURE, exporter.export(SampleBatches.large(1)));
    exporter.shutdown();
  }

  @Test
  void rotatedNames() {
    assertEquals("a.3.jsonl", FileSpanExporter.rotated(new File("a.jsonl"), 3).getName());
    assertEquals("traces.1", FileSpanExporter.rotated(new File("traces"), 1).getName());
    assertEquals(".hidden.2", FileSpanExporter.rotated(new File(".hidden"), 2).getName());
  }

  @Test
  void factorySettingsAndDefaults() {
    assertEquals(
        Collections.singletonList("file"),
        SpanExporters.names(config("otel.traces.exporter", "file")));
    try (LogCapture log = new LogCapture()) {
      FileSpanExporter defaults = create(config());
      assertEquals("weft-traces-checkout.jsonl", defaults.file().getName());
      defaults.shutdown();
      assertEquals(Collections.<String>emptyList(), log.lines());

      FileSpanExporter bad =
          create(
              config(
                  "weft.exporter.file.path", dir.resolve("x.jsonl").toString(),
                  "weft.exporter.file.max.size", "ten",
                  "weft.exporter.file.max.files", "-1"));
      bad.shutdown();
      assertEquals(dir.resolve("x.jsonl").toFile().getAbsoluteFile(), bad.file());
      assertEquals(1, log.linesContaining("weft.exporter.file.max.size").size(), log.lines().toString());
      assertEquals(1, log.linesContaining("weft.exporter.file.max.files").size());
    }
    assertEquals("weft-traces-my_svc__v2.jsonl", FileExporterFactory.defaultFileName("my svc/\\v2"));
    assertEquals(500L * 1024, FileExporterFactory.parseSize("500KB"));
    assertEquals(10L << 20, FileExporterFactory.parseSize("10mb"));
    assertEquals(1L << 30, FileExporterFactory.parseSize("1 GB"));
    assertEquals(4096, FileExporterFactory.parseSize("4096"));
    assertEquals(-1, FileExporterFactory.parseSize("MB"));
    assertEquals(-1, FileExporterFactory.parseSize("1.5MB"));
  }

  private FileSpanExporter exporter(File file, long maxBytes, int maxFiles) {
    return new FileSpanExporter(file, new OtlpJsonEncoder("1.0"), RESOURCE, maxBytes, maxFiles);
  }

  private static FileSpanExporter create(ConfigProperties config) {
    return (FileSpanExporter)
        new FileExporterFactory()
            .create(
                new ExporterContext(config, RESOURCE, Samplers.defaultSampler(), 5_000, "1.0"));
  }

  private static ConfigProperties config(String... keyValues) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put(keyValues[i], keyValues[i + 1]);
    }
    return ConfigProperties.of(map, Collections.<String, String>emptyMap());
  }

  private static ExportTraceServiceRequest parse(String line) throws IOException {
    return OtlpOracle.parseJson(line.getBytes(StandardCharsets.UTF_8));
  }

  private static int spanCount(ExportTraceServiceRequest request) {
    int count = 0;
    for (int r = 0; r < request.getResourceSpansCount(); r++) {
      for (int s = 0; s < request.getResourceSpans(r).getScopeSpansCount(); s++) {
        count += request.getResourceSpans(r).getScopeSpans(s).getSpansCount();
      }
    }
    return count;
  }

  private List<String> list() {
    List<String> names = new ArrayList<>();
    for (File f : dir.toFile().listFiles()) {
      names.add(f.getName() + "=" + f.length());
    }
    return names;
  }
}
