package dev.weft.core.view;

import static dev.weft.core.view.Spans.span;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceTreeTest {

  private static List<String> ids(TraceTree tree) {
    List<String> ids = new ArrayList<String>();
    for (TraceTree.Row row : tree.rows()) {
      ids.add(row.depth() + ":" + row.span().spanId());
    }
    return ids;
  }

  @Test
  void eachSpanIsUnderItsParent_siblingsByStart_whateverOrderTheyArrivedIn() {
    // Children end before their parents, so they arrive first.
    TraceTree tree =
        TraceTree.of(
            Spans.TRACE,
            Arrays.asList(
                span("c2", "b", "auth", "SELECT users", 30, 35),
                span("c1", "b", "auth", "GET /check", 10, 20),
                span("b", "a", "edge", "GET", 5, 40),
                span("d", "a", "edge", "GET", 41, 60),
                span("a", "", "edge", "GET /api", 0, 62)));

    assertEquals(Arrays.asList("0:a", "1:b", "2:c1", "2:c2", "1:d"), ids(tree));
    assertEquals(5, tree.spanCount());
    assertEquals(62_000_000L, tree.durationNanos());
    assertEquals(Arrays.asList("edge", "auth"), tree.services());
    assertFalse(tree.rows().get(1).isLastChild(), "b has a later sibling");
    assertTrue(tree.rows().get(4).isLastChild());
    assertEquals("|", tree.rows().get(2).guides(), "a guide runs down from b's tee to d");
    assertFalse(tree.rows().get(0).continuesMissingParent());
  }

  @Test
  void aSpanWhoseParentIsNotHere_isARootThatSaysSo() {
    TraceTree tree =
        TraceTree.of(
            Spans.TRACE,
            Arrays.asList(
                span("b", "a", "tickets", "GET /tickets", 5, 40),
                span("c", "b", "tickets", "SELECT", 6, 8)));

    assertEquals(Arrays.asList("0:b", "1:c"), ids(tree));
    assertTrue(tree.rows().get(0).continuesMissingParent());
  }

  @Test
  void badInput_aDuplicateIdIsShownOnce_andACycleIsCutIntoRoots() {
    TraceTree tree =
        TraceTree.of(
            Spans.TRACE,
            Arrays.asList(
                span("a", "", "edge", "GET /api", 0, 10),
                span("a", "", "edge", "GET /api (again)", 0, 10),
                span("x", "y", "edge", "x", 1, 2),
                span("y", "x", "edge", "y", 2, 3),
                span("s", "s", "edge", "its own parent", 4, 5)));

    assertEquals(Arrays.asList("0:a", "0:s", "0:x", "1:y"), ids(tree));
    assertEquals("GET /api", tree.rows().get(0).span().name());
  }

  @Test
  void aDeepChainDoesNotOverflowTheStack() {
    List<ViewSpan> chain = new ArrayList<ViewSpan>();
    chain.add(span("s0", "", "edge", "root", 0, 100_000));
    for (int i = 1; i < 50_000; i++) {
      chain.add(span("s" + i, "s" + (i - 1), "edge", "n", i, 100_000 - i));
    }
    TraceTree tree = TraceTree.of(Spans.TRACE, chain);
    assertEquals(50_000, tree.spanCount());
    assertEquals(49_999, tree.rows().get(49_999).depth());
  }

  @Test
  void groupByTrace_oneTreePerTraceId_earliestFirst() {
    List<TraceTree> traces =
        TraceTree.groupByTrace(
            Arrays.asList(
                span("t2", "b", "", "edge", "late trace", "SERVER", 50, 60, "UNSET"),
                span("t1", "a", "", "edge", "early trace", "SERVER", 0, 10, "ERROR"),
                span("t1", "a2", "a", "auth", "child", "SERVER", 1, 2, "UNSET")));

    assertEquals(2, traces.size());
    assertEquals("t1", traces.get(0).traceId());
    assertEquals(2, traces.get(0).spanCount());
    assertEquals(1, traces.get(0).errorCount());
    assertEquals("t2", traces.get(1).traceId());
  }
}
