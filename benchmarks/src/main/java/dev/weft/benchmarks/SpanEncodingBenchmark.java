package dev.weft.benchmarks;

import dev.weft.api.Context;
import dev.weft.api.Span;
import dev.weft.api.SpanContext;
import dev.weft.api.SpanKind;
import dev.weft.api.StatusCode;
import dev.weft.core.WeftTracer;
import dev.weft.core.config.ConfigProperties;
import dev.weft.core.export.honeycomb.HoneycombEventEncoder;
import dev.weft.core.export.otlp.OtlpJsonEncoder;
import dev.weft.core.export.otlp.OtlpProtoEncoder;
import dev.weft.core.export.zipkin.ZipkinJsonEncoder;
import dev.weft.core.resource.Resource;
import dev.weft.core.trace.SpanData;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the exporter thread spends to turn one batch into a request body, in every wire format the
 * agent speaks: a full batch of {@value #BATCH_SIZE} HTTP server spans encoded as OTLP protobuf,
 * OTLP JSON, Zipkin v2 JSON and Honeycomb batch events (the events and the JSON array around
 * them, as the exporter posts them). Every benchmark invocation encodes the whole batch and counts
 * as {@value #BATCH_SIZE} operations, so ns/op and {@code gc.alloc.rate.norm} (with {@code -prof
 * gc}) are per span.
 *
 * <p>The batch is made once, through the real core (a {@link WeftTracer} whose processor
 * collects): about ten semantic-convention attributes per span, half of the spans continuing a
 * remote trace, and one in {@value #ERROR_EVERY} a failed request with an {@code exception}
 * event and its stack trace. The size of every encoding is printed at setup.
 *
 * <p>One instance per benchmark run, used by one thread; the encoders are stateless.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SpanEncodingBenchmark {

  static final int BATCH_SIZE = 512;
  static final int ERROR_EVERY = 32;

  private static final String[] METHODS = {"GET", "GET", "GET", "POST", "PUT", "DELETE"};
  private static final String[] ROUTES = {
    "/api/orders/{id}", "/api/users/{id}/cart", "/api/catalog/items/{sku}", "/health"
  };

  private static final String SPRING = "org.springframework.web.";
  private static final String TOMCAT = "org.apache.catalina.";

  private Resource resource;
  private List<SpanData> spans;
  private OtlpProtoEncoder protoEncoder;
  private OtlpJsonEncoder jsonEncoder;
  private ZipkinJsonEncoder zipkinEncoder;
  private HoneycombEventEncoder honeycombEncoder;

  @Setup
  public void setUp() {
    resource =
        Resource.fromConfig(
            ConfigProperties.of(
                Collections.singletonMap(
                    "otel.resource.attributes",
                    "service.name=checkout,service.version=2.14.1,"
                        + "deployment.environment.name=production")),
            "0.1.0");
    spans = batch();
    protoEncoder = new OtlpProtoEncoder("0.1.0");
    jsonEncoder = new OtlpJsonEncoder("0.1.0");
    zipkinEncoder = new ZipkinJsonEncoder("0.1.0");
    honeycombEncoder = new HoneycombEventEncoder(resource, "0.1.0", 1);
    System.out.println(
        "batch of "
            + spans.size()
            + " spans:"
            + size(" OTLP protobuf", otlpProtobuf())
            + ','
            + size(" OTLP JSON", otlpJson())
            + ','
            + size(" Zipkin JSON", zipkinJson())
            + ','
            + size(" Honeycomb events", honeycombEvents()));
  }

  private String size(String format, byte[] body) {
    return format + ' ' + body.length + " B (" + body.length / spans.size() + " B/span)";
  }

  @Benchmark
  @OperationsPerInvocation(BATCH_SIZE)
  public byte[] otlpProtobuf() {
    return protoEncoder.encode(resource, spans);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH_SIZE)
  public byte[] otlpJson() {
    return jsonEncoder.encode(resource, spans);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH_SIZE)
  public byte[] zipkinJson() {
    return zipkinEncoder.encode(resource, spans);
  }

  /**
   * One event per span and per span event, then the JSON array of the request body. The batch
   * is well under Honeycomb's 5 MB, so the exporter would post it as this one body.
   */
  @Benchmark
  @OperationsPerInvocation(BATCH_SIZE)
  public byte[] honeycombEvents() {
    return HoneycombEventEncoder.jsonArray(honeycombEncoder.encode(spans));
  }

  /** {@value #BATCH_SIZE} ended HTTP server spans, the same on every call (fixed seed). */
  static List<SpanData> batch() {
    WeftFixtures.Collecting collector = new WeftFixtures.Collecting();
    WeftTracer tracer = WeftFixtures.tracer(collector);
    SplittableRandom random = new SplittableRandom(42);
    Exception failure = failure();
    for (int i = 0; i < BATCH_SIZE; i++) {
      Context parent = Context.root();
      if (i % 2 == 0) {
        parent =
            parent.with(
                Span.wrap(
                    SpanContext.createFromRemote(
                        random.nextLong(),
                        random.nextLong() | 1L,
                        random.nextLong() | 1L,
                        SpanContext.FLAG_SAMPLED,
                        "")));
      }
      String method = METHODS[i % METHODS.length];
      String route = ROUTES[i % ROUTES.length];
      String path =
          route
              .replace("{id}", Integer.toString(random.nextInt(1_000_000)))
              .replace("{sku}", "SKU-" + random.nextInt(100_000));
      boolean failed = i % ERROR_EVERY == ERROR_EVERY - 1;

      Span span = tracer.startSpan("dev.weft.servlet", method, SpanKind.SERVER, parent);
      span.setAttribute("http.request.method", method);
      span.setAttribute("url.scheme", "https");
      span.setAttribute("url.path", path);
      span.setAttribute("server.address", "checkout.example.com");
      span.setAttribute("server.port", 8443L);
      String client = "10.20." + random.nextInt(256) + '.' + random.nextInt(256);
      span.setAttribute("client.address", client);
      span.setAttribute(
          "user_agent.original",
          "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0");
      span.setAttribute("network.protocol.version", "1.1");
      span.setAttribute("http.route", route);
      span.updateName(method + ' ' + route);
      if (failed) {
        span.setAttribute("http.response.status_code", 500L);
        span.setAttribute("error.type", failure.getClass().getName());
        span.recordException(failure);
        span.setStatus(StatusCode.ERROR, failure.getMessage());
      } else {
        span.setAttribute("http.response.status_code", i % 10 == 9 ? 404L : 200L);
      }
      span.end();
    }
    return collector.spans();
  }

  /**
   * The exception of a failed request, with a fixed stack of a service handler under Spring MVC
   * on Tomcat (shortened: real ones run to a hundred frames), so that the batch does not depend
   * on which runner built it.
   */
  private static Exception failure() {
    Exception e = new IllegalStateException("order 1234 is already paid");
    e.setStackTrace(
        new StackTraceElement[] {
          frame("com.example.checkout.OrderService", "pay", "OrderService.java", 88),
          frame("com.example.checkout.OrderController", "pay", "OrderController.java", 41),
          frame("jdk.internal.reflect.DirectMethodHandleAccessor", "invoke", null, 103),
          frame("java.lang.reflect.Method", "invoke", "Method.java", 580),
          frame(SPRING + "method.support.InvocableHandlerMethod", "doInvoke", null, 255),
          frame(SPRING + "method.support.InvocableHandlerMethod", "invokeForRequest", null, 188),
          frame(SPRING + "servlet.mvc.method.annotation.ServletInvocableHandlerMethod",
              "invokeAndHandle", null, 118),
          frame(SPRING + "servlet.mvc.method.annotation.RequestMappingHandlerAdapter",
              "invokeHandlerMethod", null, 986),
          frame(SPRING + "servlet.DispatcherServlet", "doDispatch", null, 1089),
          frame(SPRING + "servlet.DispatcherServlet", "doService", null, 979),
          frame(SPRING + "servlet.FrameworkServlet", "processRequest", null, 1014),
          frame(SPRING + "servlet.FrameworkServlet", "doPost", null, 914),
          frame("jakarta.servlet.http.HttpServlet", "service", "HttpServlet.java", 590),
          frame(SPRING + "servlet.FrameworkServlet", "service", null, 885),
          frame("jakarta.servlet.http.HttpServlet", "service", "HttpServlet.java", 658),
          frame(TOMCAT + "core.ApplicationFilterChain", "internalDoFilter", null, 195),
          frame(TOMCAT + "core.ApplicationFilterChain", "doFilter", null, 140),
          frame(SPRING + "filter.OncePerRequestFilter", "doFilter", null, 116),
          frame(TOMCAT + "core.ApplicationFilterChain", "internalDoFilter", null, 164),
          frame(TOMCAT + "core.ApplicationFilterChain", "doFilter", null, 140),
          frame(TOMCAT + "core.StandardWrapperValve", "invoke", null, 167),
          frame(TOMCAT + "core.StandardContextValve", "invoke", null, 90),
          frame(TOMCAT + "authenticator.AuthenticatorBase", "invoke", null, 483),
          frame(TOMCAT + "core.StandardHostValve", "invoke", null, 115),
          frame(TOMCAT + "valves.ErrorReportValve", "invoke", null, 93),
          frame(TOMCAT + "core.StandardEngineValve", "invoke", null, 74),
          frame(TOMCAT + "connector.CoyoteAdapter", "service", null, 344),
          frame("org.apache.coyote.http11.Http11Processor", "service", null, 397),
          frame("org.apache.coyote.AbstractProcessorLight", "process", null, 63),
          frame("org.apache.tomcat.util.net.NioEndpoint$SocketProcessor", "doRun", null, 1769),
          frame("org.apache.tomcat.util.net.SocketProcessorBase", "run", null, 52),
          frame("java.util.concurrent.ThreadPoolExecutor", "runWorker", null, 1144),
          frame("java.lang.Thread", "run", "Thread.java", 1583),
        });
    return e;
  }

  private static StackTraceElement frame(String className, String method, String file, int line) {
    String fileName = file;
    if (fileName == null) {
      int nested = className.indexOf('$');
      String outer = nested < 0 ? className : className.substring(0, nested);
      fileName = outer.substring(outer.lastIndexOf('.') + 1) + ".java";
    }
    return new StackTraceElement(className, method, fileName, line);
  }
}
