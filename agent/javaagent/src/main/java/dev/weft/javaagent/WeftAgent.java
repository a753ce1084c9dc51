package dev.weft.javaagent;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.net.URL;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;

/**
 * The {@code Premain-Class}, {@code Agent-Class} and {@code Main-Class} of {@code weft-agent.jar}.
 *
 * <p>As a program ({@code java -jar weft-agent.jar <command>}) it runs the agent's tools: {@code
 * view}, the trace viewer, and {@code attach} and {@code list} ({@link AttachCommand}), which
 * start the agent in a running JVM. They are plain classes of the jar, loaded by the system class
 * loader of the command's own JVM.
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
      "usage: java -javaagent:weft-agent.jar[=key=value,...] ... (to trace an application)\n"
          + "       java -jar weft-agent.jar attach PID [key=value...]\n"
          + "           start tracing a running JVM, with these settings over its own\n"
          + "       java -jar weft-agent.jar list\n"
          + "           the JVMs of this user that attach can start tracing\n"
          + "       java -jar weft-agent.jar view [--html PATH | --no-html] [--attributes] FILE...\n"
          + "           print the traces of span files (weft.exporter.file.path) and write them"
          + " as an HTML page";

  private WeftAgent() {}

  /** {@code -javaagent:weft-agent.jar[=key=value,...]}: the settings override system properties. */
  public static void premain(String arguments, Instrumentation instrumentation) {
    start(arguments, instrumentation);
  }

  /** An attach ({@code VirtualMachine.loadAgent(jar, "key=value,...")}), as {@link #premain}. */
  public static void agentmain(String arguments, Instrumentation instrumentation) {
    start(arguments, instrumentation);
  }

  /** {@code java -jar weft-agent.jar <command> [arguments]}. */
  public static void main(String[] args) throws Exception {
    String command = args.length == 0 ? "" : args[0];
    String[] rest = new String[Math.max(0, args.length - 1)];
    System.arraycopy(args, Math.min(1, args.length), rest, 0, rest.length);
    if (command.equals("view")) {
      Class.forName(VIEW).getMethod("main", String[].class).invoke(null, (Object) rest);
    } else if (command.equals("attach") && rest.length >= 1) {
      List<String> settings = Arrays.asList(rest).subList(1, rest.length);
      System.exit(new AttachCommand(agentJar(), System.out, System.err).attach(rest[0], settings));
    } else if (command.equals("list") && rest.length == 0) {
      System.exit(new AttachCommand(agentJar(), System.out, System.err).list());
    } else {
      boolean help = command.isEmpty() || command.equals("help") || command.equals("--help");
      System.err.println(
          help ? USAGE : "weft: cannot run '" + String.join(" ", args) + "'\n" + USAGE);
      System.exit(help ? 0 : 2);
    }
  }

  private static synchronized void start(String arguments, Instrumentation instrumentation) {
    try {
      if (isDisabled(arguments)) {
        return;
      }
      File agentJar = agentJar();
      if (!onBootstrapClassPath()) {
        instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(agentJar));
      }
      Class<?> starter = Class.forName(STARTER, true, null);
      starter
          .getMethod("start", Instrumentation.class, File.class, String.class)
          .invoke(null, instrumentation, agentJar, arguments);
    } catch (Throwable t) {
      Throwable cause = t instanceof java.lang.reflect.InvocationTargetException ? t.getCause() : t;
      System.err.println(
          "[weft] ERROR The Weft agent could not start; the application runs untraced: " + cause);
    }
  }

  /**
   * {@code otel.javaagent.enabled=false} (agent argument over property over environment) turns
   * the agent off. The argument is looked for plainly here, as this class cannot use the
   * agent's own parser before the jar is on the bootstrap class path.
   */
  private static boolean isDisabled(String arguments) {
    String value = null;
    if (arguments != null) {
      for (String part : arguments.split(",")) {
        int eq = part.indexOf('=');
        if (eq > 0 && part.substring(0, eq).trim().equals("otel.javaagent.enabled")) {
          value = part.substring(eq + 1);
        }
      }
    }
    if (value == null) {
      value = System.getProperty("otel.javaagent.enabled");
    }
    if (value == null) {
      value = System.getenv("OTEL_JAVAAGENT_ENABLED");
    }
    return value != null && value.trim().equalsIgnoreCase("false");
  }

  /** Whether an earlier start in this JVM put the agent jar on the bootstrap class path. */
  private static boolean onBootstrapClassPath() {
    try {
      Class.forName(STARTER, false, null);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static File agentJar() throws Exception {
    URL location = WeftAgent.class.getProtectionDomain().getCodeSource().getLocation();
    return new File(location.toURI());
  }
}
