package dev.weft.core.export.file;

import dev.weft.core.export.ExportResult;
import dev.weft.core.export.SpanBatchEncoder;
import dev.weft.core.export.SpanExporter;
import dev.weft.core.export.WarningLimiter;
import dev.weft.core.log.AgentLog;
import dev.weft.core.resource.Resource;
import dev.weft.core.trace.SpanData;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Appends each batch to a file as one line: the batch's encoding (OTLP/JSON, an {@code
 * ExportTraceServiceRequest}, as the OpenTelemetry collector's file exporter writes it) and a
 * newline. For hosts without a reachable backend and for reading traces locally.
 *
 * <p>Rotated by size: a batch that would take the file beyond {@code maxBytes} first moves it to
 * {@code <name>.1.<ext>} (the older ones to {@code .2}, {@code .3}, ... up to {@code maxFiles},
 * the oldest deleted), then starts the file afresh. A batch larger than {@code maxBytes} on its
 * own is still written whole, into a file of its own: the limit bounds disk use, it never drops
 * spans. A line is written with one {@code write} of the whole buffer, so a reader sees whole
 * lines or, while the write is in progress, the start of the last one.
 *
 * <p>An I/O error (directory missing or not writable, disk full) fails the batch with one warning
 * naming the file (at most one a minute per kind of error); the next batch tries again, reopening
 * the file.
 *
 * <p>Thread-safety: {@link #export} is called by one thread at a time, as {@link SpanExporter}
 * promises; {@link #shutdown} may come from any thread. Both hold the exporter's lock, so a
 * shutdown waits for a write in progress (local disk: milliseconds) and closes the file after it.
 */
public final class FileSpanExporter implements SpanExporter {

  private static final long WARNING_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
  private static final byte NEWLINE = '\n';

  private final File file;
  private final SpanBatchEncoder encoder;
  private final Resource resource;
  private final long maxBytes;
  private final int maxFiles;
  private final WarningLimiter warnings = new WarningLimiter(WARNING_INTERVAL_NANOS);
  private final Object lock = new Object();

  /** Open while batches are written; null before the first and after an error. */
  private FileChannel channel;

  private boolean shutdown;

  /**
   * @param file the file the lines go to; created with its directory when missing
   * @param maxBytes the size beyond which the file is rotated, at least 1
   * @param maxFiles how many rotated files are kept besides the current one; 0 for none (the
   *     file is then truncated instead)
   */
  public FileSpanExporter(
      File file, SpanBatchEncoder encoder, Resource resource, long maxBytes, int maxFiles) {
    this.file = file.getAbsoluteFile();
    this.encoder = encoder;
    this.resource = resource;
    this.maxBytes = Math.max(1, maxBytes);
    this.maxFiles = Math.max(0, maxFiles);
  }

  @Override
  public ExportResult export(List<SpanData> spans) {
    if (spans.isEmpty()) {
      return ExportResult.SUCCESS;
    }
    byte[] encoded;
    try {
      encoded = encoder.encode(resource, spans);
    } catch (Throwable t) {
      warn("encode", "Could not encode " + spans.size() + " spans for " + file + ": " + t);
      return ExportResult.FAILURE;
    }
    ByteBuffer line = ByteBuffer.allocate(encoded.length + 1);
    line.put(encoded).put(NEWLINE);
    line.flip();
    synchronized (lock) {
      if (shutdown) {
        return ExportResult.FAILURE;
      }
      try {
        FileChannel out = open();
        long size = out.size();
        if (size > 0 && size + line.remaining() > maxBytes) {
          close();
          rotate();
          out = open();
        }
        while (line.hasRemaining()) {
          out.write(line);
        }
        return ExportResult.SUCCESS;
      } catch (IOException | RuntimeException e) {
        close();
        warn(
            "io:" + e.getClass().getName(),
            "Could not write " + spans.size() + " spans to " + file + "; they are dropped: " + e);
        return ExportResult.FAILURE;
      }
    }
  }

  private FileChannel open() throws IOException {
    if (channel == null) {
      File directory = file.getParentFile();
      if (directory != null && !directory.isDirectory() && !directory.mkdirs()) {
        throw new IOException("cannot create the directory " + directory);
      }
      channel = new FileOutputStream(file, true).getChannel();
    }
    return channel;
  }

  /** Shifts {@code .1} → {@code .2} ... and the current file to {@code .1}; drops the oldest. */
  private void rotate() throws IOException {
    if (maxFiles == 0) {
      if (!file.delete() && file.exists()) {
        throw new IOException("cannot delete " + file + " to start it afresh");
      }
      return;
    }
    File oldest = rotated(file, maxFiles);
    if (oldest.exists() && !oldest.delete()) {
      throw new IOException("cannot delete " + oldest);
    }
    for (int i = maxFiles - 1; i >= 1; i--) {
      File from = rotated(file, i);
      if (from.exists() && !from.renameTo(rotated(file, i + 1))) {
        throw new IOException("cannot rename " + from);
      }
    }
    if (!file.renameTo(rotated(file, 1))) {
      throw new IOException("cannot rename " + file + " to " + rotated(file, 1));
    }
  }

  /** {@code traces.jsonl} → {@code traces.<n>.jsonl}; {@code traces} → {@code traces.<n>}. */
  static File rotated(File file, int n) {
    String name = file.getName();
    int dot = name.lastIndexOf('.');
    String rotatedName =
        dot > 0 ? name.substring(0, dot) + '.' + n + name.substring(dot) : name + '.' + n;
    return new File(file.getParentFile(), rotatedName);
  }

  private void close() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // Nothing is buffered in the channel; a failed close loses nothing more.
      }
      channel = null;
    }
  }

  private void warn(String key, String message) {
    long suppressed = warnings.tryAcquire(key, System.nanoTime());
    if (suppressed < 0) {
      return;
    }
    AgentLog.warn(
        suppressed > 0 ? message + " (" + suppressed + " more like this in the last minute)"
            : message);
  }

  @Override
  public String name() {
    return "file";
  }

  /** The file the lines go to, absolute. */
  public File file() {
    return file;
  }

  @Override
  public void shutdown() {
    synchronized (lock) {
      shutdown = true;
      close();
    }
  }

  @Override
  public String toString() {
    return "FileSpanExporter{" + file + ", max " + maxBytes + " bytes x " + (maxFiles + 1) + '}';
  }
}
