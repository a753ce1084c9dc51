package dev.weft.core.view;

import java.io.BufferedReader;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar weft-agent.jar view [options] FILE...}: reads span files (OTLP/JSON lines, as
 * the file exporter writes them; files of several services merge into one trace by trace id),
 * prints every trace as a waterfall and writes them all to one HTML page.
 *
 * <pre>
 * --html PATH     where the page goes (default weft-traces.html in the working directory)
 * --no-html       print only
 * --attributes    print each span's attributes and events under its row
 * --ascii         print with ASCII characters only
 * </pre>
 *
 * <p>Exit status 0 when spans were shown, 1 when the files held none, 2 for a usage error or a
 * file that could not be read or written.
 */
public final class ViewCommand {

  static final String USAGE =
      "usage: java -jar weft-agent.jar view [--html PATH | --no-html] [--attributes] [--ascii] FILE...";

  private ViewCommand() {}

  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    String html = "weft-traces.html";
    boolean attributes = false;
    boolean ascii = false;
    List<File> files = new ArrayList<File>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--html")) {
        if (i + 1 >= args.length) {
          err.println("--html needs a path\n" + USAGE);
          return 2;
        }
        html = args[++i];
      } else if (arg.equals("--no-html")) {
        html = null;
      } else if (arg.equals("--attributes")) {
        attributes = true;
      } else if (arg.equals("--ascii")) {
        ascii = true;
      } else if (arg.equals("--help") || arg.equals("-h")) {
        out.println(USAGE);
        return 0;
      } else if (arg.startsWith("--")) {
        err.println("unknown option " + arg + "\n" + USAGE);
        return 2;
      } else {
        files.add(new File(arg));
      }
    }
    if (files.isEmpty()) {
      err.println("no span files given\n" + USAGE);
      return 2;
    }

    OtlpJsonReader reader = new OtlpJsonReader();
    for (File file : files) {
      try (BufferedReader lines =
          new BufferedReader(
              new InputStreamReader(new FileInputStream(file), StandardCharsets.UTF_8))) {
        reader.read(lines, file.getPath());
      } catch (IOException e) {
        err.println("cannot read " + file + ": " + e.getMessage());
        return 2;
      }
    }
    OtlpJsonReader.Result result = reader.result();
    for (String problem : result.problems()) {
      err.println(problem);
    }
    List<TraceTree> traces = TraceTree.groupByTrace(result.spans());
    TerminalWaterfall waterfall =
        ascii ? TerminalWaterfall.ascii(40, attributes) : TerminalWaterfall.forStdout(attributes);
    for (TraceTree trace : traces) {
      out.print(waterfall.render(trace));
      out.println();
    }
    out.println(
        traces.size() + (traces.size() == 1 ? " trace, " : " traces, ")
            + result.spans().size() + (result.spans().size() == 1 ? " span" : " spans")
            + " from " + files.size() + (files.size() == 1 ? " file" : " files"));
    if (html != null) {
      File page = new File(html).getAbsoluteFile();
      try (Writer writer =
          new OutputStreamWriter(new FileOutputStream(page), StandardCharsets.UTF_8)) {
        writer.write(new HtmlWaterfall().render(traces, describe(files)));
      } catch (IOException e) {
        err.println("cannot write " + page + ": " + e.getMessage());
        return 2;
      }
      out.println("HTML: " + page);
    }
    return traces.isEmpty() ? 1 : 0;
  }

  private static String describe(List<File> files) {
    StringBuilder names = new StringBuilder();
    for (File file : files) {
      if (names.length() > 0) {
        names.append(", ");
      }
      names.append(file.getName());
    }
    return names.toString();
  }
}
