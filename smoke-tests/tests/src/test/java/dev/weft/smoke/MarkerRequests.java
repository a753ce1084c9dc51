package dev.weft.smoke;

import io.opentelemetry.proto.trace.v1.Span;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Marker requests: how a smoke test proves that nothing of the requests it sent is still on its
 * way. An agent exports spans in the order they end, so once the SERVER span of a request sent
 * after the test's own has arrived, everything those requests produced has arrived before it.
 * Each marker runs in a trace of its own (a fresh {@code traceparent}) on a path of its own, so
 * its spans are told apart from the test's. Thread-safe.
 */
final class MarkerRequests {

  /** What every marker path contains, so that tests can leave marker spans out by path alone. */
  static final String PATH_PART = "smoke-marker-";

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private MarkerRequests() {}

  /**
   * Sends {@code GET pathPrefix + "smoke-marker-N"} in a new trace, waits until its SERVER span
   * arrived, and returns how to recognise the marker's spans (its trace, or its path).
   *
   * @param pathPrefix where the app serves anything, e.g. {@code "/"} or {@code "/users/"}
   */
  static Predicate<ReceivedSpan> await(
      SmokeHttp http, TestCollector collector, String pathPrefix, Duration timeout) {
    String traceId = Ids.randomTraceId();
    String path = pathPrefix + PATH_PART + SEQUENCE.incrementAndGet();
    http.get(path, "traceparent", Ids.traceparent(traceId, Ids.randomSpanId()));
    Predicate<ReceivedSpan> isMarker =
        span -> span.traceId().equals(traceId) || path.equals(span.attr("url.path"));
    collector.awaitSpans(
        span -> isMarker.test(span) && span.kind() == Span.SpanKind.SPAN_KIND_SERVER,
        1,
        timeout);
    return isMarker;
  }

  /** Whether {@code span} is a marker's SERVER span, whichever marker it is. */
  static boolean isMarkerPath(ReceivedSpan span) {
    Object path = span.attr("url.path");
    return path instanceof String && ((String) path).contains(PATH_PART);
  }
}
