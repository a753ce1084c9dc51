package dev.weft.core.export;

import dev.weft.api.AgentThread;
import dev.weft.api.SpanContext;
import dev.weft.core.resource.Resource;
import dev.weft.core.trace.SpanData;
import dev.weft.core.view.TerminalWaterfall;
import dev.weft.core.view.TraceAssembler;
import dev.weft.core.view.ViewSpan;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Prints each trace as a waterfall ({@link TerminalWaterfall}) on standard output once the
 * trace's local root span has ended and a grace period has passed for spans that end after it
 * ({@link TraceAssembler}); the default form of {@code otel.traces.exporter=console}.
 *
 * <p>A daemon {@link AgentThread} ({@code weft-console}), started at the first export, prints
 * traces when their grace period is over; {@link #shutdown} prints everything still waiting.
 * Each trace is written with one {@code print}, so traces never interleave with each other.
 *
 * <p>Thread-safe: {@link #export} is called by the export thread, the printer runs on its own,
 * and {@link #shutdown} may come from any thread.
 */
final class WaterfallConsoleExporter implements SpanExporter {

  /** Spans of traces not yet shown; beyond it the oldest trace is shown at once. */
  private static final int MAX_WAITING_SPANS = 4096;
  /** Traces remembered as shown, to tell late spans from new traces. */
  private static final int MAX_SHOWN_TRACES = 4096;
  private static final long ORPHAN_WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

  private final String serviceName;
  private final PrintStream out;
  private final TerminalWaterfall waterfall;
  private final TraceAssembler assembler;
  private final Object lock = new Object();
  private Thread printer; // guarded by lock
  private boolean shutdown; // guarded by lock

  WaterfallConsoleExporter(
      Resource resource, PrintStream out, TerminalWaterfall waterfall, long graceMillis) {
    this.serviceName = resource.serviceName();
    this.out = out;
    this.waterfall = waterfall;
    long graceNanos = TimeUnit.MILLISECONDS.toNanos(graceMillis);
    this.assembler =
        new TraceAssembler(
            graceNanos,
            Math.max(ORPHAN_WAIT_NANOS, graceNanos),
            MAX_WAITING_SPANS,
            MAX_SHOWN_TRACES);
  }

  @Override
  public ExportResult export(List<SpanData> spans) {
    long now = System.nanoTime();
    synchronized (lock) {
      if (shutdown) {
        return ExportResult.FAILURE;
      }
      for (int i = 0; i < spans.size(); i++) {
        SpanData span = spans.get(i);
        SpanContext parent = span.parentSpanContext();
        boolean localRoot = parent == null || !parent.isValid() || parent.isRemote();
        print(assembler.add(ViewSpan.of(span, serviceName), localRoot, now));
      }
      if (printer == null) {
        printer = new AgentThread("weft-console", new Printer());
        printer.start();
      }
      lock.notifyAll();
    }
    return out.checkError() ? ExportResult.FAILURE : ExportResult.SUCCESS;
  }

  /** Prints what is due now; for tests, which drive the clock. */
  void printReady(long nowNanos) {
    synchronized (lock) {
      print(assembler.ready(nowNanos));
    }
  }

  private void print(List<TraceAssembler.Ready> traces) {
    for (TraceAssembler.Ready trace : traces) {
      out.print(waterfall.render(trace.tree(), trace.note()));
    }
    if (!traces.isEmpty()) {
      out.flush();
    }
  }

  @Override
  public String name() {
    return "console";
  }

  @Override
  public void shutdown() {
    synchronized (lock) {
      if (shutdown) {
        return;
      }
      shutdown = true;
      print(assembler.drain());
      lock.notifyAll();
    }
  }

  /** Waits for the next trace's grace period to end and prints it, until shutdown. */
  private final class Printer implements Runnable {
    @Override
    public void run() {
      synchronized (lock) {
        while (!shutdown) {
          long now = System.nanoTime();
          print(assembler.ready(now));
          long next = assembler.nextDeadlineNanos();
          try {
            if (next == Long.MAX_VALUE) {
              lock.wait();
            } else {
              long waitNanos = next - System.nanoTime();
              if (waitNanos > 0) {
                TimeUnit.NANOSECONDS.timedWait(lock, waitNanos);
              }
            }
          } catch (InterruptedException e) {
            return; // the JVM is going down; shutdown prints what is left
          }
        }
      }
    }
  }
}
