package dev.weft.instrumentation.httpurlconnection;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.returns;
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
 * Client spans for {@code java.net.HttpURLConnection} and {@code HttpsURLConnection}: the JDK's
 * implementation ({@code sun.net.www.protocol.http.HttpURLConnection}, and the https classes
 * that delegate to it) and any other subclass. One span per connection object. Toggle: {@code
 * otel.instrumentation.http-url-connection.enabled}.
 *
 * <p>Weaves {@code connect}, {@code getOutputStream}, {@code getInputStream} and {@code
 * getResponseCode}, the four public methods through which a connection does network I/O (the
 * header getters reach the network through {@code getInputStream}); {@link
 * HttpUrlConnectionTracer} decides what each call means for the span.
 */
public final class HttpUrlConnectionInstrumentationModule extends InstrumentationModule {

  static final String HTTP_URL_CONNECTION = "java.net.HttpURLConnection";

  private static final String ADVICE_PACKAGE = "dev.weft.instrumentation.httpurlconnection.";

  public HttpUrlConnectionInstrumentationModule() {
    super("http-url-connection");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Collections.<TypeInstrumentation>singletonList(new ConnectionInstrumentation());
  }

  /**
   * Every class that is, or extends, {@code java.net.HttpURLConnection} and is named like one
   * (see {@link SubclassMatcher}).
   */
  static final class ConnectionInstrumentation implements TypeInstrumentation {

    /**
     * Any loader, the bootstrap one included: the JDK's classes live there. Cheap because both
     * the ignore list (the JDK's other classes) and the type matcher reject by name first.
     */
    @Override
    public ElementMatcher<ClassLoader> classLoaderMatcher() {
      return any();
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      // The class itself matches too, so java.net.HttpURLConnection is woven (its
      // getResponseCode is the one most subclasses inherit).
      return new SubclassMatcher(HTTP_URL_CONNECTION);
    }

    @Override
    public List<AdviceBinding> adviceBindings() {
      return Arrays.asList(
          new AdviceBinding(noArguments("connect"), ADVICE_PACKAGE + "ConnectAdvice"),
          new AdviceBinding(
              noArguments("getOutputStream"), ADVICE_PACKAGE + "GetOutputStreamAdvice"),
          new AdviceBinding(
              noArguments("getInputStream"), ADVICE_PACKAGE + "GetInputStreamAdvice"),
          new AdviceBinding(
              noArguments("getResponseCode").and(returns(int.class)),
              ADVICE_PACKAGE + "GetResponseCodeAdvice"));
    }

    private static ElementMatcher.Junction<MethodDescription> noArguments(String name) {
      return isPublic().and(named(name)).and(takesArguments(0));
    }
  }
}
