package dev.weft.instrumentation.httpurlconnection;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.tooling.IgnoredTypes;
import dev.weft.tooling.InstrumentationModule;
import dev.weft.tooling.TypeInstrumentation;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.HttpURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;

class HttpUrlConnectionInstrumentationModuleTest {

  private static final String HTTP_IMPL = "sun.net.www.protocol.http.HttpURLConnection";
  private static final String HTTPS_IMPL = "sun.net.www.protocol.https.HttpsURLConnectionImpl";
  private static final String HTTPS_DELEGATE =
      "sun.net.www.protocol.https.DelegateHttpsURLConnection";

  private final TypeInstrumentation instrumentation =
      new HttpUrlConnectionInstrumentationModule.ConnectionInstrumentation();

  @Test
  void module_isFoundByTheServiceLoader_underItsToggleName() {
    List<String> names = new ArrayList<>();
    for (InstrumentationModule module : ServiceLoader.load(InstrumentationModule.class)) {
      names.add(module.name());
    }
    assertTrue(names.contains("http-url-connection"), names.toString());
  }

  @Test
  void typeMatcher_matchesTheJdkImplementations_httpAndHttps() throws Exception {
    assertAll(
        () -> assertTrue(matches(HttpURLConnection.class)),
        () -> assertTrue(matches(javax.net.ssl.HttpsURLConnection.class)),
        () -> assertTrue(matches(Class.forName(HTTP_IMPL))),
        () -> assertTrue(matches(Class.forName(HTTPS_IMPL))),
        () -> assertTrue(matches(Class.forName(HTTPS_DELEGATE))),
        () -> assertTrue(matches(ApplicationHttpURLConnection.class)));
  }

  @Test
  void typeMatcher_rejectsOtherConnectionsAndInterfaces() throws Exception {
    assertAll(
        () -> assertFalse(matches(URLConnection.class)),
        () -> assertFalse(matches(UrlConnectionLike.class)),
        () -> assertFalse(matches(Class.forName("sun.net.www.protocol.file.FileURLConnection"))),
        () -> assertFalse(matches(Object.class)),
        () -> assertFalse(matches(Runnable.class)));
  }

  @Test
  void subclassNotNamedLikeAConnection_isRejectedByName_withoutReadingItsClassFile() {
    // As the agent describes classes: lazily. This pool finds no class file, so reading one
    // (for the superclass, or whether it is an interface) would throw.
    TypePool empty =
        new TypePool.Default.WithLazyResolution(
            new TypePool.CacheProvider.Simple(),
            ClassFileLocator.NoOp.INSTANCE,
            TypePool.Default.ReaderMode.FAST);
    TypeDescription unreadable = empty.describe("com.example.OrderService").resolve();

    assertFalse(instrumentation.typeMatcher().matches(unreadable));
  }

  @Test
  void namesLikeAConnection_areRecognisedInAnyCase() {
    assertAll(
        () -> assertTrue(SubclassMatcher.nameSuggestsUrlConnection("java.net.HttpURLConnection")),
        () -> assertTrue(SubclassMatcher.nameSuggestsUrlConnection(
            "okhttp3.internal.huc.OkHttpsURLConnection")),
        () -> assertTrue(SubclassMatcher.nameSuggestsUrlConnection("com.example.MyUrlConnection")),
        () -> assertTrue(SubclassMatcher.nameSuggestsUrlConnection(
            "com.example.urlconnection.Client$Impl")),
        () -> assertFalse(SubclassMatcher.nameSuggestsUrlConnection("com.example.DbConnection")),
        () -> assertFalse(SubclassMatcher.nameSuggestsUrlConnection("onnection")),
        () -> assertFalse(SubclassMatcher.nameSuggestsUrlConnection("com.example.Url")));
  }

  @Test
  void classWhoseSuperclassIsMissing_doesNotMatch_ratherThanFailing() {
    // Only the subclass's bytes can be found: its superclass is "missing from the class path".
    TypePool pool =
        TypePool.Default.of(
            ClassFileLocator.Simple.of(
                OrphanUrlConnection.class.getName(),
                ClassFileLocator.ForClassLoader.read(OrphanUrlConnection.class)));
    TypeDescription orphan = pool.describe(OrphanUrlConnection.class.getName()).resolve();

    assertFalse(instrumentation.typeMatcher().matches(orphan));
  }

  @Test
  void jdkImplementations_areNotOnTheIgnoreList() {
    assertAll(
        () -> assertFalse(IgnoredTypes.isIgnored(HttpURLConnection.class.getName())),
        () -> assertFalse(IgnoredTypes.isIgnored(HTTP_IMPL)),
        () -> assertFalse(IgnoredTypes.isIgnored(HTTPS_IMPL)),
        () -> assertFalse(IgnoredTypes.isIgnored(HTTPS_DELEGATE)));
  }

  @Test
  void httpsImplementation_hasItsFourRequestMethodsWoven_eachWithItsAdvice() throws Exception {
    Class<?> https = Class.forName(HTTPS_IMPL);
    assertAll(
        () -> assertEquals("ConnectAdvice", adviceFor(https.getDeclaredMethod("connect"))),
        () -> assertEquals(
            "GetOutputStreamAdvice", adviceFor(https.getDeclaredMethod("getOutputStream"))),
        () -> assertEquals(
            "GetInputStreamAdvice", adviceFor(https.getDeclaredMethod("getInputStream"))),
        () -> assertEquals(
            "GetResponseCodeAdvice", adviceFor(https.getDeclaredMethod("getResponseCode"))),
        () -> assertEquals(null, adviceFor(https.getDeclaredMethod("getErrorStream"))),
        () -> assertEquals(null, adviceFor(https.getDeclaredMethod("disconnect"))));
  }

  @Test
  void baseClassGetResponseCode_isWoven_forSubclassesThatInheritIt() throws Exception {
    assertEquals(
        "GetResponseCodeAdvice",
        adviceFor(HttpURLConnection.class.getDeclaredMethod("getResponseCode")));
  }

  @Test
  void everyAdviceClassNamed_exists() throws Exception {
    for (TypeInstrumentation.AdviceBinding binding : instrumentation.adviceBindings()) {
      Class.forName(binding.adviceClassName(), false, getClass().getClassLoader());
    }
  }

  @Test
  void classLoaderMatcher_acceptsTheBootstrapLoader() {
    assertTrue(instrumentation.classLoaderMatcher().matches(null));
  }

  private boolean matches(Class<?> type) {
    return instrumentation.typeMatcher().matches(TypeDescription.ForLoadedType.of(type));
  }

  /** The simple name of the advice woven into {@code method}, as the installer filters it. */
  private String adviceFor(Method method) {
    MethodDescription description = new MethodDescription.ForLoadedMethod(method);
    ElementMatcher.Junction<MethodDescription> woven = isMethod().and(not(isAbstract()));
    String found = null;
    for (TypeInstrumentation.AdviceBinding binding : instrumentation.adviceBindings()) {
      @SuppressWarnings("unchecked")
      ElementMatcher<MethodDescription> matcher =
          (ElementMatcher<MethodDescription>) binding.methodMatcher();
      if (woven.matches(description) && matcher.matches(description)) {
        String name = binding.adviceClassName();
        assertEquals(null, found, "two advice bindings for " + method);
        found = name.substring(name.lastIndexOf('.') + 1);
      }
    }
    return found;
  }

  /** Stands for a class absent from the class path. */
  static class MissingBase {}

  static final class OrphanUrlConnection extends MissingBase {}

  /** Named like a connection, but is not one. */
  static final class UrlConnectionLike {}

  /** A connection class of an application or library, not the JDK's. */
  static final class ApplicationHttpURLConnection extends HttpURLConnection {
    ApplicationHttpURLConnection(URL url) {
      super(url);
    }

    @Override
    public void disconnect() {}

    @Override
    public boolean usingProxy() {
      return false;
    }

    @Override
    public void connect() throws IOException {}
  }
}
