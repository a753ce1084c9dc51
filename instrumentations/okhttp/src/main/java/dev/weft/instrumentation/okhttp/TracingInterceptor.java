package dev.weft.instrumentation.okhttp;

import dev.weft.api.Scope;
import dev.weft.api.Tracer;
import dev.weft.api.Tracing;
import dev.weft.api.internal.AdviceErrors;
import dev.weft.instrumentation.http.ClientCall;
import dev.weft.instrumentation.http.HttpClientSpans;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The application interceptor the agent appends to every {@code OkHttpClient}: it makes each call
 * one CLIENT span and sends the call's context in the request headers.
 *
 * <p>Application interceptors run once per call (OkHttp's redirects and retries happen further
 * down the chain, in {@code RetryAndFollowUpInterceptor}), on the thread that runs the call: the
 * caller's for {@code execute()}, the dispatcher's for {@code enqueue()} (where {@link
 * AsyncCallAdvice} has made the enqueuing context current). Being the last application
 * interceptor, it sees the request as the application's interceptors left it, and replaces any
 * propagation header they set; it sends a copy ({@code request.newBuilder()}) so the
 * application's {@code Request}, which a cloned or retried call reuses, never accumulates
 * headers. The span ends when {@code proceed} returns, i.e. when the response status and headers
 * are known; reading the body is the application's time.
 *
 * <p>Nothing it adds can fail the call: its own failures are reported once and the call proceeds
 * with the application's request; the response or exception of {@code proceed} reaches the caller
 * unchanged. Stateless and thread-safe: one instance per class loader.
 *
 * <p>A helper class (defined in OkHttp's class loader): uses only public members of the agent's
 * classes, no lambdas and no {@code switch} on enums.
 */
public final class TracingInterceptor implements Interceptor {

  static final TracingInterceptor INSTANCE = new TracingInterceptor();

  private static final Tracer TRACER = Tracing.tracer("dev.weft.okhttp");

  private TracingInterceptor() {}

  /**
   * The client's interceptor list with exactly one tracing interceptor, at the end: a client built
   * from another's {@code newBuilder()} inherits the other's, perhaps followed by interceptors
   * added since. Returns {@code interceptors} itself when it is already so, else a new
   * unmodifiable list. Runs once per client built.
   */
  public static List<Interceptor> withTracingLast(List<Interceptor> interceptors) {
    int size = interceptors.size();
    int ours = 0;
    for (int i = 0; i < size; i++) {
      if (interceptors.get(i) instanceof TracingInterceptor) {
        ours++;
      }
    }
    if (ours == 1 && interceptors.get(size - 1) instanceof TracingInterceptor) {
      return interceptors;
    }
    List<Interceptor> result = new ArrayList<Interceptor>(size - ours + 1);
    for (int i = 0; i < size; i++) {
      Interceptor interceptor = interceptors.get(i);
      if (!(interceptor instanceof TracingInterceptor)) {
        result.add(interceptor);
      }
    }
    result.add(INSTANCE);
    return Collections.unmodifiableList(result);
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (HttpClientSpans.isSuppressed()) {
      return chain.proceed(request);
    }
    boolean outermost = HttpClientSpans.DEPTH.enter() == 0;
    ClientCall call = null;
    Scope scope = null;
    Request toSend = request;
    if (outermost) {
      try {
        call = start(request);
        scope = call.makeCurrent();
        toSend = withContext(request, call);
      } catch (Throwable t) {
        AdviceErrors.report(t);
      }
    }
    Response response;
    try {
      response = chain.proceed(toSend);
    } catch (Throwable error) {
      finish(call, scope, null, error);
      throw error;
    }
    finish(call, scope, response, null);
    return response;
  }

  private static ClientCall start(Request request) {
    HttpUrl url = request.url();
    return HttpClientSpans.start(
        TRACER, request.method(), url.toString(), url.host(), url.port(), -1);
  }

  /** A copy of the request carrying the call's context; propagation headers are replaced. */
  private static Request withContext(Request request, ClientCall call) {
    Request.Builder builder = request.newBuilder();
    call.inject(builder, RequestHeaderSetter.INSTANCE);
    return builder.build();
  }

  /** Ends the call's span (if this interceptor started one) and leaves the call depth. */
  private static void finish(ClientCall call, Scope scope, Response response, Throwable error) {
    try {
      if (scope != null) {
        scope.close();
      }
      if (call != null) {
        if (response != null) {
          call.end(response.code(), protocolVersion(response.protocol()), null);
        } else {
          call.end(0, null, error);
        }
      }
    } catch (Throwable t) {
      AdviceErrors.report(t);
    } finally {
      HttpClientSpans.DEPTH.exit();
    }
  }

  /**
   * {@code network.protocol.version} from OkHttp's protocol, by its name ({@code
   * Protocol.toString()}), which is stable across versions where the enum's constants are not.
   */
  static String protocolVersion(Protocol protocol) {
    if (protocol == null) {
      return null;
    }
    switch (protocol.toString()) {
      case "http/1.1":
        return "1.1";
      case "http/1.0":
        return "1.0";
      case "h2":
      case "h2_prior_knowledge":
        return "2";
      case "h3":
      case "quic":
        // OkHttp's QUIC protocol is HTTP/3 semantics over QUIC (Cronet-based call factories).
        return "3";
      default:
        return null;
    }
  }

  @Override
  public String toString() {
    return "WeftTracingInterceptor";
  }
}
