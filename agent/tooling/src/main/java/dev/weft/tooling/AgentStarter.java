package dev.weft.tooling;

import dev.weft.api.AgentThread;
import dev.weft.api.Tracing;
import dev.weft.core.WeftSdk;
import dev.weft.core.WeftVersion;
import dev.weft.core.config.ConfigProperties;
import dev.weft.core.log.AgentLog;
import java.io.File;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import net.bytebuddy.dynamic.ClassFileLocator;

/**
 * The agent's startup sequence, run once per JVM from the premain or agentmain class: read the
 * configuration, build and install the tracer behind the API, register the flush at shutdown,
 * weave the enabled instrumentations, and say so in one line.
 *
 * <p>A second start in the same JVM (an attach to a JVM that runs the agent already, from
 * {@code -javaagent} or an earlier attach) changes nothing and says so: the tracer, its exporters
 * and the woven code stay as the first start made them.
 *
 * <p>Once started, the JVM's system property {@value #VERSION_PROPERTY} holds the agent's
 * version, so that {@code java -jar weft-agent.jar attach} can tell from outside that the agent
 * runs there.
 */
public final class AgentStarter {

  /** The system property that says the agent runs in this JVM, and which version. */
  public static final String VERSION_PROPERTY = "weft.agent.version";

  /** Guarded by the class: starts are rare and must not overlap. */
  private static boolean started;

  private AgentStarter() {}

  /**
   * Starts the agent with {@code arguments} ({@code key=value,...}, null for none) over the
   * JVM's system properties and environment. Called reflectively by {@code
   * dev.weft.javaagent.WeftAgent}.
   */
  public static synchronized void start(
      Instrumentation instrumentation, File agentJar, String arguments) throws IOException {
    if (started) {
      AgentLog.warn(
          "Weft "
              + System.getProperty(VERSION_PROPERTY, WeftVersion.get())
              + " is already running in this JVM; this start changes nothing (settings are read"
              + " once, when the agent first starts)");
      return;
    }
    started = true;
    long startNanos = System.nanoTime();
    ConfigProperties config = ConfigProperties.fromSystem(arguments);
    AgentLog.setDebug(config.getBoolean("otel.javaagent.debug", false));

    final WeftSdk sdk = WeftSdk.create(config);
    Tracing.install(sdk.tracer());
    Runtime.getRuntime()
        .addShutdownHook(
            new AgentThread(
                "weft-shutdown",
                new Runnable() {
                  @Override
                  public void run() {
                    sdk.shutdown();
                  }
                }));

    sdk.reportCountersWhileDebugging();

    List<InstrumentationModule> modules = enabledModules(config);
    AgentInstaller.install(instrumentation, modules, ClassFileLocator.ForJarFile.of(agentJar));

    System.setProperty(VERSION_PROPERTY, WeftVersion.get());
    long millis = (System.nanoTime() - startNanos) / 1_000_000L;
    AgentLog.info(
        "Weft "
            + WeftVersion.get()
            + " started in "
            + millis
            + " ms: service="
            + sdk.resource().serviceName()
            + ", exporters="
            + sdk.exportersDescription()
            + ", sampler="
            + sdk.tracer().sampler().description()
            + ", propagators="
            + sdk.propagatorsDescription()
            + ", instrumentations="
            + names(modules));
  }

  /**
   * The modules found on the agent's class path that configuration leaves on: {@code
   * otel.instrumentation.<name>.enabled}, else {@code
   * otel.instrumentation.common.default-enabled}, else the module's own default.
   */
  static List<InstrumentationModule> enabledModules(ConfigProperties config) {
    boolean defaultEnabled =
        config.getBoolean("otel.instrumentation.common.default-enabled", true);
    List<InstrumentationModule> enabled = new ArrayList<InstrumentationModule>();
    ClassLoader loader = ClassLoader.getSystemClassLoader();
    for (InstrumentationModule module : ServiceLoader.load(InstrumentationModule.class, loader)) {
      boolean on =
          config.getBoolean(
              "otel.instrumentation." + module.name() + ".enabled",
              defaultEnabled && module.defaultEnabled());
      if (on) {
        enabled.add(module);
      }
    }
    return enabled;
  }

  private static String names(List<InstrumentationModule> modules) {
    if (modules.isEmpty()) {
      return "none";
    }
    StringBuilder sb = new StringBuilder();
    for (InstrumentationModule module : modules) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(module.name());
    }
    return sb.toString();
  }
}
