package dev.weft.tooling;

import java.io.IOException;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

/**
 * A transformation step that defines an instrumentation's helper classes in the class loader of
 * the class being woven, once per loader, before that class's woven code can run.
 *
 * <p>If the helpers cannot be defined, the step throws: Byte Buddy then leaves that class
 * unwoven (and reports it to the listener), which is the safe outcome; the woven code would
 * otherwise fail for lack of its helpers. Thread-safe; loaders are held weakly.
 */
final class HelperInjector implements AgentBuilder.Transformer {

  private final List<String> helperClassNames;
  private final ClassFileLocator agentClasses;
  private final Map<ClassLoader, Boolean> injected = new WeakHashMap<ClassLoader, Boolean>();
  private final Object lock = new Object();
  private volatile byte[][] helperBytes;

  HelperInjector(List<String> helperClassNames, ClassFileLocator agentClasses) {
    this.helperClassNames = helperClassNames;
    this.agentClasses = agentClasses;
  }

  @Override
  public DynamicType.Builder<?> transform(
      DynamicType.Builder<?> builder,
      TypeDescription typeDescription,
      ClassLoader classLoader,
      JavaModule module,
      ProtectionDomain protectionDomain) {
    if (classLoader != null && !helperClassNames.isEmpty()) {
      injectInto(classLoader);
    }
    return builder;
  }

  void injectInto(ClassLoader classLoader) {
    synchronized (lock) {
      if (injected.containsKey(classLoader)) {
        return;
      }
      byte[][] bytes = bytes();
      try {
        for (int i = 0; i < bytes.length; i++) {
          ClassDefiner.define(classLoader, helperClassNames.get(i), bytes[i]);
        }
      } catch (Exception e) {
        throw new IllegalStateException(
            "Cannot define helper classes " + helperClassNames + " in " + classLoader, e);
      }
      injected.put(classLoader, Boolean.TRUE);
    }
  }

  private byte[][] bytes() {
    byte[][] bytes = helperBytes;
    if (bytes != null) {
      return bytes;
    }
    bytes = new byte[helperClassNames.size()][];
    for (int i = 0; i < bytes.length; i++) {
      String name = helperClassNames.get(i);
      try {
        ClassFileLocator.Resolution resolution = agentClasses.locate(name);
        if (!resolution.isResolved()) {
          throw new IllegalStateException("Helper class " + name + " is not in the agent");
        }
        bytes[i] = resolution.resolve();
      } catch (IOException e) {
        throw new IllegalStateException("Cannot read helper class " + name, e);
      }
    }
    helperBytes = bytes;
    return bytes;
  }
}
