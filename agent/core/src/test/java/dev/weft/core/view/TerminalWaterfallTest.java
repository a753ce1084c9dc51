package dev.weft.core.view;

import static dev.weft.core.view.Spans.span;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class TerminalWaterfallTest {

  private static ViewSpan failed(String id, String parent, String service, String name, double start, double end) {
    return new ViewSpan(
        Spans.TRACE,
        id,
        parent,
        false,
        service,
        name,
        "SERVER",
        Spans.ORIGIN + (long) (start * 1_000_000),
        Spans.ORIGIN + (long) (end * 1_000_000),
        "ERROR",
        "",
        Spans.map("http.response.status_code", 500L),
        Arrays.asList(
            new ViewSpan.Event(
                "exception",
                Spans.ORIGIN + (long) (end * 1_000_000) - 1000,
                Spans.map(
                    "exception.type", "java.lang.IllegalStateException",
                    "exception.message", "no tickets\nfor you",
                    "exception.stacktrace", "java.lang.IllegalStateException: x\n\tat a.B.c(B.java:1)\n\tat a.B.d(B.java:2)\n\tat a.B.e(B.java:3)\n\tat a.B.f(B.java:4)"))));
  }

  private static TraceTree sample() {
    return TraceTree.of(
        Spans.TRACE,
        Arrays.asList(
            span("a", "", "edge", "GET /api/v2/tickets/export", 0, 40),
            span("b", "a", "edge", "GET", 2, 12),
            span("c", "b", "ratelimiter", "GET /check", 3, 11),
            failed("d", "a", "tickets", "GET /tickets", 20, 40)));
  }

  @Test
  void ascii_rowsUnderTheirParents_barsOnOneTimeLine_errorsSaid() {
    String text = TerminalWaterfall.ascii(20, false).render(sample());

    assertEquals(
        "[weft] trace 4bf92f3577b34da6a3ce929d0e0e4736: 4 spans, 3 services, 40.0 ms, 1 error\n"
            + "  GET /api/v2/tickets/export  edge         server   40.0 ms |####################|\n"
            + "  +- GET                      edge         server   10.0 ms | #####              |\n"
            + "  |  `- GET /check            ratelimiter  server   8.00 ms | #####              |\n"
            + "  `- GET /tickets             tickets      server   20.0 ms |          ##########|"
            + " ! java.lang.IllegalStateException: no tickets for you\n",
        text);
  }

  @Test
  void unicode_eighthBlocksShowWhereABarEndsWithinACell() {
    TraceTree tree =
        TraceTree.of(
            Spans.TRACE,
            Arrays.asList(span("a", "", "edge", "root", 0, 80), span("b", "a", "edge", "child", 0, 13)));
    String text = new TerminalWaterfall(Glyphs.UNICODE, 10, false).render(tree);

    // 13 of 80 ms on 10 cells is 1.625 cells: one full block and five eighths.
    assertTrue(text.contains("|█▋        |"), text);
    assertTrue(text.contains("└─ child"), text);
  }

  @Test
  void aRootContinuingAParentOfAnotherProcess_saysWhichParent() {
    ViewSpan server =
        new ViewSpan(
            Spans.TRACE, "b", "00f067aa0ba902b7", true, "tickets", "GET /tickets", "SERVER",
            Spans.ORIGIN, Spans.ORIGIN + 5_000_000, "UNSET", "",
            Collections.<String, Object>emptyMap(), Collections.<ViewSpan.Event>emptyList());
    String text =
        TerminalWaterfall.ascii(10, false)
            .render(TraceTree.of(Spans.TRACE, Collections.singletonList(server)));

    assertTrue(text.contains("| <- continues remote parent 00f067aa0ba902b7\n"), text);
  }

  @Test
  void withAttributes_eachRowIsFollowedByItsAttributesAndEvents_stackTracesShortened() {
    String text = TerminalWaterfall.ascii(20, true).render(sample(), "a note");

    assertTrue(text.startsWith("[weft] trace 4bf92f3577b34da6a3ce929d0e0e4736: 4 spans, 3 services, 40.0 ms, 1 error (a note)\n"), text);
    assertTrue(text.contains("\n         http.response.status_code = 500\n"), text);
    assertTrue(text.contains("         event 'exception' at +40.0 ms\n"), text);
    assertTrue(text.contains("             exception.message = no tickets for you\n"), text);
    assertTrue(
        text.contains(
            "exception.stacktrace = java.lang.IllegalStateException: x / at a.B.c(B.java:1) / at a.B.d(B.java:2) / ... 2 more lines\n"),
        text);
    assertTrue(text.contains("         span d parent a, status ERROR\n"), text);
  }

  @Test
  void glyphs_unicodeOnlyWhereTheOutputCanEncodeIt() {
    assertEquals(Glyphs.UNICODE, Glyphs.forCharset(StandardCharsets.UTF_8));
    assertEquals(Glyphs.ASCII, Glyphs.forCharset(StandardCharsets.US_ASCII));
    assertEquals(Glyphs.ASCII, Glyphs.forCharset(StandardCharsets.ISO_8859_1));
  }

  @Test
  void longNamesAndControlCharacters_keepEveryRowOnOneLine() {
    StringBuilder longName = new StringBuilder("GET /");
    for (int i = 0; i < 100; i++) {
      longName.append('x');
    }
    TraceTree tree =
        TraceTree.of(
            Spans.TRACE,
            Arrays.asList(
                span("a", "", "edge\nservice", longName.toString(), 0, 1),
                span("b", "a", "edge", "line\r\nbreak", 0, 1)));
    String[] lines = TerminalWaterfall.ascii(10, false).render(tree).split("\n");

    assertEquals(3, lines.length);
    assertTrue(lines[1].contains("GET /xxx") && lines[1].contains("...  edge service"), lines[1]);
    assertTrue(lines[2].contains("line  break"), lines[2]);
  }
}
