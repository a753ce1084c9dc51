package dev.weft.instrumentation.javahttpclient;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weft.tooling.InstrumentationModule;
import dev.weft.tooling.TypeInstrumentation;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Client spans for the JDK's {@code java.net.http.HttpClient} (JDK 11+): {@code send} and both
 * {@code sendAsync} overloads of its one implementation, {@code
 * jdk.internal.net.http.HttpClientImpl}. Toggle: {@code otel.instrumentation.java-http-client.enabled}.
 *
 * <p>This class is loaded on every JDK, Java 8 included, so it is compiled for Java 8 (see the
 * module's pom) and names every {@code java.net.http} type and every advice and helper class by
 * string only. On Java 8 the woven class does not exist, so nothing matches and none of the
 * module's other classes (JDK 11 bytecode) is ever loaded.
 */
public final class JavaHttpClientInstrumentationModule extends InstrumentationModule {

  private static final String PACKAGE = "dev.weft.instrumentation.javahttpclient.";

  public JavaHttpClientInstrumentationModule() {
    super("java-http-client");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Collections.<TypeInstrumentation>singletonList(new HttpClientImplInstrumentation());
  }

  /**
   * {@code HttpClientImpl}, which every client built by {@code HttpClient.newBuilder()} or {@code
   * newHttpClient()} is (behind the {@code HttpClientFacade} that delegates to it).
   */
  static final class HttpClientImplInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<ClassLoader> classLoaderMatcher() {
      return JdkClassLoaders.INSTANCE;
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return named("jdk.internal.net.http.HttpClientImpl");
    }

    @Override
    public List<AdviceBinding> adviceBindings() {
      ElementMatcher.Junction<MethodDescription> takesRequest =
          isPublic().and(takesArgument(0, named("java.net.http.HttpRequest")));
      return Arrays.asList(
          new AdviceBinding(
              named("send").and(takesArguments(2)).and(takesRequest), PACKAGE + "SendAdvice"),
          // sendAsync(request, handler) and sendAsync(request, handler, pushPromiseHandler); the
          // first calls the second, and the shared call depth makes that one span.
          new AdviceBinding(
              named("sendAsync")
                  .and(takesArguments(2).or(takesArguments(3)))
                  .and(takesRequest),
              PACKAGE + "SendAsyncAdvice"));
    }

    /**
     * Defined in the loader of {@code java.net.http} (the platform loader), since they refer to
     * {@code java.net.http} types, which the bootstrap loader that holds the agent cannot see.
     */
    @Override
    public List<String> helperClassNames() {
      return Arrays.asList(
          PACKAGE + "InjectedHeaders",
          PACKAGE + "InjectedHeaders$Setter",
          PACKAGE + "RequestCopy",
          PACKAGE + "ResponseCallback",
          PACKAGE + "JavaHttpClientTracing");
    }
  }

  /**
   * The loaders that define the JDK's own modules: the platform loader ({@code java.net.http}'s,
   * on every JDK so far) and the bootstrap loader. Decided by the loader's class name, since
   * {@code ClassLoader.getPlatformClassLoader()} does not exist on Java 8. Stateless.
   */
  static final class JdkClassLoaders implements ElementMatcher<ClassLoader> {
    static final JdkClassLoaders INSTANCE = new JdkClassLoaders();

    @Override
    public boolean matches(ClassLoader loader) {
      return loader == null
          || loader.getClass().getName().equals("jdk.internal.loader.ClassLoaders$PlatformClassLoader");
    }
  }
}
