package dev.weft.core.export;

import dev.weft.api.SpanContext;
import dev.weft.api.StatusCode;
import dev.weft.core.resource.Resource;
import dev.weft.core.trace.AttributeType;
import dev.weft.core.trace.Attributes;
import dev.weft.core.trace.EventData;
import dev.weft.core.trace.SpanData;
import java.io.PrintStream;
import java.util.List;

/**
 * Prints one readable line per span ({@code otel.traces.exporter=console} with {@code
 * weft.console.format=lines}), for trying the agent out and for debugging:
 *
 * <pre>
 * [weft] span my-service 'GET /users/{id}' SERVER 12.345 ms trace=4bf92f3577b34da6a3ce929d0e0e4736
 *     span=00f067aa0ba902b7 parent=- status=UNSET {http.request.method=GET, http.route=/users/{id}}
 * </pre>
 *
 * (one line in reality): service, name, kind, duration in milliseconds, trace id, span id, parent
 * span id or {@code -}, status with its description, attributes, then one {@code
 * exception=Type: message} per exception event. Line breaks inside names and values are escaped,
 * so every span stays on one line.
 *
 * <p>Each line is built first and written with one {@code println}, which {@link PrintStream}
 * synchronizes, so lines of concurrent exports never interleave. Thread-safe; never throws from
 * {@link #export}.
 */
public final class ConsoleSpanExporter implements SpanExporter {

  private final String serviceName;
  private final PrintStream out;
  private volatile boolean shutdown;

  /** Prints to {@code out}. */
  public ConsoleSpanExporter(Resource resource, PrintStream out) {
    this.serviceName = resource.serviceName();
    this.out = out;
  }

  /** Prints to standard output. */
  public static ConsoleSpanExporter toStdout(Resource resource) {
    return new ConsoleSpanExporter(resource, System.out);
  }

  @Override
  public ExportResult export(List<SpanData> spans) {
    if (shutdown) {
      return ExportResult.FAILURE;
    }
    StringBuilder line = new StringBuilder(256);
    for (int i = 0; i < spans.size(); i++) {
      line.setLength(0);
      format(serviceName, spans.get(i), line);
      out.println(line);
    }
    return out.checkError() ? ExportResult.FAILURE : ExportResult.SUCCESS;
  }

  /** Appends the line for {@code span}, without the line break. */
  static void format(String serviceName, SpanData span, StringBuilder line) {
    SpanContext context = span.spanContext();
    line.append("[weft] span ");
    appendEscaped(line, serviceName);
    line.append(" '");
    appendEscaped(line, span.name());
    line.append("' ").append(span.kind()).append(' ');
    appendMillis(line, span.endEpochNanos() - span.startEpochNanos());
    line.append(" ms trace=").append(context.traceIdHex());
    line.append(" span=").append(context.spanIdHex());
    line.append(" parent=");
    SpanContext parent = span.parentSpanContext();
    if (parent.isValid()) {
      line.append(parent.spanIdHex());
    } else {
      line.append('-');
    }
    line.append(" status=").append(span.statusCode());
    if (span.statusCode() == StatusCode.ERROR && !span.statusDescription().isEmpty()) {
      line.append(" '");
      appendEscaped(line, span.statusDescription());
      line.append('\'');
    }
    line.append(' ');
    appendAttributes(line, span.attributes());
    List<EventData> events = span.events();
    for (int i = 0; i < events.size(); i++) {
      EventData event = events.get(i);
      if (!"exception".equals(event.name())) {
        continue;
      }
      Attributes attributes = event.attributes();
      line.append(" exception=");
      int type = attributes.indexOf("exception.type");
      appendEscaped(line, type >= 0 ? attributes.stringValue(type) : "?");
      int message = attributes.indexOf("exception.message");
      if (message >= 0) {
        line.append(": ");
        appendEscaped(line, attributes.stringValue(message));
      }
    }
  }

  /** Nanoseconds as milliseconds with three decimals, rounded to the microsecond. */
  static void appendMillis(StringBuilder line, long nanos) {
    if (nanos < 0) {
      line.append('-');
      nanos = -nanos;
    }
    long micros = (nanos + 500) / 1000;
    line.append(micros / 1000).append('.');
    long fraction = micros % 1000;
    if (fraction < 100) {
      line.append('0');
    }
    if (fraction < 10) {
      line.append('0');
    }
    line.append(fraction);
  }

  private static void appendAttributes(StringBuilder line, Attributes attributes) {
    line.append('{');
    for (int i = 0; i < attributes.size(); i++) {
      if (i > 0) {
        line.append(", ");
      }
      appendEscaped(line, attributes.key(i));
      line.append('=');
      AttributeType type = attributes.type(i);
      switch (type) {
        case STRING:
          appendEscaped(line, attributes.stringValue(i));
          break;
        case LONG:
          line.append(attributes.longValue(i));
          break;
        case DOUBLE:
          line.append(attributes.doubleValue(i));
          break;
        case BOOLEAN:
          line.append(attributes.booleanValue(i));
          break;
        default:
          appendArray(line, type, attributes.arrayValue(i));
          break;
      }
    }
    line.append('}');
  }

  private static void appendArray(StringBuilder line, AttributeType type, Object array) {
    line.append('[');
    if (type == AttributeType.STRING_ARRAY) {
      String[] values = (String[]) array;
      for (int i = 0; i < values.length; i++) {
        if (i > 0) {
          line.append(", ");
        }
        appendEscaped(line, values[i]);
      }
    } else if (type == AttributeType.LONG_ARRAY) {
      long[] values = (long[]) array;
      for (int i = 0; i < values.length; i++) {
        line.append(i > 0 ? ", " : "").append(values[i]);
      }
    } else if (type == AttributeType.DOUBLE_ARRAY) {
      double[] values = (double[]) array;
      for (int i = 0; i < values.length; i++) {
        line.append(i > 0 ? ", " : "").append(values[i]);
      }
    } else if (type == AttributeType.BOOLEAN_ARRAY) {
      boolean[] values = (boolean[]) array;
      for (int i = 0; i < values.length; i++) {
        line.append(i > 0 ? ", " : "").append(values[i]);
      }
    }
    line.append(']');
  }

  /** Appends {@code text} with line breaks, tabs and other control characters escaped. */
  private static void appendEscaped(StringBuilder line, String text) {
    if (text == null) {
      line.append("null");
      return;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        line.append("\\n");
      } else if (c == '\r') {
        line.append("\\r");
      } else if (c == '\t') {
        line.append("\\t");
      } else if (c < 0x20 || c == 0x7f) {
        line.append("\\u00")
            .append(Character.forDigit(c >> 4, 16))
            .append(Character.forDigit(c & 0xF, 16));
      } else {
        line.append(c);
      }
    }
  }

  @Override
  public String name() {
    return "console";
  }

  @Override
  public void shutdown() {
    shutdown = true;
    out.flush();
  }
}
