package dev.weft.core.view;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes traces as one self-contained HTML page: every trace a waterfall of its spans (each row
 * indented under its parent, a bar on the trace's time line in its service's colour, the
 * duration beside it, failed spans marked), and under each row, shown by clicking it, the span's
 * attributes and events. Styles and the few lines of script are inline; the page loads nothing
 * and needs no server, so it can be mailed or opened from disk. Everything is drawn as HTML, so
 * the waterfall shows without scripts too.
 *
 * <p>Immutable and thread-safe.
 */
public final class HtmlWaterfall {

  /** Distinct on white, in the order services first appear. */
  static final String[] SERVICE_COLOURS = {
    "#3b82f6", "#f59e0b", "#10b981", "#8b5cf6", "#ec4899",
    "#14b8a6", "#f97316", "#6366f1", "#84cc16", "#0ea5e9"
  };
  static final String ERROR_COLOUR = "#dc2626";

  private static final String STYLE =
      "body{font:13px/1.4 system-ui,-apple-system,'Segoe UI',sans-serif;margin:0;color:#1f2937;background:#f9fafb}"
          + "header{padding:16px 24px;background:#111827;color:#f9fafb}"
          + "header h1{font-size:18px;margin:0 0 4px}"
          + ".legend span{display:inline-block;margin-right:14px}"
          + ".swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:5px;vertical-align:middle}"
          + "main{padding:8px 24px 40px}"
          + ".trace{background:#fff;border:1px solid #e5e7eb;border-radius:6px;margin:16px 0;overflow:hidden}"
          + ".trace>h2{font-size:14px;margin:0;padding:10px 12px;background:#f3f4f6;border-bottom:1px solid #e5e7eb}"
          + ".trace>h2 .meta{font-weight:normal;color:#6b7280;margin-left:8px}"
          + ".trace>h2 .failed{color:" + ERROR_COLOUR + ";margin-left:8px}"
          + ".row{display:flex;align-items:center;height:24px;border-bottom:1px solid #f3f4f6;cursor:pointer}"
          + ".row:hover{background:#eff6ff}"
          + ".row.open{background:#dbeafe}"
          + ".name{flex:0 0 38%;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;padding-right:8px}"
          + ".name .service{color:#6b7280;margin-left:6px}"
          + ".name .err{color:" + ERROR_COLOUR + ";font-weight:bold;margin-right:4px}"
          + ".name .remote{color:#6b7280;margin-right:4px}"
          + ".track{position:relative;flex:1 1 auto;height:14px;margin-right:8px}"
          + ".bar{position:absolute;top:0;height:14px;min-width:2px;border-radius:2px}"
          + ".bar.error{box-shadow:inset 0 0 0 2px " + ERROR_COLOUR + "}"
          + ".duration{flex:0 0 80px;text-align:right;padding-right:12px;color:#374151;font-variant-numeric:tabular-nums}"
          + ".details{display:none;padding:6px 12px 10px 24px;background:#f9fafb;border-bottom:1px solid #e5e7eb}"
          + ".details.open{display:block}"
          + ".details table{border-collapse:collapse;font:12px/1.5 ui-monospace,Menlo,Consolas,monospace}"
          + ".details td{padding:1px 12px 1px 0;vertical-align:top}"
          + ".details td:first-child{color:#6b7280;white-space:nowrap}"
          + ".details pre{margin:2px 0;white-space:pre-wrap;font-size:11px;max-height:240px;overflow:auto}"
          + ".details h3{font-size:12px;margin:8px 0 2px}";

  /**
   * Clicking a row shows or hides its details and names the span in the address
   * ({@code #span-<id>}), so that a link to the page can point at one span; opening such a link
   * shows that span's details.
   */
  private static final String SCRIPT =
      "function toggle(row,open){var d=document.getElementById('d-'+row.dataset.key);"
          + "row.classList.toggle('open',open);if(d)d.classList.toggle('open',open);}"
          + "document.addEventListener('click',function(e){"
          + "var row=e.target.closest('.row');if(!row)return;"
          + "var open=!row.classList.contains('open');toggle(row,open);"
          + "if(open&&history.replaceState)history.replaceState(null,'','#span-'+row.dataset.spanId);});"
          + "var m=/^#span-([0-9a-f]{16})$/.exec(location.hash);"
          + "var linked=m&&document.querySelector('.row[data-span-id=\"'+m[1]+'\"]');"
          + "if(linked){toggle(linked,true);linked.scrollIntoView();}";

  /** The page for {@code traces}; {@code title} says where they came from. */
  public String render(List<TraceTree> traces, String title) {
    Map<String, String> colours = new LinkedHashMap<String, String>();
    int spans = 0;
    for (TraceTree trace : traces) {
      spans += trace.spanCount();
      for (String service : trace.services()) {
        if (!colours.containsKey(service)) {
          colours.put(service, SERVICE_COLOURS[colours.size() % SERVICE_COLOURS.length]);
        }
      }
    }
    StringBuilder html = new StringBuilder(4096 + 1024 * spans);
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
    html.append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">");
    html.append("<title>Weft traces: ").append(escape(title)).append("</title>");
    html.append("<style>").append(STYLE).append("</style></head><body>\n");
    html.append("<header><h1>").append(traces.size()).append(traces.size() == 1 ? " trace, " : " traces, ");
    html.append(spans).append(spans == 1 ? " span" : " spans").append("</h1><div>");
    html.append(escape(title)).append("</div><div class=\"legend\">");
    for (Map.Entry<String, String> service : colours.entrySet()) {
      html.append("<span><i class=\"swatch\" style=\"background:").append(service.getValue());
      html.append("\"></i>").append(escape(service.getKey())).append("</span>");
    }
    html.append("</div></header>\n<main>\n");
    int traceIndex = 0;
    for (TraceTree trace : traces) {
      trace(html, trace, traceIndex++, colours);
    }
    html.append("</main><script>").append(SCRIPT).append("</script></body></html>\n");
    return html.toString();
  }

  private static void trace(StringBuilder html, TraceTree trace, int index, Map<String, String> colours) {
    ViewSpan first = trace.rows().isEmpty() ? null : trace.rows().get(0).span();
    html.append("<section class=\"trace\" data-trace-id=\"").append(escape(trace.traceId())).append("\">");
    html.append("<h2>");
    if (first != null) {
      html.append(escape(first.service())).append(": ").append(escape(first.name()));
    }
    html.append("<span class=\"meta\">").append(Durations.format(trace.durationNanos()));
    html.append(" &middot; ").append(trace.spanCount()).append(trace.spanCount() == 1 ? " span" : " spans");
    html.append(" &middot; ").append(trace.services().size());
    html.append(trace.services().size() == 1 ? " service" : " services");
    html.append(" &middot; trace ").append(escape(trace.traceId())).append("</span>");
    if (trace.errorCount() > 0) {
      html.append("<span class=\"failed\">").append(trace.errorCount());
      html.append(trace.errorCount() == 1 ? " error" : " errors").append("</span>");
    }
    html.append("</h2>\n");
    double total = Math.max(1, trace.durationNanos());
    int rowIndex = 0;
    for (TraceTree.Row row : trace.rows()) {
      ViewSpan span = row.span();
      String key = index + "-" + rowIndex++;
      String colour = colours.get(span.service());
      double left = (span.startNanos() - trace.startNanos()) * 100.0 / total;
      double width = span.durationNanos() * 100.0 / total;
      html.append("<div class=\"row\" data-key=\"").append(key);
      html.append("\" data-span-id=\"").append(escape(span.spanId()));
      html.append("\" data-parent-id=\"").append(escape(span.parentSpanId()));
      html.append("\" data-service=\"").append(escape(span.service()));
      html.append("\" data-depth=\"").append(row.depth()).append("\">");
      html.append("<div class=\"name\" style=\"padding-left:").append(8 + 16 * Math.min(row.depth(), 40));
      html.append("px\">");
      if (span.isError()) {
        html.append("<span class=\"err\" title=\"error\">&#x2717;</span>");
      }
      if (row.continuesMissingParent()) {
        html.append("<span class=\"remote\" title=\"continues parent span ");
        html.append(escape(span.parentSpanId())).append(span.isParentRemote() ? " of another process" : ", not in these files");
        html.append("\">&#x21B3;</span>");
      }
      html.append(escape(span.name()));
      html.append("<span class=\"service\">").append(escape(span.service())).append(' ');
      html.append(escape(span.kind().toLowerCase(Locale.ROOT))).append("</span></div>");
      html.append("<div class=\"track\"><div class=\"bar").append(span.isError() ? " error" : "");
      html.append("\" style=\"left:").append(percent(left)).append("%;width:").append(percent(width));
      html.append("%;background:").append(colour).append("\"></div></div>");
      html.append("<div class=\"duration\">").append(Durations.format(span.durationNanos())).append("</div>");
      html.append("</div>\n");
      details(html, key, span, trace);
    }
    html.append("</section>\n");
  }

  private static void details(StringBuilder html, String key, ViewSpan span, TraceTree trace) {
    html.append("<div class=\"details\" id=\"d-").append(key).append("\"><table>");
    cell(html, "service", span.service());
    cell(html, "kind", span.kind());
    cell(html, "span id", span.spanId());
    cell(html, "parent span id", span.parentSpanId().isEmpty() ? "(root)" : span.parentSpanId());
    cell(html, "start", "+" + Durations.format(span.startNanos() - trace.startNanos()));
    cell(html, "duration", Durations.format(span.durationNanos()));
    String status = span.status() + (span.statusMessage().isEmpty() ? "" : ": " + span.statusMessage());
    cell(html, "status", status);
    for (Map.Entry<String, Object> attribute : span.attributes().entrySet()) {
      cell(html, attribute.getKey(), String.valueOf(attribute.getValue()));
    }
    html.append("</table>");
    for (ViewSpan.Event event : span.events()) {
      html.append("<h3>event ").append(escape(event.name())).append(" at +");
      html.append(Durations.format(event.epochNanos() - trace.startNanos())).append("</h3><table>");
      for (Map.Entry<String, Object> attribute : event.attributes().entrySet()) {
        String value = String.valueOf(attribute.getValue());
        if (value.indexOf('\n') >= 0) {
          html.append("<tr><td>").append(escape(attribute.getKey())).append("</td><td><pre>");
          html.append(escape(value)).append("</pre></td></tr>");
        } else {
          cell(html, attribute.getKey(), value);
        }
      }
      html.append("</table>");
    }
    html.append("</div>\n");
  }

  private static void cell(StringBuilder html, String name, String value) {
    html.append("<tr><td>").append(escape(name)).append("</td><td>").append(escape(value));
    html.append("</td></tr>");
  }

  private static String percent(double value) {
    return String.format(Locale.ROOT, "%.3f", Math.max(0, Math.min(100, value)));
  }

  /** Text as HTML: the five special characters escaped, control characters as spaces. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&':
          out.append("&amp;");
          break;
        case '<':
          out.append("&lt;");
          break;
        case '>':
          out.append("&gt;");
          break;
        case '"':
          out.append("&quot;");
          break;
        case '\'':
          out.append("&#39;");
          break;
        default:
          out.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
      }
    }
    return out.toString();
  }
}
