package dev.weft.smoke;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.trace.v1.Span;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Inbound trace headers that are malformed, from a misbehaving or hostile caller: the request is
 * served as usual, and its SERVER span starts a clean new trace (root, a fresh valid trace id that
 * is not the one in the bad header). The exception is a valid {@code traceparent} with an
 * oversized {@code tracestate}: the parent is kept, and the trace state is handled as the core's
 * W3C propagator does (an invalid member or a later duplicate key is dropped alone; past 32
 * members the rest is dropped; longer than 512 characters: truncated by whole members, those over
 * 128 characters first, then from the end).
 *
 * <p>What the propagators accept is unit-tested in the core; this shows the same through the real
 * servlet path of a real app (the Jetty 9 app, quickest to start), where a header that breaks the
 * agent would break the request. Each nested class is one app JVM: the default propagators, and
 * {@code b3,honeycomb}. Each request has its own path, by which its span is found.
 */
class MalformedHeaderSmokeTest {

  static final SmokeApp APP = SmokeApp.JETTY9;
  static final Duration SPAN_TIMEOUT = Duration.ofSeconds(30);
  private static final AtomicInteger REQUESTS = new AtomicInteger();

  /** One app JVM with the agent for the nested class, and its collector. */
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  abstract class AppWithAgent {

    @RegisterExtension final AppLogsOnFailure logs = new AppLogsOnFailure();

    TestCollector collector;
    AppProcess app;
    SmokeHttp http;

    abstract String label();

    abstract Map<String, String> agentProperties();

    @BeforeAll
    void startApp() {
      Path agentJar = AgentJar.availableOrNull();
      if (agentJar == null) {
        return; // each test then fails or skips in requireAgent(), saying why
      }
      collector = TestCollector.start();
      AppProcess.Builder builder =
          AppProcess.builder(APP)
              .agent(agentJar)
              .collector(collector)
              .logName("MalformedHeaderSmokeTest-" + label());
      for (Map.Entry<String, String> property : agentProperties().entrySet()) {
        builder.property(property.getKey(), property.getValue());
      }
      app = logs.register(builder.start());
      http = new SmokeHttp(app.port());
    }

    @AfterAll
    void stopApp() {
      if (app != null) {
        app.stop();
      }
      if (collector != null) {
        collector.close();
      }
    }

    @BeforeEach
    void requireAgent() {
      AgentJar.require();
    }

    /**
     * GETs a path of its own with {@code headers}, asserts the normal response, and returns the
     * request's one SERVER span.
     */
    ReceivedSpan serverSpanOf(String... headers) {
      String id = "malformed-" + REQUESTS.incrementAndGet();
      SmokeHttp.Response response = http.get("/users/" + id, headers);
      assertEquals(200, response.status(), "status with headers " + List.of(headers));
      assertEquals("user /" + id, response.body(), "body with headers " + List.of(headers));
      String path = "/users/" + id;
      List<ReceivedSpan> spans =
          collector.awaitSpans(
              span -> span.kind() == Span.SpanKind.SPAN_KIND_SERVER
                  && path.equals(span.attr("url.path")),
              1,
              SPAN_TIMEOUT);
      assertEquals(1, spans.size(), "one SERVER span: " + spans);
      return spans.get(0);
    }

    /** A root span of a new, valid trace whose id is not {@code badTraceId} (any case). */
    void assertNewTrace(ReceivedSpan span, String badTraceId) {
      assertAll(
          "span " + span,
          () -> assertEquals("", span.parentSpanId(), "no parent: a new trace"),
          () -> assertTrue(Ids.isValidNonZero(span.traceId(), 16), "valid trace id"),
          () -> assertNotEquals(
              badTraceId.toLowerCase(Locale.ROOT), span.traceId(), "not the bad header's trace id"),
          () -> assertEquals("", span.span().getTraceState(), "no trace state"));
    }

    void assertContinues(ReceivedSpan span, String traceId, String parentSpanId) {
      assertAll(
          "span " + span,
          () -> assertEquals(traceId, span.traceId(), "trace id of the header"),
          () -> assertEquals(parentSpanId, span.parentSpanId(), "parent of the header"));
    }
  }

  @Nested
  @DisplayName("MalformedHeaderSmokeTest, default propagators (tracecontext,baggage)")
  class TraceContextHeaders extends AppWithAgent {

    @Override
    String label() {
      return "tracecontext";
    }

    @Override
    Map<String, String> agentProperties() {
      return Map.of();
    }

    /** Name, the traceparent value, and the trace id it carries (to compare with), per case. */
    static List<Arguments> malformedTraceparents() {
      String t = Ids.randomTraceId();
      String s = Ids.randomSpanId();
      List<Arguments> cases = new ArrayList<>();
      cases.add(Arguments.of("trace id one digit short",
          "00-" + t.substring(1) + "-" + s + "-01", t));
      cases.add(Arguments.of("span id one digit short",
          "00-" + t + "-" + s.substring(1) + "-01", t));
      cases.add(Arguments.of("version 00 with a fifth field", "00-" + t + "-" + s + "-01-00", t));
      cases.add(Arguments.of("flags missing", "00-" + t + "-" + s, t));
      cases.add(Arguments.of("trace id not hex", "00-" + t.substring(0, 31) + "g-" + s + "-01", t));
      cases.add(Arguments.of("span id not hex", "00-" + t + "-z" + s.substring(1) + "-01", t));
      cases.add(Arguments.of("flags not hex", "00-" + t + "-" + s + "-0x", t));
      cases.add(Arguments.of("all-zero trace id", "00-" + "0".repeat(32) + "-" + s + "-01", t));
      cases.add(Arguments.of("all-zero span id", "00-" + t + "-" + "0".repeat(16) + "-01", t));
      cases.add(Arguments.of("version ff", "ff-" + t + "-" + s + "-01", t));
      cases.add(Arguments.of("uppercase hex",
          "00-" + t.toUpperCase(Locale.ROOT) + "-" + s.toUpperCase(Locale.ROOT) + "-01", t));
      cases.add(Arguments.of("underscores for dashes", "00_" + t + "_" + s + "_01", t));
      cases.add(Arguments.of("empty", "", t));
      cases.add(Arguments.of("4000 characters",
          "00-" + t + "-" + s + "-01" + "-0".repeat(1972), t));
      return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedTraceparents")
    void malformedTraceparent_requestSucceeds_andStartsCleanNewTrace(
        String name, String traceparent, String badTraceId) {
      // A valid tracestate beside it: it belongs to the bad parent and must go with it.
      ReceivedSpan span =
          serverSpanOf("traceparent", traceparent, "tracestate", "congo=t61rcWkgMzE");

      assertNewTrace(span, badTraceId);
    }

    @Test
    void validTraceparent_isContinued_withItsTracestate() {
      String traceId = Ids.randomTraceId();
      String parent = Ids.randomSpanId();

      ReceivedSpan span = serverSpanOf("traceparent", Ids.traceparent(traceId, parent),
          "tracestate", "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7");

      assertContinues(span, traceId, parent);
      assertEquals("congo=t61rcWkgMzE,rojo=00f067aa0ba902b7", span.span().getTraceState(),
          "a valid tracestate is kept as sent");
    }

    @Test
    void tracestateOf40Members_keepsTheFirst32_parentKept() {
      String traceId = Ids.randomTraceId();
      String parent = Ids.randomSpanId();
      List<String> members = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        members.add("k" + i + "=v" + i);
      }

      ReceivedSpan span = serverSpanOf(
          "traceparent", Ids.traceparent(traceId, parent), "tracestate", String.join(",", members));

      assertContinues(span, traceId, parent);
      assertEquals(String.join(",", members.subList(0, 32)), span.span().getTraceState(),
          "the first 32 members are kept, the ones after them dropped");
    }

    @Test
    void tracestateOver512Chars_isTruncatedFromTheEnd_byWholeMembers() {
      String traceId = Ids.randomTraceId();
      String parent = Ids.randomSpanId();
      List<String> members = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        members.add(member(i, 100));
      }

      ReceivedSpan span = serverSpanOf("traceparent", Ids.traceparent(traceId, parent),
          "tracestate", String.join(",", members)); // 807 characters

      assertContinues(span, traceId, parent);
      assertEquals(String.join(",", members.subList(0, 5)), span.span().getTraceState(),
          "the first five members (504 characters) fit in 512");
    }

    @Test
    void tracestateOver512Chars_dropsMembersOver128CharsFirst() {
      String traceId = Ids.randomTraceId();
      String parent = Ids.randomSpanId();
      List<String> members = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        members.add(member(i, i == 1 ? 150 : 100));
      }

      ReceivedSpan span = serverSpanOf("traceparent", Ids.traceparent(traceId, parent),
          "tracestate", String.join(",", members)); // 655 characters

      assertContinues(span, traceId, parent);
      List<String> kept = new ArrayList<>(members);
      kept.remove(1);
      assertEquals(String.join(",", kept), span.span().getTraceState(),
          "without the 150-character member the other five (504 characters) fit");
    }

    @Test
    void malformedTracestateMembers_areDroppedAlone_parentKept() {
      String traceId = Ids.randomTraceId();
      String parent = Ids.randomSpanId();

      ReceivedSpan span = serverSpanOf("traceparent", Ids.traceparent(traceId, parent),
          "tracestate", "Upper=1,no-equals-sign,dup=1,ok=2,dup=3");

      assertContinues(span, traceId, parent);
      assertEquals("dup=1,ok=2", span.span().getTraceState(),
          "invalid members and the later duplicate are dropped, the valid members kept");
    }

    /** A tracestate member {@code m<i>=aaa...} of exactly {@code length} characters. */
    private static String member(int i, int length) {
      String key = "m" + i + "=";
      return key + "a".repeat(length - key.length());
    }
  }

  @Nested
  @DisplayName("MalformedHeaderSmokeTest, propagators b3,honeycomb")
  class B3AndHoneycombHeaders extends AppWithAgent {

    @Override
    String label() {
      return "b3-honeycomb";
    }

    @Override
    Map<String, String> agentProperties() {
      return Map.of("otel.propagators", "b3,honeycomb");
    }

    /** Name, headers as name, value, ..., and the trace id they carry, per case. */
    static List<Arguments> malformedHeaders() {
      String t = Ids.randomTraceId();
      String s = Ids.randomSpanId();
      List<Arguments> cases = new ArrayList<>();
      cases.add(b3("b3 trace id of 31 digits", t.substring(1) + "-" + s + "-1", t));
      cases.add(b3("b3 span id not hex", t + "-" + s.substring(1) + "x-1", t));
      cases.add(b3("b3 all-zero trace id", "0".repeat(32) + "-" + s + "-1", t));
      cases.add(b3("b3 all-zero span id", t + "-" + "0".repeat(16) + "-1", t));
      cases.add(b3("b3 unknown sampling state", t + "-" + s + "-yes", t));
      cases.add(b3("b3 uppercase hex", t.toUpperCase(Locale.ROOT) + "-" + s + "-1", t));
      cases.add(b3("b3 sampling decision only", "1", t));
      cases.add(Arguments.of("X-B3 trace id of 33 digits",
          List.of("X-B3-TraceId", t + "a", "X-B3-SpanId", s, "X-B3-Sampled", "1"), t));
      cases.add(Arguments.of("X-B3 all-zero span id",
          List.of("X-B3-TraceId", t, "X-B3-SpanId", "0".repeat(16), "X-B3-Sampled", "1"), t));
      cases.add(Arguments.of("X-B3 span id missing",
          List.of("X-B3-TraceId", t, "X-B3-Sampled", "1"), t));
      cases.add(honeycomb("honeycomb version 2", "2;trace_id=" + t + ",parent_id=" + s, t));
      cases.add(honeycomb("honeycomb parent_id missing", "1;trace_id=" + t, t));
      cases.add(honeycomb("honeycomb all-zero trace id",
          "1;trace_id=" + "0".repeat(32) + ",parent_id=" + s, t));
      cases.add(honeycomb("honeycomb parent id of 15 digits",
          "1;trace_id=" + t + ",parent_id=" + s.substring(1), t));
      cases.add(honeycomb("honeycomb clause without '='",
          "1;trace_id=" + t + ",parent_id=" + s + ",garbage", t));
      cases.add(honeycomb("honeycomb trace id not hex",
          "1;trace_id=" + t.substring(1) + "q,parent_id=" + s, t));
      return cases;
    }

    private static Arguments b3(String name, String value, String traceId) {
      return Arguments.of(name, List.of("b3", value), traceId);
    }

    private static Arguments honeycomb(String name, String value, String traceId) {
      return Arguments.of(name, List.of("X-Honeycomb-Trace", value), traceId);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedHeaders")
    void malformedHeader_requestSucceeds_andStartsCleanNewTrace(
        String name, List<String> headers, String badTraceId) {
      ReceivedSpan span = serverSpanOf(headers.toArray(new String[0]));

      assertNewTrace(span, badTraceId);
    }

    @Test
    void validB3Headers_areContinued() {
      String traceId = Ids.randomTraceId();
      String parent = Ids.randomSpanId();
      String otherTrace = Ids.randomTraceId();
      String otherParent = Ids.randomSpanId();

      ReceivedSpan single = serverSpanOf("b3", traceId + "-" + parent + "-1");
      ReceivedSpan multi = serverSpanOf(
          "X-B3-TraceId", otherTrace, "X-B3-SpanId", otherParent, "X-B3-Sampled", "1");

      assertContinues(single, traceId, parent);
      assertContinues(multi, otherTrace, otherParent);
    }

    @Test
    void validHoneycombHeader_isContinued() {
      String traceId = Ids.randomTraceId();
      String parent = Ids.randomSpanId();

      ReceivedSpan span =
          serverSpanOf("X-Honeycomb-Trace", "1;trace_id=" + traceId + ",parent_id=" + parent);

      assertContinues(span, traceId, parent);
    }
  }
}
