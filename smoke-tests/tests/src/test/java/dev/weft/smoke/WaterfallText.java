package dev.weft.smoke;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads back the waterfall that the console exporter and {@code weft-agent.jar view} print, as a
 * user reads it: a header line per trace, then one row per span whose indentation is its depth
 * in the tree. Takes both the Unicode and the ASCII drawing.
 */
final class WaterfallText {

  /** One span's row: how deep it sits, what it says, and the remote parent it continues, if any. */
  record Row(int depth, String name, String service, String kind, boolean error, String remoteParent) {}

  /** One trace: its header line and its rows, in the order printed. */
  record Trace(String header, List<Row> rows) {}

  private static final Pattern GUIDES = Pattern.compile("^((?:\\|  |│  |   )*(?:\\+- |`- |├─ |└─ ))?");
  private static final Pattern REMOTE = Pattern.compile("(?:<-|↳) continues remote parent ([0-9a-f]{16})$");

  private WaterfallText() {}

  /** Every printing of trace {@code traceId} in {@code text}, in order (a trace may be printed by several processes). */
  static List<Trace> traces(String text, String traceId) {
    List<Trace> traces = new ArrayList<>();
    String[] lines = text.split("\r?\n");
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].startsWith("[weft] trace " + traceId + ":")) {
        continue;
      }
      List<Row> rows = new ArrayList<>();
      int j = i + 1;
      for (; j < lines.length && lines[j].startsWith("  "); j++) {
        String line = lines[j].substring(2);
        Matcher guides = GUIDES.matcher(line);
        // A row starts with its name or its tree guides; the attribute lines under it with spaces.
        if (!line.startsWith(" ") || (guides.find() && guides.group(1) != null)) {
          rows.add(row(line));
        }
      }
      traces.add(new Trace(lines[i], rows));
      i = j - 1;
    }
    return traces;
  }

  private static Row row(String line) {
    Matcher guides = GUIDES.matcher(line);
    guides.find();
    String prefix = guides.group(1) == null ? "" : guides.group(1);
    String[] columns = line.substring(prefix.length()).split("\\s{2,}", 4);
    if (columns.length < 4) {
      throw new AssertionError("not a waterfall row: '" + line + "'");
    }
    String rest = columns[3];
    String suffix = rest.substring(rest.lastIndexOf('|') + 1).trim();
    Matcher remote = REMOTE.matcher(suffix);
    return new Row(
        prefix.length() / 3,
        columns[0],
        columns[1],
        columns[2],
        suffix.startsWith("!") || suffix.startsWith("✗"),
        remote.find() ? remote.group(1) : "");
  }
}
