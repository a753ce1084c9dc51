package dev.weft.javaagent;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.net.URL;
import java.util.jar.JarFile;

/**
 * The {@code Premain-Class}, {@code Agent-Class} and {@code Main-Class} of {@code weft-agent.jar}.
 *
 * <p>As a program ({@code java -jar weft-agent.jar <command>}) it runs the agent's tools, such as
 * {@code view}, the trace viewer; they are plain classes of the jar, loaded by the system class
 * loader, and never touch a running application.
 *
 * <p>This class is loaded by the system class loader and must stay tiny and self-contained: it
 * puts the agent jar on the bootstrap class path, so that the API woven code calls is visible
 * from every class loader, and hands over to the startup sequence loaded from there. Whatever
 * goes wrong, the application starts: the failure is one line on standard error.
 */
public final class WeftAgent {

  private static final String STARTER = "dev.weft.tooling.AgentStarter";
  private static final String VIEW = "dev.weft.core.view.ViewCommand";
  private static final String USAGE =
      "usage: java -javaagent:weft-agent.jar ... (to trace an application)\n"
          + "       java -jar weft-agent.jar view [--html PATH | --no-html] [--attributes] FILE...\n"
          + "           print the traces of span files (weft.exporter.file.path) and write them"
          + " as an HTML page";

  private WeftAgent() {}

  public static void premain(String arguments, Instrumentation instrumentation) {
    start(instrumentation);
  }

  public static void agentmain(String arguments, Instrumentation instrumentation) {
    start(instrumentation);
  }

  /** {@code java -jar weft-agent.jar <command> [arguments]}. */
  public static void main(String[] args) throws Exception {
    if (args.length == 0 || !args[0].equals("view")) {
      System.err.println(args.length == 0 ? USAGE : "unknown command " + args[0] + "\n" + USAGE);
      System.exit(args.length == 0 ? 0 : 2);
      return;
    }
    String[] rest = new String[args.length - 1];
    System.arraycopy(args, 1, rest, 0, rest.length);
    Class.forName(VIEW).getMethod("main", String[].class).invoke(null, (Object) rest);
  }

  private static synchronized void start(Instrumentation instrumentation) {
    try {
      if (isDisabled()) {
        return;
      }
      File agentJar = agentJar();
      instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(agentJar));
      Class<?> starter = Class.forName(STARTER, true, null);
      starter
          .getMethod("start", Instrumentation.class, File.class)
          .invoke(null, instrumentation, agentJar);
    } catch (Throwable t) {
      Throwable cause = t instanceof java.lang.reflect.InvocationTargetException ? t.getCause() : t;
      System.err.println(
          "[weft] ERROR The Weft agent could not start; the application runs untraced: " + cause);
    }
  }

  /** {@code otel.javaagent.enabled=false} (property over environment) turns the agent off. */
  private static boolean isDisabled() {
    String value = System.getProperty("otel.javaagent.enabled");
    if (value == null) {
      value = System.getenv("OTEL_JAVAAGENT_ENABLED");
    }
    return value != null && value.trim().equalsIgnoreCase("false");
  }

  private static File agentJar() throws Exception {
    URL location = WeftAgent.class.getProtectionDomain().getCodeSource().getLocation();
    return new File(location.toURI());
  }
}
