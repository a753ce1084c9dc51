package dev.weft.javaagent;

import java.io.File;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Properties;

/**
 * {@code java -jar weft-agent.jar attach <pid> [key=value...]} and {@code list}: starts the agent
 * in a JVM that is already running, through the JDK's attach API, and lists the JVMs that can be
 * attached to.
 *
 * <p>The attach API is reached by reflection, because where it lives depends on the JDK: in the
 * {@code jdk.attach} module from Java 9, in {@code lib/tools.jar} of a Java 8 JDK (a JRE has no
 * attach API at all, and the command says so). The settings are handed to the target's agent as
 * its arguments, so they override the target's system properties. Before loading, the command
 * reads the target's system properties: where {@code weft.agent.version} is set the agent runs
 * there already, and it says so instead of attaching a second time.
 *
 * <p>Run from the command line, one invocation per process; not thread-safe.
 */
final class AttachCommand {

  /** The system property a started agent sets; see {@code dev.weft.tooling.AgentStarter}. */
  private static final String VERSION_PROPERTY = "weft.agent.version";

  private static final String VIRTUAL_MACHINE = "com.sun.tools.attach.VirtualMachine";

  private final File agentJar;
  private final PrintStream out;
  private final PrintStream err;

  AttachCommand(File agentJar, PrintStream out, PrintStream err) {
    this.agentJar = agentJar;
    this.out = out;
    this.err = err;
  }

  /** {@code list}: one line per JVM of this user that could be attached to. Returns the status. */
  int list() {
    try {
      Class<?> vmClass = attachApi();
      String self = ownPid();
      List<?> descriptors =
          (List<?>) invoke(apiMethod(vmClass, "list"), null, null, "list the JVMs");
      for (Object descriptor : descriptors) {
        String id = (String) call(descriptor, "id");
        if (id.equals(self)) {
          continue;
        }
        String name = (String) call(descriptor, "displayName");
        out.println(id + "\t" + (name == null || name.isEmpty() ? "(no main class)" : name));
      }
      return 0;
    } catch (AttachFailure e) {
      err.println("weft: " + e.getMessage());
      return 1;
    }
  }

  /** {@code attach <pid> [key=value...]}. Returns the status for the command line. */
  int attach(String pid, List<String> settings) {
    if (!pid.matches("[0-9]+")) {
      err.println("weft: '" + pid + "' is not a process id; 'list' shows the JVMs there are");
      return 2;
    }
    for (String setting : settings) {
      if (setting.indexOf('=') <= 0) {
        err.println("weft: '" + setting + "' is not a setting; expected key=value");
        return 2;
      }
    }
    String arguments = join(settings);
    try {
      Class<?> vmClass = attachApi();
      Object vm = invoke(apiMethod(vmClass, "attach", String.class), null, pid, "attach to " + pid);
      try {
        String running = targetProperty(vmClass, vm, VERSION_PROPERTY);
        if (running != null) {
          out.println(
              "Weft "
                  + running
                  + " is already running in JVM "
                  + pid
                  + "; nothing was attached, and its settings stay as they are");
          return 0;
        }
        invoke(
            apiMethod(vmClass, "loadAgent", String.class, String.class),
            vm,
            new Object[] {agentJar.getAbsolutePath(), arguments},
            "load the agent into " + pid);
        String started = targetProperty(vmClass, vm, VERSION_PROPERTY);
        if (started == null) {
          err.println(
              "weft: the agent was loaded into JVM "
                  + pid
                  + " but did not start (otel.javaagent.enabled=false, or the [weft] lines in that"
                  + " JVM's output say why)");
          return 1;
        }
        out.println(
            "Weft "
                + started
                + " attached to JVM "
                + pid
                + "; its startup line is in that JVM's output");
        return 0;
      } finally {
        try {
          vmClass.getMethod("detach").invoke(vm);
        } catch (Exception ignored) {
          // The attach connection closes with this process anyway.
        }
      }
    } catch (AttachFailure e) {
      err.println("weft: " + e.getMessage());
      return 1;
    }
  }

  private static String targetProperty(Class<?> vmClass, Object vm, String name)
      throws AttachFailure {
    Method getSystemProperties = apiMethod(vmClass, "getSystemProperties");
    Properties properties =
        (Properties)
            invoke(getSystemProperties, vm, null, "read the system properties of the target JVM");
    return properties.getProperty(name);
  }

  /**
   * The attach API's {@code VirtualMachine} class: from the platform on Java 9 and later, from
   * the JDK's {@code tools.jar} on Java 8.
   */
  private static Class<?> attachApi() throws AttachFailure {
    try {
      return Class.forName(VIRTUAL_MACHINE);
    } catch (ClassNotFoundException notOnPlatform) {
      File home = new File(System.getProperty("java.home"));
      File[] candidates = {
        new File(home, "lib/tools.jar"), new File(home.getParentFile(), "lib/tools.jar")
      };
      for (File toolsJar : candidates) {
        if (toolsJar.isFile()) {
          try {
            URLClassLoader loader =
                new URLClassLoader(
                    new URL[] {toolsJar.toURI().toURL()}, AttachCommand.class.getClassLoader());
            return Class.forName(VIRTUAL_MACHINE, true, loader);
          } catch (Exception e) {
            throw new AttachFailure("cannot load the attach API from " + toolsJar + ": " + e);
          }
        }
      }
      throw new AttachFailure(
          "this Java runtime ("
              + home
              + ") has no attach API (module jdk.attach, or lib/tools.jar on Java 8);"
              + " run the command with the java of a full JDK");
    }
  }

  private static Method apiMethod(Class<?> type, String name, Class<?>... parameters)
      throws AttachFailure {
    try {
      return type.getMethod(name, parameters);
    } catch (NoSuchMethodException e) {
      throw new AttachFailure("this JDK's attach API lacks " + type.getSimpleName() + "." + name);
    }
  }

  private static Object invoke(Method method, Object target, Object argument, String what)
      throws AttachFailure {
    Object[] arguments =
        argument == null
            ? new Object[0]
            : argument instanceof Object[] ? (Object[]) argument : new Object[] {argument};
    try {
      return method.invoke(target, arguments);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      String message = cause.getMessage();
      throw new AttachFailure(
          "cannot "
              + what
              + ": "
              + cause.getClass().getSimpleName()
              + (message == null || message.isEmpty() ? "" : ": " + message)
              + hint(cause));
    } catch (IllegalAccessException e) {
      throw new AttachFailure("cannot " + what + ": " + e);
    }
  }

  /** What usually helps, for the failures a user meets. */
  private static String hint(Throwable cause) {
    String name = cause.getClass().getSimpleName();
    if (name.equals("AttachNotSupportedException") || name.equals("IOException")) {
      return " (the JVM must run as the same user, be alive, and not run with"
          + " -XX:+DisableAttachMechanism)";
    }
    return "";
  }

  private static Object call(Object target, String name) throws AttachFailure {
    try {
      return target.getClass().getMethod(name).invoke(target);
    } catch (Exception e) {
      throw new AttachFailure("cannot read " + name + " of " + target + ": " + e);
    }
  }

  private static String ownPid() {
    String name = ManagementFactory.getRuntimeMXBean().getName();
    int at = name.indexOf('@');
    return at > 0 ? name.substring(0, at) : name;
  }

  private static String join(List<String> settings) {
    StringBuilder sb = new StringBuilder();
    for (String setting : settings) {
      sb.append(sb.length() == 0 ? "" : ",").append(setting);
    }
    return sb.toString();
  }

  /** A failure with a message for the user; no stack trace is printed. */
  private static final class AttachFailure extends Exception {
    private static final long serialVersionUID = 1L;

    AttachFailure(String message) {
      super(message, null, false, false);
    }
  }
}
