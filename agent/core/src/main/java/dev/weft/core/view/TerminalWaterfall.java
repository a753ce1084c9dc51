package dev.weft.core.view;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws a trace as text, one row per span:
 *
 * <pre>
 * [weft] trace 4bf92f3577b34da6a3ce929d0e0e4736: 4 spans, 2 services, 48.2 ms, 1 error
 *   GET /api/tickets              edge     server  48.2 ms |████████████████████████████████|
 *   ├─ GET                        edge     client  40.3 ms |  ████████████████████████▊     |
 *   │  └─ GET /tickets            tickets  server  39.1 ms |  ▏███████████████████████▍     | ✗ IllegalStateException: boom
 *   └─ SELECT tickets             edge     client   1.2 ms |                           ▉    |
 * </pre>
 *
 * The name column is the tree (each span under its parent, siblings by start), then service,
 * kind, duration, and a bar on a time line shared by the whole trace. A failed span is marked
 * with what went wrong; a root that continues a parent in another process says so. With
 * attributes on, each row is followed by the span's attributes and events.
 *
 * <p>Immutable and thread-safe.
 */
public final class TerminalWaterfall {

  private static final int MAX_NAME_COLUMN = 64;
  private static final int MAX_SERVICE_COLUMN = 24;
  private static final int MAX_VALUE_CHARS = 240;

  private final Glyphs glyphs;
  private final int barWidth;
  private final boolean attributes;

  TerminalWaterfall(Glyphs glyphs, int barWidth, boolean attributes) {
    this.glyphs = glyphs;
    this.barWidth = Math.max(10, barWidth);
    this.attributes = attributes;
  }

  /** Drawn with the characters standard output can show, 40 cells of bar. */
  public static TerminalWaterfall forStdout(boolean attributes) {
    return new TerminalWaterfall(Glyphs.forCharset(Glyphs.stdout()), 40, attributes);
  }

  /** In ASCII only, for output whose character set is unknown. */
  public static TerminalWaterfall ascii(int barWidth, boolean attributes) {
    return new TerminalWaterfall(Glyphs.ASCII, barWidth, attributes);
  }

  /** The trace as lines (each ending with a line break), the header line first. */
  public String render(TraceTree trace) {
    return render(trace, "");
  }

  /**
   * @param note said in the header after the counts, e.g. that these spans arrived late; "" for
   *     none
   */
  public String render(TraceTree trace, String note) {
    StringBuilder out = new StringBuilder(128 * (trace.spanCount() + 1));
    out.append("[weft] trace ").append(trace.traceId()).append(": ");
    plural(out, trace.spanCount(), "span");
    out.append(", ");
    plural(out, trace.services().size(), "service");
    out.append(", ").append(Durations.format(trace.durationNanos()));
    if (trace.errorCount() > 0) {
      out.append(", ");
      plural(out, trace.errorCount(), "error");
    }
    if (!note.isEmpty()) {
      out.append(" (").append(note).append(')');
    }
    out.append('\n');

    List<TraceTree.Row> rows = trace.rows();
    String[] names = new String[rows.size()];
    String[] durations = new String[rows.size()];
    int nameWidth = 0;
    int serviceWidth = 0;
    int durationWidth = 0;
    for (int i = 0; i < rows.size(); i++) {
      TraceTree.Row row = rows.get(i);
      names[i] = fit(treePrefix(row) + oneLine(row.span().name()), MAX_NAME_COLUMN);
      durations[i] = Durations.format(row.span().durationNanos());
      nameWidth = Math.max(nameWidth, names[i].length());
      serviceWidth = Math.max(serviceWidth, Math.min(MAX_SERVICE_COLUMN, row.span().service().length()));
      durationWidth = Math.max(durationWidth, durations[i].length());
    }
    for (int i = 0; i < rows.size(); i++) {
      TraceTree.Row row = rows.get(i);
      ViewSpan span = row.span();
      out.append("  ");
      pad(out, names[i], nameWidth);
      out.append("  ");
      pad(out, fit(oneLine(span.service()), MAX_SERVICE_COLUMN), serviceWidth);
      out.append("  ");
      pad(out, span.kind().toLowerCase(Locale.ROOT), 8);
      out.append(' ');
      for (int pad = durations[i].length(); pad < durationWidth; pad++) {
        out.append(' ');
      }
      out.append(durations[i]).append(" |");
      bar(out, span, trace);
      out.append('|');
      if (span.isError()) {
        String summary = span.errorSummary();
        out.append(' ').append(glyphs.error);
        if (!summary.isEmpty()) {
          out.append(' ').append(fit(oneLine(summary), 100));
        }
      }
      if (row.continuesMissingParent()) {
        out.append(' ').append(glyphs.remote).append(' ');
        out.append(span.isParentRemote() ? "continues remote parent " : "parent not here: ");
        out.append(span.parentSpanId());
      }
      trimTrailing(out);
      out.append('\n');
      if (attributes) {
        details(out, row, trace);
      }
    }
    return out.toString();
  }

  private String treePrefix(TraceTree.Row row) {
    if (row.depth() == 0) {
      return "";
    }
    StringBuilder prefix = new StringBuilder();
    String guides = row.guides();
    for (int i = 0; i < guides.length(); i++) {
      prefix.append(guides.charAt(i) == '|' ? glyphs.vertical : glyphs.blank);
    }
    return prefix.append(row.isLastChild() ? glyphs.corner : glyphs.tee).toString();
  }

  private void bar(StringBuilder out, ViewSpan span, TraceTree trace) {
    double total = Math.max(1, trace.durationNanos());
    double start = (span.startNanos() - trace.startNanos()) * barWidth / total;
    double end = (span.endNanos() - trace.startNanos()) * barWidth / total;
    int startCell = Math.min(barWidth - 1, Math.max(0, (int) Math.floor(start)));
    if (glyphs.eighths.isEmpty()) {
      int endCell = Math.min(barWidth, Math.max(startCell + 1, (int) Math.round(end)));
      for (int cell = 0; cell < barWidth; cell++) {
        out.append(cell >= startCell && cell < endCell ? glyphs.full : ' ');
      }
      return;
    }
    long endEighths = Math.max(startCell * 8L + 1, Math.round(end * 8));
    for (int cell = 0; cell < barWidth; cell++) {
      long filled = cell < startCell ? 0 : Math.min(8, Math.max(0, endEighths - cell * 8L));
      if (filled == 8) {
        out.append(glyphs.full);
      } else if (filled == 0) {
        out.append(' ');
      } else {
        out.append(glyphs.eighths.charAt((int) filled - 1));
      }
    }
  }

  private void details(StringBuilder out, TraceTree.Row row, TraceTree trace) {
    String indent = "      " + spaces(3 * row.depth());
    ViewSpan span = row.span();
    out.append(indent).append("span ").append(span.spanId());
    if (!span.parentSpanId().isEmpty()) {
      out.append(" parent ").append(span.parentSpanId());
    }
    out.append(", status ").append(span.status());
    if (!span.statusMessage().isEmpty()) {
      out.append(" '").append(fit(oneLine(span.statusMessage()), MAX_VALUE_CHARS)).append('\'');
    }
    out.append('\n');
    for (Map.Entry<String, Object> attribute : span.attributes().entrySet()) {
      out.append(indent).append(oneLine(attribute.getKey())).append(" = ");
      out.append(fit(oneLine(String.valueOf(attribute.getValue())), MAX_VALUE_CHARS)).append('\n');
    }
    for (ViewSpan.Event event : span.events()) {
      out.append(indent).append("event '").append(oneLine(event.name())).append("' at +");
      out.append(Durations.format(event.epochNanos() - trace.startNanos()));
      for (Map.Entry<String, Object> attribute : event.attributes().entrySet()) {
        String value = String.valueOf(attribute.getValue());
        if ("exception.stacktrace".equals(attribute.getKey())) {
          value = firstLines(value, 3);
        }
        out.append("\n").append(indent).append("    ").append(oneLine(attribute.getKey()));
        out.append(" = ").append(fit(oneLine(value), MAX_VALUE_CHARS));
      }
      out.append('\n');
    }
  }

  /** The first {@code n} lines of a stack trace and how many more there are. */
  private static String firstLines(String text, int n) {
    String[] lines = text.split("\r?\n");
    if (lines.length <= n) {
      return text;
    }
    StringBuilder shown = new StringBuilder();
    for (int i = 0; i < n; i++) {
      shown.append(lines[i].trim()).append(" / ");
    }
    return shown.append("... ").append(lines.length - n).append(" more lines").toString();
  }

  private static void plural(StringBuilder out, int n, String noun) {
    out.append(n).append(' ').append(noun);
    if (n != 1) {
      out.append('s');
    }
  }

  private static void pad(StringBuilder out, String text, int width) {
    out.append(text);
    for (int i = text.length(); i < width; i++) {
      out.append(' ');
    }
  }

  private static String spaces(int n) {
    StringBuilder s = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      s.append(' ');
    }
    return s.toString();
  }

  private static void trimTrailing(StringBuilder out) {
    int end = out.length();
    while (end > 0 && out.charAt(end - 1) == ' ') {
      end--;
    }
    out.setLength(end);
  }

  /** {@code text} cut to {@code max} characters, the cut marked. */
  private String fit(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    String mark = glyphs == Glyphs.UNICODE ? "…" : "...";
    return text.substring(0, max - mark.length()) + mark;
  }

  /** Control characters (line breaks, tabs, escapes) as spaces: a row stays one line. */
  static String oneLine(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        if (out == null) {
          out = new StringBuilder(text);
        }
        out.setCharAt(i, ' ');
      }
    }
    return out == null ? text : out.toString();
  }
}
