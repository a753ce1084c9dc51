package dev.weft.core.export;

import dev.weft.core.log.AgentLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Captures what {@link AgentLog} prints while it is open. */
public final class LogCapture implements AutoCloseable {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  public LogCapture() {
    AgentLog.setOutput(new PrintStream(bytes, true));
  }

  public synchronized List<String> lines() {
    List<String> lines = new ArrayList<String>();
    for (String line : new String(bytes.toByteArray(), StandardCharsets.UTF_8).split("\n")) {
      if (!line.isEmpty()) {
        lines.add(line);
      }
    }
    return lines;
  }

  public List<String> linesContaining(String text) {
    List<String> result = new ArrayList<String>();
    for (String line : lines()) {
      if (line.contains(text)) {
        result.add(line);
      }
    }
    return result;
  }

  @Override
  public void close() {
    AgentLog.setOutput(null);
  }
}
