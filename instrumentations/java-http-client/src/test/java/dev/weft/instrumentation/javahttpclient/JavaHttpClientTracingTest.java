package dev.weft.instrumentation.javahttpclient;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.weft.api.Context;
import dev.weft.api.Span;
import dev.weft.api.SpanContext;
import dev.weft.api.SpanKind;
import dev.weft.api.Tracing;
import dev.weft.api.TracingBackend;
import dev.weft.api.propagation.TextMapGetter;
import dev.weft.api.propagation.TextMapPropagator;
import dev.weft.api.propagation.TextMapSetter;
import dev.weft.instrumentation.http.ClientCall;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The helper's decisions, with a stand-in tracing backend whose propagator writes traceparent. */
class JavaHttpClientTracingTest {

  private static final String TRACEPARENT = "00-00000000000000010000000000000002-0000000000000003-01";

  @BeforeAll
  static void installBackend() {
    Tracing.install(new FixedBackend());
  }

  @Test
  void withContext_sendsACopyCarryingTheContext_andLeavesTheApplicationsRequestAlone() {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost/x")).build();
    ClientCall call = JavaHttpClientTracing.start(request);
    try {
      HttpRequest sent = JavaHttpClientTracing.withContext(request, call);

      assertAll(
          () -> assertNotSame(request, sent),
          () -> assertEquals(List.of(TRACEPARENT), sent.headers().allValues("traceparent")),
          () -> assertFalse(request.headers().firstValue("traceparent").isPresent()));
    } finally {
      JavaHttpClientTracing.endSend(call, null, null);
    }
  }

  @Test
  void withContext_whenTheJdkRefusesToCopyTheRequest_sendsTheOriginal() {
    // An application's own HttpRequest may carry what the JDK's builder refuses (a restricted
    // header here): the call goes out as the application made it, untraced downstream.
    HttpRequest request =
        new CustomRequest(HttpHeaders.of(Map.of("Connection", List.of("close")), (n, v) -> true));
    ClientCall call = JavaHttpClientTracing.start(request);
    try {
      assertSame(request, JavaHttpClientTracing.withContext(request, call));
    } finally {
      JavaHttpClientTracing.endSend(call, null, null);
    }
  }

  @Test
  void start_insideAnotherClientCall_tracesOnlyTheOuterOne() {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost/x")).build();
    ClientCall outer = JavaHttpClientTracing.start(request);
    ClientCall inner = JavaHttpClientTracing.start(request);
    JavaHttpClientTracing.endSend(inner, null, null);
    JavaHttpClientTracing.endSend(outer, null, null);
    ClientCall next = JavaHttpClientTracing.start(request);
    JavaHttpClientTracing.endSend(next, null, null);

    assertAll(
        () -> assertNotNull(outer),
        () -> assertNull(inner),
        () -> assertNotNull(next, "the depth went back to zero"),
        () -> assertSame(request, JavaHttpClientTracing.withContext(request, inner)));
  }

  @Test
  void protocolVersion_isTheNegotiatedVersionAsTheConventionsWriteIt() {
    assertAll(
        () -> assertEquals("1.1", JavaHttpClientTracing.protocolVersion(HttpClient.Version.HTTP_1_1)),
        () -> assertEquals("2", JavaHttpClientTracing.protocolVersion(HttpClient.Version.HTTP_2)),
        () -> assertNull(JavaHttpClientTracing.protocolVersion(null)));
  }

  /** Spans that record nothing; a propagator that writes one fixed traceparent. */
  private static final class FixedBackend implements TracingBackend, TextMapPropagator {
    @Override
    public Span startSpan(String scopeName, String name, SpanKind kind, Context parent) {
      return Span.wrap(SpanContext.create(1L, 2L, 3L, SpanContext.FLAG_SAMPLED, ""));
    }

    @Override
    public Span startUnsampled(Context parent) {
      return Span.wrap(SpanContext.create(1L, 2L, 3L, (byte) 0, ""));
    }

    @Override
    public TextMapPropagator propagator() {
      return this;
    }

    @Override
    public String configValue(String name) {
      return null;
    }

    @Override
    public Collection<String> fields() {
      return List.of("traceparent");
    }

    @Override
    public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
      setter.set(carrier, "traceparent", TRACEPARENT);
    }

    @Override
    public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
      return context;
    }
  }

  /** An application's own request type. */
  private static final class CustomRequest extends HttpRequest {
    private final HttpHeaders headers;

    CustomRequest(HttpHeaders headers) {
      this.headers = headers;
    }

    @Override
    public Optional<BodyPublisher> bodyPublisher() {
      return Optional.empty();
    }

    @Override
    public String method() {
      return "GET";
    }

    @Override
    public Optional<Duration> timeout() {
      return Optional.empty();
    }

    @Override
    public boolean expectContinue() {
      return false;
    }

    @Override
    public URI uri() {
      return URI.create("http://localhost/custom");
    }

    @Override
    public Optional<HttpClient.Version> version() {
      return Optional.empty();
    }

    @Override
    public HttpHeaders headers() {
      return headers;
    }
  }
}
