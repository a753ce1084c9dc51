package dev.weft.core.view;

import static dev.weft.core.view.Spans.span;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TraceAssemblerTest {

  private static final long MS = 1_000_000L;
  private static final long GRACE = 500 * MS;
  private static final long ORPHAN_WAIT = 30_000 * MS;

  private final TraceAssembler assembler = new TraceAssembler(GRACE, ORPHAN_WAIT, 100, 10);

  private static ViewSpan of(String trace, String id, String parent) {
    return span(trace, id, parent, "edge", id, "SERVER", 0, 1, "UNSET");
  }

  @Test
  void aTraceIsReadyAGracePeriodAfterItsLocalRootArrived_withTheSpansThatCameMeanwhile() {
    assembler.add(of("t1", "child", "root"), false, 0);
    assembler.add(of("t1", "root", ""), true, 100 * MS);
    assertEquals(100 * MS + GRACE, assembler.nextDeadlineNanos());
    assertTrue(assembler.ready(100 * MS + GRACE - 1).isEmpty(), "still in its grace period");
    assembler.add(of("t1", "async", "root"), false, 300 * MS);

    List<TraceAssembler.Ready> ready = assembler.ready(100 * MS + GRACE);
    assertEquals(1, ready.size());
    assertEquals(3, ready.get(0).tree().spanCount());
    assertEquals("", ready.get(0).note());
    assertEquals(Long.MAX_VALUE, assembler.nextDeadlineNanos());
  }

  @Test
  void spansArrivingAfterTheirTraceWasShown_areShownAsALatePart() {
    assembler.add(of("t1", "root", ""), true, 0);
    assertEquals(1, assembler.ready(GRACE).size());

    assembler.add(of("t1", "straggler", "root"), false, 2_000 * MS);
    assertTrue(assembler.ready(2_000 * MS).isEmpty());
    List<TraceAssembler.Ready> late = assembler.ready(2_000 * MS + GRACE);
    assertEquals(1, late.size());
    assertEquals("arrived after the trace was shown", late.get(0).note());
    assertTrue(late.get(0).tree().rows().get(0).continuesMissingParent());
  }

  @Test
  void aTraceWhoseLocalRootNeverEnds_isShownAfterTheOrphanWait() {
    assembler.add(of("t1", "child", "root"), false, 0);
    assertEquals(ORPHAN_WAIT, assembler.nextDeadlineNanos());
    assertTrue(assembler.ready(ORPHAN_WAIT - 1).isEmpty());
    List<TraceAssembler.Ready> ready = assembler.ready(ORPHAN_WAIT);
    assertEquals("its local root span had not ended", ready.get(0).note());
  }

  @Test
  void tooManyWaitingSpans_showTheOldestTraceAtOnce() {
    TraceAssembler small = new TraceAssembler(GRACE, ORPHAN_WAIT, 3, 10);
    small.add(of("old", "a", "x"), false, 0);
    small.add(of("old", "b", "x"), false, 0);
    small.add(of("new", "c", "x"), false, 0);
    List<TraceAssembler.Ready> forced = small.add(of("new", "d", "x"), false, 0);

    assertEquals(1, forced.size());
    assertEquals("old", forced.get(0).tree().traceId());
    assertEquals("shown early: too many spans waiting", forced.get(0).note());
    assertEquals(2, small.drain().get(0).tree().spanCount());
  }

  @Test
  void drain_showsEverythingWaiting() {
    assembler.add(of("t1", "root", ""), true, 0);
    assembler.add(of("t2", "child", "root"), false, 0);
    List<TraceAssembler.Ready> all = assembler.drain();
    assertEquals(2, all.size());
    assertEquals("", all.get(0).note());
    assertEquals("its local root span had not ended", all.get(1).note());
    assertTrue(assembler.drain().isEmpty());
  }
}
