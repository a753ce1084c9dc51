package dev.weft.core.view;

import static dev.weft.core.view.Spans.span;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlWaterfallTest {

  private static final Pattern ROW =
      Pattern.compile(
          "<div class=\"row\" data-key=\"[^\"]*\" data-span-id=\"([^\"]*)\" data-parent-id=\"([^\"]*)\""
              + " data-service=\"([^\"]*)\" data-depth=\"(\\d+)\">.*?"
              + "<div class=\"bar( error)?\" style=\"left:([0-9.]+)%;width:([0-9.]+)%;background:(#[0-9a-f]{6})\">");

  @Test
  void drawsOneRowPerSpanInTreeOrderWithBarsOnTheTraceTimeLine() {
    TraceTree trace =
        TraceTree.of(
            Spans.TRACE,
            Arrays.asList(
                span("a2", "a1", "auth", "POST /auth", 10, 30),
                span("a1", "", "edge", "GET /api/v2/tickets/export", 0, 100),
                span("a3", "a1", "tickets", "GET /tickets", 40, 90)));

    List<String[]> rows = rows(new HtmlWaterfall().render(Arrays.asList(trace), "edge.jsonl"));

    assertEquals(3, rows.size());
    assertEquals(Arrays.asList("a1", "", "edge", "0", "", "0.000", "100.000"), Arrays.asList(rows.get(0)).subList(0, 7));
    assertEquals(Arrays.asList("a2", "a1", "auth", "1", "", "10.000", "20.000"), Arrays.asList(rows.get(1)).subList(0, 7));
    assertEquals(Arrays.asList("a3", "a1", "tickets", "1", "", "40.000", "50.000"), Arrays.asList(rows.get(2)).subList(0, 7));
    assertNotEquals(rows.get(0)[7], rows.get(1)[7], "each service has its own colour");
    assertNotEquals(rows.get(1)[7], rows.get(2)[7], "each service has its own colour");
  }

  @Test
  void marksErrorsAndSpansThatContinueARemoteParent() {
    ViewSpan remoteChild =
        new ViewSpan(Spans.TRACE, "b1", "c0ffee0000000001", true, "tickets", "GET /tickets", "SERVER",
            Spans.ORIGIN, Spans.ORIGIN + 5_000_000, "ERROR", "boom",
            Spans.map("http.response.status_code", 500L), new ArrayList<ViewSpan.Event>());
    String html = new HtmlWaterfall().render(Arrays.asList(TraceTree.of(Spans.TRACE, Arrays.asList(remoteChild))), "t");

    assertEquals(" error", rows(html).get(0)[4]);
    assertTrue(html.contains("continues parent span c0ffee0000000001 of another process"), html);
    assertTrue(html.contains("<td>status</td><td>ERROR: boom</td>"), html);
    assertTrue(html.contains("<td>http.response.status_code</td><td>500</td>"), html);
    assertTrue(html.contains("1 error"), html);
  }

  @Test
  void escapesEverythingThatCameFromTheSpans() {
    ViewSpan hostile =
        span(Spans.TRACE, "c1", "", "svc\"><script>alert(1)</script>", "<img src=x onerror=alert(1)>",
            "SERVER", 0, 1, "UNSET");
    String html = new HtmlWaterfall().render(
        Arrays.asList(TraceTree.of(Spans.TRACE, Arrays.asList(hostile))), "</title><script>");

    assertFalse(html.contains("<script>alert"), html);
    assertFalse(html.contains("<img"), html);
    assertFalse(html.contains("</title><script>"), html);
    assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;"), html);
  }

  @Test
  void needsNothingFromTheNetwork() {
    String html = new HtmlWaterfall().render(
        Arrays.asList(TraceTree.of(Spans.TRACE, Arrays.asList(span("a1", "", "edge", "GET /", 0, 1)))), "t");

    assertFalse(Pattern.compile("(src|href)\\s*=", Pattern.CASE_INSENSITIVE).matcher(html).find(), html);
    assertFalse(html.contains("@import"), html);
    assertFalse(html.contains("url("), html);
  }

  /** span id, parent id, service, depth, error class, left %, width %, colour of each row. */
  private static List<String[]> rows(String html) {
    List<String[]> rows = new ArrayList<String[]>();
    Matcher row = ROW.matcher(html);
    while (row.find()) {
      rows.add(new String[] {
        row.group(1), row.group(2), row.group(3), row.group(4),
        row.group(5) == null ? "" : row.group(5), row.group(6), row.group(7), row.group(8)
      });
    }
    return rows;
  }
}
