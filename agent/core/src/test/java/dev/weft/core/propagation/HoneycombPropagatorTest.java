package dev.weft.core.propagation;

import static dev.weft.core.propagation.Carriers.EXACT_GETTER;
import static dev.weft.core.propagation.Carriers.HTTP_GETTER;
import static dev.weft.core.propagation.Carriers.SETTER;
import static dev.weft.core.propagation.Carriers.headers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.api.Context;
import dev.weft.api.Span;
import dev.weft.api.SpanContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HoneycombPropagatorTest {

  private static final HoneycombPropagator PROPAGATOR = HoneycombPropagator.INSTANCE;

  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SPAN_ID = "00f067aa0ba902b7";
  private static final String CONTEXT =
      Base64.getEncoder()
          .encodeToString("{\"userID\":\"abc\",\"n\":1}".getBytes(StandardCharsets.UTF_8));

  private static final Context BASE =
      Context.root().with(Span.wrap(SpanContext.create(7L, 8L, 9L, (byte) 0, "")));

  private static SpanContext extract(String header) {
    return PROPAGATOR
        .extract(Context.root(), headers("x-honeycomb-trace", header), EXACT_GETTER)
        .span()
        .spanContext();
  }

  static Stream<Arguments> beelineHeaders() {
    return Stream.of(
        // beeline-java without trace fields, W3C-compatible ids
        Arguments.of("1;trace_id=" + TRACE_ID + ",parent_id=" + SPAN_ID, TRACE_ID),
        // beeline-python: trace_id, parent_id, context
        Arguments.of(
            "1;trace_id=" + TRACE_ID + ",parent_id=" + SPAN_ID + ",context=" + CONTEXT, TRACE_ID),
        // beeline-python with dataset propagation: dataset first
        Arguments.of(
            "1;dataset=my%20dataset,trace_id=" + TRACE_ID + ",parent_id=" + SPAN_ID
                + ",context=" + CONTEXT,
            TRACE_ID),
        // beeline-go: dataset between parent_id and context
        Arguments.of(
            "1;trace_id=" + TRACE_ID + ",parent_id=" + SPAN_ID + ",dataset=ds,context=" + CONTEXT,
            TRACE_ID),
        // beeline-go with an empty context blob
        Arguments.of("1;trace_id=" + TRACE_ID + ",parent_id=" + SPAN_ID + ",context=", TRACE_ID),
        // ids in another order, unknown keys of later beelines
        Arguments.of(
            "1;parent_id=" + SPAN_ID + ",future_key=x,trace_id=" + TRACE_ID, TRACE_ID),
        // 64-bit trace id: left-padded
        Arguments.of(
            "1;trace_id=a3ce929d0e0e4736,parent_id=" + SPAN_ID,
            "0000000000000000a3ce929d0e0e4736"),
        // UUID trace id of older beelines: dashes removed
        Arguments.of(
            "1;trace_id=b64c89a9-7671-4732-bef1-9ef75ab831f6,parent_id=" + SPAN_ID,
            "b64c89a976714732bef19ef75ab831f6"),
        // uppercase hex
        Arguments.of(
            "1;trace_id=" + TRACE_ID.toUpperCase() + ",parent_id=" + SPAN_ID.toUpperCase(),
            TRACE_ID),
        // whitespace around the header value
        Arguments.of(" 1;trace_id=" + TRACE_ID + ",parent_id=" + SPAN_ID + " ", TRACE_ID),
        // trailing comma
        Arguments.of("1;trace_id=" + TRACE_ID + ",parent_id=" + SPAN_ID + ",", TRACE_ID));
  }

  @ParameterizedTest
  @MethodSource("beelineHeaders")
  void extract_beelineHeader_givesSampledRemoteParent(String header, String expectedTraceId) {
    SpanContext context = extract(header);

    assertTrue(context.isValid(), header);
    assertTrue(context.isRemote());
    assertTrue(context.isSampled(), "the header has no sampled flag: propagated means kept");
    assertEquals(expectedTraceId, context.traceIdHex());
    assertEquals(SPAN_ID, context.spanIdHex());
    assertEquals("", context.traceState());
  }

  static Stream<Arguments> malformedHeaders() {
    String ids = "trace_id=" + TRACE_ID + ",parent_id=" + SPAN_ID;
    return Stream.of(
        Arguments.of("empty", ""),
        Arguments.of("version only", "1"),
        Arguments.of("version 2", "2;" + ids),
        Arguments.of("version 0", "0;" + ids),
        Arguments.of("version 10", "10;" + ids),
        Arguments.of("no version", ids),
        Arguments.of("missing trace id", "1;parent_id=" + SPAN_ID),
        Arguments.of("missing parent id", "1;trace_id=" + TRACE_ID),
        Arguments.of("clause without =", "1;" + ids + ",garbage"),
        Arguments.of("opaque trace id", "1;trace_id=weofijwoeifj,parent_id=" + SPAN_ID),
        Arguments.of("trace id of 31", "1;trace_id=" + TRACE_ID.substring(1) + ",parent_id=" + SPAN_ID),
        Arguments.of("trace id of 33", "1;trace_id=" + TRACE_ID + "a,parent_id=" + SPAN_ID),
        Arguments.of("non-hex trace id", "1;trace_id=" + TRACE_ID.replace('4', 'g') + ",parent_id=" + SPAN_ID),
        Arguments.of("UUID with misplaced dashes", "1;trace_id=b64c89a97-671-4732-bef1-9ef75ab831f6,parent_id=" + SPAN_ID),
        Arguments.of("UUID with non-hex", "1;trace_id=b64c89a9-7671-4732-bef1-9ef75ab831fz,parent_id=" + SPAN_ID),
        Arguments.of("all-zero trace id", "1;trace_id=00000000000000000000000000000000,parent_id=" + SPAN_ID),
        Arguments.of("all-zero UUID", "1;trace_id=00000000-0000-0000-0000-000000000000,parent_id=" + SPAN_ID),
        Arguments.of("UUID span id", "1;trace_id=" + TRACE_ID + ",parent_id=9e4fe697-3ea9-48c9-b673-72d7ddf118a6"),
        Arguments.of("span id of 15", "1;trace_id=" + TRACE_ID + ",parent_id=" + SPAN_ID.substring(1)),
        Arguments.of("non-hex span id", "1;trace_id=" + TRACE_ID + ",parent_id=owefjoweifjoweif"),
        Arguments.of("all-zero span id", "1;trace_id=" + TRACE_ID + ",parent_id=0000000000000000"),
        Arguments.of("space inside", "1; trace_id=" + TRACE_ID + ",parent_id=" + SPAN_ID));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedHeaders")
  void extract_malformedHeader_leavesContextUnchanged(String description, String header) {
    Context result = PROPAGATOR.extract(BASE, headers("x-honeycomb-trace", header), EXACT_GETTER);

    assertSame(BASE, result, description);
  }

  @Test
  void extract_headerNameInAnyCase_isFoundByCaseInsensitiveGetter() {
    Map<String, String> carrier =
        headers("X-Honeycomb-Trace", "1;trace_id=" + TRACE_ID + ",parent_id=" + SPAN_ID);

    Context result = PROPAGATOR.extract(Context.root(), carrier, HTTP_GETTER);

    assertEquals(TRACE_ID, result.span().spanContext().traceIdHex());
  }

  @Test
  void extract_headerOnTwoLines_isAmbiguousAndLeavesContextUnchanged() {
    String first = "1;trace_id=" + repeat16('a') + repeat16('b') + ",parent_id=" + repeat16('c');
    String second = "1;trace_id=" + repeat16('d') + repeat16('e') + ",parent_id=" + repeat16('f');
    Carriers.Lines lines = Carriers.lines("X-Honeycomb-Trace", first, "x-honeycomb-trace", second);

    assertSame(BASE, PROPAGATOR.extract(BASE, lines, Carriers.LINES_GETTER));
  }

  @Test
  void extract_headerOnOneLine_withGetterOfLines_isUsed() {
    String header = "1;trace_id=" + repeat16('a') + repeat16('b') + ",parent_id=" + repeat16('c');
    Carriers.Lines lines = Carriers.lines("X-Honeycomb-Trace", header);

    SpanContext context =
        PROPAGATOR.extract(Context.root(), lines, Carriers.LINES_GETTER).span().spanContext();

    assertEquals(repeat16('c'), context.spanIdHex());
  }

  private static String repeat16(char c) {
    return W3CTraceContextPropagatorTest.repeat(c, 16);
  }

  @Test
  void extract_absentHeaderOrThrowingGetter_leavesContextUnchanged() {
    assertSame(BASE, PROPAGATOR.extract(BASE, headers(), EXACT_GETTER));
    assertSame(BASE, PROPAGATOR.extract(BASE, headers(), Carriers.THROWING_GETTER));
  }

  @Test
  void inject_writesVersion1TraceIdAndParentId() {
    Map<String, String> carrier = new HashMap<String, String>();
    SpanContext context =
        SpanContext.create(0x4bf92f3577b34da6L, 0xa3ce929d0e0e4736L, 0x00f067aa0ba902b7L, (byte) 1, "");

    PROPAGATOR.inject(Context.root().with(Span.wrap(context)), carrier, SETTER);

    assertEquals(
        Collections.singletonMap(
            "x-honeycomb-trace", "1;trace_id=" + TRACE_ID + ",parent_id=" + SPAN_ID),
        carrier);
  }

  @Test
  void inject_unsampledContext_stillWritesTheHeader() {
    Map<String, String> carrier = new HashMap<String, String>();

    PROPAGATOR.inject(
        Context.root().with(Span.wrap(SpanContext.create(0L, 1L, 2L, (byte) 0, ""))), carrier, SETTER);

    assertEquals(
        "1;trace_id=00000000000000000000000000000001,parent_id=0000000000000002",
        carrier.get("x-honeycomb-trace"));
  }

  @Test
  void inject_invalidContextOrThrowingSetter_writesNothingAndNeverThrows() {
    Map<String, String> carrier = new HashMap<String, String>();

    PROPAGATOR.inject(Context.root(), carrier, SETTER);
    PROPAGATOR.inject(
        Context.root().with(Span.wrap(SpanContext.create(0L, 1L, 2L, (byte) 0, ""))),
        carrier,
        Carriers.THROWING_SETTER);

    assertTrue(carrier.isEmpty());
  }

  @Test
  void injectThenExtract_roundTripsTheIds() {
    SpanContext original = SpanContext.create(-1L, 5L, -9L, (byte) 1, "");
    Map<String, String> carrier = new HashMap<String, String>();

    PROPAGATOR.inject(Context.root().with(Span.wrap(original)), carrier, SETTER);
    SpanContext extracted =
        PROPAGATOR.extract(Context.root(), carrier, EXACT_GETTER).span().spanContext();

    assertEquals(SpanContext.createFromRemote(-1L, 5L, -9L, (byte) 1, ""), extracted);
  }

  @Test
  void fields_isTheHoneycombHeader() {
    assertEquals(Collections.singletonList("x-honeycomb-trace"), PROPAGATOR.fields());
  }
}
