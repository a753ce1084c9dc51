package dev.weft.core.export;

import dev.weft.core.trace.SpanData;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An exporter that remembers the names of what it received, batch by batch (copies: the
 * processor reuses its list). Its answers can be scripted.
 */
class RecordingExporter implements SpanExporter {

  final List<List<String>> batches = new CopyOnWriteArrayList<List<String>>();
  final AtomicInteger shutdowns = new AtomicInteger();
  volatile ExportResult result = ExportResult.SUCCESS;
  volatile String exportThreadName;

  @Override
  public ExportResult export(List<SpanData> spans) {
    exportThreadName = Thread.currentThread().getName();
    List<String> names = new ArrayList<String>();
    for (SpanData span : spans) {
      names.add(span.name());
    }
    batches.add(names);
    return result;
  }

  List<String> allNames() {
    List<String> all = new ArrayList<String>();
    for (List<String> batch : batches) {
      all.addAll(batch);
    }
    return all;
  }

  int spanCount() {
    return allNames().size();
  }

  @Override
  public String name() {
    return "recording";
  }

  @Override
  public void shutdown() {
    shutdowns.incrementAndGet();
  }
}
