package dev.weft.tooling;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.instrument.Instrumentation;
import net.bytebuddy.agent.ByteBuddyAgent;
import net.bytebuddy.utility.JavaModule;
import org.junit.jupiter.api.Test;

class ModuleAccessTest {

  @Test
  void readAgent_jdkModule_readsTheAgentAndItsLoadersUnnamedModuleAfterwards() throws Exception {
    assumeTrue(JavaModule.isSupported(), "Java 8 has no modules");
    Instrumentation instrumentation = ByteBuddyAgent.install();
    // java.sql: a named JDK module in the platform loader, like java.net.http.
    Class<?> jdkClass = Class.forName("java.sql.Driver");
    ClassLoader platform = jdkClass.getClassLoader();
    JavaModule jdkModule = JavaModule.ofType(jdkClass);
    JavaModule agentModule = JavaModule.ofType(ModuleAccess.class);
    JavaModule helperModule =
        JavaModule.of(ClassLoader.class.getMethod("getUnnamedModule").invoke(platform));
    assertFalse(jdkModule.canRead(agentModule), "precondition: named modules read no unnamed one");

    new ModuleAccess(instrumentation).readAgent(jdkModule, platform);

    assertTrue(jdkModule.canRead(agentModule), "reads the agent's module");
    assertTrue(jdkModule.canRead(helperModule), "reads where helpers are injected");
  }
}
