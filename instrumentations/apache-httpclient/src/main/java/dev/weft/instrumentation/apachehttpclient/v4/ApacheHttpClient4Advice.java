package dev.weft.instrumentation.apachehttpclient.v4;

import dev.weft.api.Scope;
import dev.weft.instrumentation.http.ClientCall;
import net.bytebuddy.asm.Advice;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.HttpResponse;

/**
 * Woven into {@code CloseableHttpClient.doExecute(HttpHost, HttpRequest, HttpContext)}
 * implementations, where every {@code execute} overload of a 4.3+ client ends up, and into {@code
 * execute(HttpHost, HttpRequest, HttpContext)} of {@code HttpClient} implementations that are not
 * {@code CloseableHttpClient}s (the deprecated decorators {@code DecompressingHttpClient} and
 * {@code AutoRetryHttpClient}). The outermost call of the thread owns the span, which is current
 * while the client runs.
 *
 * <p>The advice has no branches (the helper decides everything): the agent jar's ProGuard pass
 * recomputes stack map frames and drops parameters that are dead at a branch target, and Byte
 * Buddy cannot inline advice whose frames lack its own parameters.
 */
public final class ApacheHttpClient4Advice {

  private ApacheHttpClient4Advice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static ClientCall onEnter(
      @Advice.Argument(0) HttpHost target,
      @Advice.Argument(1) HttpRequest request,
      @Advice.Local("weftScope") Scope scope) {
    ClientCall call = ApacheHttpClient4Calls.enter(target, request);
    scope = ApacheHttpClient4Calls.makeCurrent(call);
    return call;
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void onExit(
      @Advice.Return HttpResponse response,
      @Advice.Thrown Throwable thrown,
      @Advice.Enter ClientCall call,
      @Advice.Local("weftScope") Scope scope) {
    ApacheHttpClient4Calls.exit(call, scope, response, thrown);
  }
}
