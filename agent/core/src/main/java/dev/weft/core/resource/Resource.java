package dev.weft.core.resource;

import dev.weft.core.config.ConfigProperties;
import dev.weft.core.trace.Attributes;
import dev.weft.core.trace.AttributesMap;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.Map;

/**
 * The attributes that describe the process every span comes from: {@code service.name}, {@code
 * telemetry.sdk.*}, {@code host.name}, {@code process.pid}, {@code process.runtime.*}, and what
 * {@code otel.resource.attributes} adds. Built once at startup. Immutable after construction.
 */
public final class Resource {

  public static final String SDK_NAME = "weft";

  private final AttributesMap attributes;
  private final String serviceName;

  private Resource(AttributesMap attributes, String serviceName) {
    this.attributes = attributes;
    this.serviceName = serviceName;
  }

  /**
   * The resource of this JVM. {@code otel.service.name} wins over a {@code service.name} in
   * {@code otel.resource.attributes}; without either, the name is derived from the main jar or
   * class, so it is never empty.
   */
  public static Resource fromConfig(ConfigProperties config, String sdkVersion) {
    AttributesMap attrs = new AttributesMap(128, Integer.MAX_VALUE);
    Map<String, String> configured = config.getMap("otel.resource.attributes");
    String serviceName = config.getString("otel.service.name");
    if (serviceName == null) {
      serviceName = configured.get("service.name");
    }
    if (serviceName == null) {
      serviceName = deriveServiceName(System.getProperty("sun.java.command"));
    }
    attrs.put("service.name", serviceName);
    attrs.put("telemetry.sdk.name", SDK_NAME);
    attrs.put("telemetry.sdk.language", "java");
    attrs.put("telemetry.sdk.version", sdkVersion);
    String host = hostName();
    if (host != null) {
      attrs.put("host.name", host);
    }
    long pid = processId();
    if (pid > 0) {
      attrs.put("process.pid", pid);
    }
    attrs.put("process.runtime.name", System.getProperty("java.runtime.name", "unknown"));
    attrs.put("process.runtime.version", System.getProperty("java.runtime.version", "unknown"));
    attrs.put(
        "process.runtime.description",
        System.getProperty("java.vm.vendor", "") + ' ' + System.getProperty("java.vm.name", "")
            + ' ' + System.getProperty("java.vm.version", ""));
    for (Map.Entry<String, String> entry : configured.entrySet()) {
      if (!entry.getKey().equals("service.name")) {
        attrs.put(entry.getKey(), entry.getValue());
      }
    }
    return new Resource(attrs, serviceName);
  }

  /**
   * A service name from the JVM's command: the jar's file name without {@code .jar} for {@code
   * java -jar app.jar}, the main class's simple name for {@code java com.example.Main}, else
   * {@code unknown_service:java} as the OpenTelemetry specification names it.
   */
  static String deriveServiceName(String javaCommand) {
    if (javaCommand == null || javaCommand.trim().isEmpty()) {
      return "unknown_service:java";
    }
    String first = javaCommand.trim().split("\\s+")[0];
    int slash = Math.max(first.lastIndexOf('/'), first.lastIndexOf('\\'));
    String base = first.substring(slash + 1);
    if (base.endsWith(".jar")) {
      base = base.substring(0, base.length() - 4);
    } else {
      base = base.substring(base.lastIndexOf('.') + 1);
    }
    return base.isEmpty() ? "unknown_service:java" : base;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception | LinkageError e) {
      return null;
    }
  }

  private static long processId() {
    try {
      String name = ManagementFactory.getRuntimeMXBean().getName();
      int at = name.indexOf('@');
      return at > 0 ? Long.parseLong(name.substring(0, at)) : -1;
    } catch (Exception | LinkageError e) {
      return -1;
    }
  }

  /** For tests: a resource with exactly these attributes. */
  public static Resource of(String serviceName, Map<String, String> extra) {
    AttributesMap attrs = new AttributesMap(128, Integer.MAX_VALUE);
    attrs.put("service.name", serviceName);
    for (Map.Entry<String, String> entry : extra.entrySet()) {
      attrs.put(entry.getKey(), entry.getValue());
    }
    return new Resource(attrs, serviceName);
  }

  public String serviceName() {
    return serviceName;
  }

  public Attributes attributes() {
    return attributes;
  }
}
