package dev.weft.core.export.otlp;

import dev.weft.api.Span;
import dev.weft.api.SpanContext;
import dev.weft.api.SpanKind;
import dev.weft.api.StatusCode;
import dev.weft.core.resource.Resource;
import dev.weft.core.trace.SpanData;
import dev.weft.core.trace.SpanLimits;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Batches recorded through the real core, shared by the encoder tests. */
public final class SampleBatches {

  static final String AGENT_VERSION = "0.1.0";

  /** The remote parent of {@link #everything()}'s server span, as a traceparent would give it. */
  static final SpanContext REMOTE_PARENT =
      SpanContext.createFromRemote(
          0x0af7651916cd43ddL,
          0x8448eb211c80319cL,
          0xb7ad6b7169203331L,
          SpanContext.FLAG_SAMPLED,
          "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7");

  /** Text with 2-, 3- and 4-byte UTF-8 characters (U+1F600 and U+20BB7 are surrogate pairs). */
  static final String UNICODE = "héllo wörld → 日本語 😀 𠮷";

  /** Text with an unpaired high surrogate in the middle and a low one at the end. */
  static final String UNPAIRED_SURROGATES = "bad \uD800 text \uDC00";

  private SampleBatches() {}

  public static Resource resource() {
    Map<String, String> extra = new LinkedHashMap<>();
    extra.put("deployment.environment.name", "test");
    extra.put("service.namespace", "shop");
    return Resource.of("checkout", extra);
  }

  /**
   * One small trace with every feature the encoders must carry: every attribute type with edge
   * values, events and a recorded exception, all kinds, all statuses, remote and local parents,
   * trace state, several scopes, unicode and unpaired surrogates, dropped attributes and events.
   */
  static List<SpanData> everything() {
    // Low limits, so that drops are counted.
    RecordingTracer tracer = new RecordingTracer(new SpanLimits(16, SpanLimits.UNLIMITED, 3, 2));

    Span server =
        tracer.startChild("servlet", "GET /users/{id}", SpanKind.SERVER, Span.wrap(REMOTE_PARENT));
    server.setAttribute("http.request.method", "GET");
    server.setAttribute("empty.string", "");
    server.setAttribute("http.response.status_code", 200L);
    server.setAttribute("long.max", Long.MAX_VALUE);
    server.setAttribute("long.min", Long.MIN_VALUE);
    server.setAttribute("long.zero", 0L);
    server.setAttribute("ratio", 1.5);
    server.setAttribute("double.nan", Double.NaN);
    server.setAttribute("double.negative.infinity", Double.NEGATIVE_INFINITY);
    server.setAttribute("double.max", Double.MAX_VALUE);
    server.setAttribute("flag.true", true);
    server.setAttribute("flag.false", false);
    server.setAttribute("strings", new String[] {"a", null, "", UNICODE});
    server.setAttribute(
        "longs", new long[] {0L, 1L, -1L, 127L, 128L, 300L, Long.MAX_VALUE, Long.MIN_VALUE});
    server.setAttribute(
        "doubles", new double[] {0.0, -2.25, 1e300, Double.POSITIVE_INFINITY, Double.NaN});
    server.setAttribute("booleans", new boolean[] {true, false, true});
    server.setAttribute("dropped.1", "over the limit of 16");
    server.setAttribute("dropped.2", 2L);
    server.addEvent("request.received");

    Span db = tracer.startChild("jdbc", "SELECT users", SpanKind.CLIENT, server);
    db.setAttribute("db.system.name", "postgresql");
    db.setAttribute("empty.strings", new String[0]);
    db.setAttribute("empty.longs", new long[0]);
    db.setStatus(StatusCode.OK);
    db.end();

    Span client = tracer.startChild("http-client", "POST", SpanKind.CLIENT, server);
    client.recordException(new IllegalStateException("connection refused: " + UNICODE));
    client.setStatus(StatusCode.ERROR, "refused " + UNICODE);
    client.end();

    Span producer = tracer.startChild("jms", "orders publish", SpanKind.PRODUCER, server);
    for (int i = 0; i < 5; i++) {
      producer.addEvent("retry " + i); // 3 kept, 2 dropped
    }
    producer.end();

    Span consumer = tracer.startRoot("jms", "orders process", SpanKind.CONSUMER);
    consumer.setStatus(StatusCode.ERROR); // no description
    consumer.end();

    Span internal = tracer.startChild("servlet", UNICODE, SpanKind.INTERNAL, server);
    internal.setAttribute(UNICODE, UNICODE);
    internal.setAttribute("surrogates", UNPAIRED_SURROGATES);
    internal.setAttribute("surrogates.array", new String[] {UNPAIRED_SURROGATES, "\uDBFF"});
    internal.recordException(new RuntimeException(UNPAIRED_SURROGATES));
    internal.end();

    server.recordException(new IllegalArgumentException()); // no message
    server.end();
    return tracer.ended();
  }

  /** {@code count} spans of a typical shape, in three scopes. */
  public static List<SpanData> large(int count) {
    RecordingTracer tracer = new RecordingTracer();
    String[] scopes = {"servlet", "jdbc", "http-client"};
    Span parent = null;
    for (int i = 0; i < count; i++) {
      Span span =
          parent == null || i % 8 == 0
              ? tracer.startRoot(scopes[i % 3], "GET /items/" + i, SpanKind.SERVER)
              : tracer.startChild(scopes[i % 3], "SELECT items " + i, SpanKind.CLIENT, parent);
      span.setAttribute("http.request.method", "GET");
      span.setAttribute("url.path", "/items/" + i);
      span.setAttribute("http.response.status_code", 200L + i % 5);
      span.setAttribute("server.address", "shop.example.com");
      span.setAttribute("server.port", 8080L);
      span.setAttribute("db.statement", "SELECT * FROM items WHERE id = ?");
      if (i % 10 == 0) {
        span.addEvent("cache.miss");
      }
      if (i % 50 == 0) {
        span.setStatus(StatusCode.ERROR, "timeout");
      }
      span.end();
      if (i % 8 == 0) {
        parent = span;
      }
    }
    return tracer.ended();
  }
}
