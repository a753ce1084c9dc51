package dev.weft.instrumentation.apachehttpclient.v5;

import dev.weft.api.Scope;
import dev.weft.instrumentation.http.ClientCall;
import net.bytebuddy.asm.Advice;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpResponse;

/**
 * Woven into {@code CloseableHttpClient.doExecute(HttpHost, ClassicHttpRequest, HttpContext)}
 * implementations (HttpClient 5 classic), where every {@code execute} and {@code executeOpen}
 * overload ends up. The outermost call of the thread owns the span, which is current while the
 * client runs. Branch-free, like all advice of this module (see {@code ApacheHttpClient4Advice}).
 */
public final class ApacheClassicClient5Advice {

  private ApacheClassicClient5Advice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static ClientCall onEnter(
      @Advice.Argument(0) HttpHost target,
      @Advice.Argument(1) ClassicHttpRequest request,
      @Advice.Local("weftScope") Scope scope) {
    ClientCall call = ApacheHttpClient5Calls.enter(target, request);
    scope = ApacheHttpClient5Calls.makeCurrent(call);
    return call;
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void onExit(
      @Advice.Return HttpResponse response,
      @Advice.Thrown Throwable thrown,
      @Advice.Enter ClientCall call,
      @Advice.Local("weftScope") Scope scope) {
    ApacheHttpClient5Calls.exit(call, scope, response, thrown);
  }
}
