package dev.weft.core.view;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the spans a process ends into whole traces for the console waterfall: a trace is
 * ready a grace period after its local root span (the one whose parent is remote or absent)
 * arrived, so that children ending just after their parent are still drawn under it. Spans of a
 * trace already shown are drawn again as a late part of it once their own grace period has
 * passed; spans whose local root does not arrive within {@code orphanWaitNanos} (a request still
 * running, a root that was dropped) are shown as they are.
 *
 * <p>Memory is bounded: beyond {@code maxSpans} waiting spans the oldest trace is shown at once;
 * the ids of the last {@code maxShown} traces shown are remembered to recognise late spans.
 *
 * <p>Not thread-safe: the owner serialises calls. Times are {@link System#nanoTime()} values
 * passed in, so tests control the clock.
 */
public final class TraceAssembler {

  private final long graceNanos;
  private final long orphanWaitNanos;
  private final int maxSpans;
  private final Map<String, Pending> pending = new LinkedHashMap<String, Pending>();
  private final Map<String, Boolean> shown;
  private int waitingSpans;

  public TraceAssembler(long graceNanos, long orphanWaitNanos, int maxSpans, final int maxShown) {
    this.graceNanos = Math.max(0, graceNanos);
    this.orphanWaitNanos = Math.max(this.graceNanos, orphanWaitNanos);
    this.maxSpans = Math.max(1, maxSpans);
    this.shown =
        new LinkedHashMap<String, Boolean>(16, 0.75f, false) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > maxShown;
          }
        };
  }

  /**
   * Takes one ended span.
   *
   * @param localRoot whether the span's parent is not in this process (remote or none)
   * @return traces that must be shown now to keep memory bounded (usually none)
   */
  public List<Ready> add(ViewSpan span, boolean localRoot, long nowNanos) {
    String key = span.traceId();
    Pending trace = pending.get(key);
    if (trace == null) {
      trace = new Pending(key, nowNanos, shown.containsKey(key));
      pending.put(key, trace);
    }
    trace.spans.add(span);
    if (localRoot && trace.rootArrivedNanos == Long.MIN_VALUE) {
      trace.rootArrivedNanos = nowNanos;
    }
    waitingSpans++;
    List<Ready> forced = new ArrayList<Ready>(0);
    while (waitingSpans > maxSpans && !pending.isEmpty()) {
      Iterator<Pending> oldest = pending.values().iterator();
      Pending evicted = oldest.next();
      oldest.remove();
      forced.add(finish(evicted, "shown early: too many spans waiting"));
    }
    return forced;
  }

  /** The traces whose time has come, in the order their first spans arrived. */
  public List<Ready> ready(long nowNanos) {
    List<Ready> ready = new ArrayList<Ready>();
    for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
      Pending trace = it.next();
      String note = null;
      if (trace.late) {
        if (nowNanos - trace.firstArrivedNanos >= graceNanos) {
          note = "";
        }
      } else if (trace.rootArrivedNanos != Long.MIN_VALUE) {
        if (nowNanos - trace.rootArrivedNanos >= graceNanos) {
          note = "";
        }
      } else if (nowNanos - trace.firstArrivedNanos >= orphanWaitNanos) {
        note = "its local root span had not ended";
      }
      if (note != null) {
        it.remove();
        ready.add(finish(trace, note));
      }
    }
    return ready;
  }

  /** Everything still waiting, as it is (at shutdown). */
  public List<Ready> drain() {
    List<Ready> all = new ArrayList<Ready>(pending.size());
    for (Pending trace : pending.values()) {
      boolean rootless = !trace.late && trace.rootArrivedNanos == Long.MIN_VALUE;
      all.add(finish(trace, rootless ? "its local root span had not ended" : ""));
    }
    pending.clear();
    return all;
  }

  /**
   * The {@link System#nanoTime()} at which {@link #ready} will next have something, or {@code
   * Long.MAX_VALUE} when nothing waits.
   */
  public long nextDeadlineNanos() {
    long next = Long.MAX_VALUE;
    for (Pending trace : pending.values()) {
      long at;
      if (trace.late) {
        at = trace.firstArrivedNanos + graceNanos;
      } else if (trace.rootArrivedNanos != Long.MIN_VALUE) {
        at = trace.rootArrivedNanos + graceNanos;
      } else {
        at = trace.firstArrivedNanos + orphanWaitNanos;
      }
      if (at - next < 0 || next == Long.MAX_VALUE) {
        next = at;
      }
    }
    return next;
  }

  private Ready finish(Pending trace, String note) {
    waitingSpans -= trace.spans.size();
    shown.put(trace.traceId, Boolean.TRUE);
    String said = note;
    if (trace.late) {
      said = note.isEmpty() ? "arrived after the trace was shown" : note;
    }
    return new Ready(TraceTree.of(trace.traceId, trace.spans), said);
  }

  private static final class Pending {
    final String traceId;
    final long firstArrivedNanos;
    final boolean late;
    final List<ViewSpan> spans = new ArrayList<ViewSpan>(4);
    long rootArrivedNanos = Long.MIN_VALUE;

    Pending(String traceId, long firstArrivedNanos, boolean late) {
      this.traceId = traceId;
      this.firstArrivedNanos = firstArrivedNanos;
      this.late = late;
    }
  }

  /** A trace (or a late part of one) to show, with what to say of it. Immutable. */
  public static final class Ready {
    private final TraceTree tree;
    private final String note;

    Ready(TraceTree tree, String note) {
      this.tree = tree;
      this.note = note;
    }

    public TraceTree tree() {
      return tree;
    }

    /** "" or why it is shown the way it is. */
    public String note() {
      return note;
    }
  }
}
