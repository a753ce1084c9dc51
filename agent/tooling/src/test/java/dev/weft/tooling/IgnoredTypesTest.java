package dev.weft.tooling;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IgnoredTypesTest {

  @Test
  void jdkAgentAndGeneratedClasses_areIgnored() {
    assertTrue(IgnoredTypes.isIgnored("java.lang.String"));
    assertTrue(IgnoredTypes.isIgnored("dev.weft.core.WeftTracer"));
    assertTrue(IgnoredTypes.isIgnored("dev.weft.shaded.bytebuddy.ByteBuddy"));
    assertTrue(IgnoredTypes.isIgnored("com.example.UserController$$SpringCGLIB$$0"));
    assertTrue(IgnoredTypes.isIgnored("com.example.Foo$$Lambda$14/0x0000000800c0b000"));
    assertTrue(IgnoredTypes.isIgnored("io.opentelemetry.javaagent.bootstrap.AgentClassLoader"));
  }

  @Test
  void libraryAndApplicationClasses_areNot() {
    assertFalse(IgnoredTypes.isIgnored("javax.servlet.http.HttpServlet"));
    assertFalse(IgnoredTypes.isIgnored("jakarta.servlet.http.HttpServlet"));
    assertFalse(IgnoredTypes.isIgnored("org.springframework.web.servlet.DispatcherServlet"));
    assertFalse(IgnoredTypes.isIgnored("com.example.OrderServlet"));
  }

  @Test
  void jdkHttpClients_areWovenDespiteTheJdkPrefixes() {
    assertFalse(IgnoredTypes.isIgnored("sun.net.www.protocol.http.HttpURLConnection"));
    assertFalse(IgnoredTypes.isIgnored("sun.net.www.protocol.https.HttpsURLConnectionImpl"));
    assertFalse(IgnoredTypes.isIgnored("jdk.internal.net.http.HttpClientImpl"));
    assertTrue(IgnoredTypes.isIgnored("sun.net.www.protocol.file.FileURLConnection"));
    assertTrue(IgnoredTypes.isIgnored("java.net.HttpURLConnectionX"));
  }

  @Test
  void theLoggingClassesThatCaptureContext_areWoven_otherLoggingClassesAreNot() {
    assertFalse(IgnoredTypes.isIgnored("ch.qos.logback.classic.spi.LoggingEvent"));
    assertFalse(
        IgnoredTypes.isIgnored("org.apache.logging.log4j.core.impl.ContextDataInjectorFactory"));
    assertTrue(IgnoredTypes.isIgnored("ch.qos.logback.classic.spi.LoggingEventVO"));
    assertTrue(IgnoredTypes.isIgnored("ch.qos.logback.classic.Logger"));
    assertTrue(IgnoredTypes.isIgnored("org.apache.logging.log4j.core.Logger"));
  }

  @Test
  void jdkExecutorsAndThreads_areWovenDespiteTheJdkPrefixes() {
    assertFalse(IgnoredTypes.isIgnored("java.util.concurrent.ThreadPoolExecutor"));
    assertFalse(IgnoredTypes.isIgnored("java.util.concurrent.ForkJoinTask"));
    assertFalse(IgnoredTypes.isIgnored("java.util.concurrent.CompletableFuture$AsyncSupply"));
    assertFalse(IgnoredTypes.isIgnored("java.lang.VirtualThread"));
    assertTrue(IgnoredTypes.isIgnored("java.util.concurrent.CompletableFuture"));
    assertTrue(IgnoredTypes.isIgnored("java.util.concurrent.ConcurrentHashMap"));
    assertTrue(IgnoredTypes.isIgnored("java.lang.Thread"));
  }

  @Test
  void preloadedJdkClasses_areAllWoven() {
    for (String name : IgnoredTypes.JDK_CLASSES_TO_PRELOAD) {
      assertFalse(IgnoredTypes.isIgnored(name), name);
    }
  }

  @Test
  void classLoaderCheck_findsClassesByResourceOnly() {
    ClassLoader loader = getClass().getClassLoader();
    assertTrue(ClassLoaderHasClasses.hasClasses("org.junit.jupiter.api.Test").matches(loader));
    assertFalse(ClassLoaderHasClasses.hasClasses("javax.servlet.Servlet").matches(loader));
    assertFalse(ClassLoaderHasClasses.hasClasses("java.lang.String").matches(null));
  }
}
