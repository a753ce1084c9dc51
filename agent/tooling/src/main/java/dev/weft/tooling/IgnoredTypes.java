package dev.weft.tooling;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The one list of what is never woven, decided from the class name alone so that no class file
 * is parsed to reject a class: the JDK, the agent itself and its shaded libraries, other agents,
 * language runtimes and logging libraries that no instrumentation targets, and generated
 * classes (proxies, lambdas, CGLIB and Byte Buddy subclasses) whose real class is woven instead;
 * except the few JDK classes an instrumentation targets (HTTP clients, executors, threads) and
 * the one class of each logging library that puts trace ids into log lines.
 *
 * <p>Immutable and thread-safe.
 */
public final class IgnoredTypes implements ElementMatcher<TypeDescription> {

  private static final String[] PREFIXES = {
    "dev.weft.",
    "java.",
    "jdk.",
    "sun.",
    "com.sun.",
    "javax.management.",
    "javax.xml.",
    "javax.swing.",
    "org.xml.",
    "org.w3c.",
    "net.bytebuddy.",
    "org.objectweb.asm.",
    "kotlin.",
    "scala.",
    "groovy.",
    "org.codehaus.groovy.",
    "clojure.",
    "io.opentelemetry.javaagent.",
    "io.opentelemetry.sdk.",
    "co.elastic.apm.",
    "datadog.",
    "com.datadog.",
    "com.newrelic.",
    "com.singularity.",
    "com.dynatrace.",
    "org.glowroot.",
    "com.intellij.rt.",
    "org.slf4j.",
    "ch.qos.logback.",
    "org.apache.logging.log4j.",
    "org.apache.log4j.",
    "org.apache.commons.logging.",
    "com.fasterxml.jackson.",
    "com.google.protobuf.",
    "com.google.common.",
    "org.junit.",
    "org.apiguardian.",
    "org.opentest4j.",
    "org.springframework.cglib.",
    "org.springframework.asm.",
    "org.aspectj.",
  };

  /**
   * JDK classes that instrumentations do weave, despite the prefixes above: the JDK's own HTTP
   * clients, and the executors and threads that carry a context to other threads. Checked
   * first; exact names, or prefixes where they end with a dot or a dollar sign.
   */
  private static final String[] JDK_EXCEPTIONS = {
    "java.net.HttpURLConnection",
    "javax.net.ssl.HttpsURLConnection",
    "sun.net.www.protocol.http.HttpURLConnection",
    "sun.net.www.protocol.https.",
    "java.net.http.HttpClient",
    "jdk.internal.net.http.HttpClientImpl",
    "jdk.internal.net.http.HttpClientFacade",
    "java.util.concurrent.ThreadPoolExecutor",
    "java.util.concurrent.ScheduledThreadPoolExecutor",
    "java.util.concurrent.ForkJoinPool",
    "java.util.concurrent.ForkJoinTask",
    "java.util.concurrent.CompletableFuture$",
    "java.lang.VirtualThread",
  };

  /**
   * Logging classes that instrumentations do weave, despite the logging prefixes above: where
   * Logback and Log4j 2 capture an event's MDC or context data. Exact names.
   */
  private static final String[] LOGGING_EXCEPTIONS = {
    "ch.qos.logback.classic.spi.LoggingEvent",
    "org.apache.logging.log4j.core.impl.ContextDataInjectorFactory",
  };

  /**
   * The JDK classes of {@link #JDK_EXCEPTIONS} that exist as such (the prefixes spelled out), for
   * loading before the agent's transformer is installed: see {@link AgentInstaller}.
   */
  static final String[] JDK_CLASSES_TO_PRELOAD = {
    "java.net.HttpURLConnection",
    "javax.net.ssl.HttpsURLConnection",
    "sun.net.www.protocol.http.HttpURLConnection",
    "sun.net.www.protocol.https.AbstractDelegateHttpsURLConnection",
    "sun.net.www.protocol.https.DelegateHttpsURLConnection",
    "sun.net.www.protocol.https.HttpsURLConnectionImpl",
    "java.util.concurrent.ThreadPoolExecutor",
    "java.util.concurrent.ScheduledThreadPoolExecutor",
    "java.util.concurrent.ForkJoinPool",
    "java.util.concurrent.ForkJoinTask",
    "java.util.concurrent.CompletableFuture$AsyncSupply",
    "java.util.concurrent.CompletableFuture$AsyncRun",
    "java.util.concurrent.CompletableFuture$Completion",
    "java.lang.VirtualThread",
  };

  /** Name parts of generated classes. */
  private static final String[] GENERATED = {
    "$$", "$Proxy", "$HibernateProxy$", "$ByteBuddy$", "$MockitoMock$", "$JaxbAccessor"
  };

  public static final IgnoredTypes INSTANCE = new IgnoredTypes();

  private IgnoredTypes() {}

  @Override
  public boolean matches(TypeDescription type) {
    return isIgnored(type.getName());
  }

  /** Whether a class of this binary name is never woven. */
  public static boolean isIgnored(String name) {
    for (String exception : JDK_EXCEPTIONS) {
      if (exception.endsWith(".") || exception.endsWith("$") ? name.startsWith(exception) : name.equals(exception)) {
        return false;
      }
    }
    for (String exception : LOGGING_EXCEPTIONS) {
      if (name.equals(exception)) {
        return false;
      }
    }
    for (String prefix : PREFIXES) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    for (String part : GENERATED) {
      if (name.contains(part)) {
        return true;
      }
    }
    return false;
  }
}
