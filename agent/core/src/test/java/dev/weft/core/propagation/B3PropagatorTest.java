package dev.weft.core.propagation;

import static dev.weft.core.propagation.Carriers.EXACT_GETTER;
import static dev.weft.core.propagation.Carriers.HTTP_GETTER;
import static dev.weft.core.propagation.Carriers.SETTER;
import static dev.weft.core.propagation.Carriers.headers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.api.Context;
import dev.weft.api.Span;
import dev.weft.api.SpanContext;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class B3PropagatorTest {

  private static final String TRACE_ID = "80f198ee56343ba864fe8b2a57d3eff7";
  private static final String TRACE_ID_64 = "a3ce929d0e0e4736";
  private static final String SPAN_ID = "e457b5a2e4d86bd1";
  private static final String PARENT_ID = "05e3ac9a4f6e3b90";

  private static final Context BASE =
      Context.root().with(Span.wrap(SpanContext.create(7L, 8L, 9L, SpanContext.FLAG_SAMPLED, "")));

  private static SpanContext extract(Map<String, String> carrier) {
    return B3Propagator.singleHeader()
        .extract(Context.root(), carrier, EXACT_GETTER)
        .span()
        .spanContext();
  }

  private static Context contextOf(long high, long low, long spanId, boolean sampled) {
    return Context.root()
        .with(
            Span.wrap(
                SpanContext.create(high, low, spanId, sampled ? SpanContext.FLAG_SAMPLED : 0, "")));
  }

  // ---- single header ----

  @ParameterizedTest
  @CsvSource({
    "1, true", "d, true", "0, false",
  })
  void extractSingle_samplingStates(String sampling, boolean sampled) {
    SpanContext context =
        extract(headers("b3", TRACE_ID + "-" + SPAN_ID + "-" + sampling + "-" + PARENT_ID));

    assertTrue(context.isValid());
    assertTrue(context.isRemote());
    assertEquals(TRACE_ID, context.traceIdHex());
    assertEquals(SPAN_ID, context.spanIdHex());
    assertEquals(sampled, context.isSampled());
  }

  @Test
  void extractSingle_withoutParent() {
    SpanContext context = extract(headers("b3", TRACE_ID + "-" + SPAN_ID + "-1"));

    assertEquals(TRACE_ID, context.traceIdHex());
    assertTrue(context.isSampled());
  }

  @Test
  void extractSingle_withoutSamplingState_isNotSampled() {
    SpanContext context = extract(headers("b3", TRACE_ID + "-" + SPAN_ID));

    assertTrue(context.isValid());
    assertFalse(context.isSampled());
  }

  @Test
  void extractSingle_64BitTraceId_isLeftPadded() {
    SpanContext context = extract(headers("b3", TRACE_ID_64 + "-" + SPAN_ID + "-1"));

    assertEquals("0000000000000000" + TRACE_ID_64, context.traceIdHex());
    assertEquals(0L, context.traceIdHigh());
    assertEquals(0xa3ce929d0e0e4736L, context.traceIdLow());
  }

  static Stream<Arguments> malformedSingle() {
    String t = TRACE_ID;
    String s = SPAN_ID;
    return Stream.of(
        Arguments.of("empty", ""),
        Arguments.of("decision only, accept", "1"),
        Arguments.of("decision only, deny", "0"),
        Arguments.of("trace id only", t),
        Arguments.of("trace id and dash", t + "-"),
        Arguments.of("trace id of 31", t.substring(1) + "-" + s),
        Arguments.of("trace id of 17", "1" + TRACE_ID_64 + "-" + s),
        Arguments.of("trace id of 15", TRACE_ID_64.substring(1) + "-" + s),
        Arguments.of("uppercase trace id", t.toUpperCase() + "-" + s),
        Arguments.of("non-hex trace id", "x" + t.substring(1) + "-" + s),
        Arguments.of("all-zero trace id", "00000000000000000000000000000000-" + s + "-1"),
        Arguments.of("all-zero 64-bit trace id", "0000000000000000-" + s + "-1"),
        Arguments.of("span id of 15", t + "-" + s.substring(1)),
        Arguments.of("span id of 17", t + "-" + s + "a"),
        Arguments.of("uppercase span id", t + "-" + s.toUpperCase()),
        Arguments.of("all-zero span id", t + "-0000000000000000-1"),
        Arguments.of("trailing dash", t + "-" + s + "-"),
        Arguments.of("bad sampling", t + "-" + s + "-x"),
        Arguments.of("sampling true", t + "-" + s + "-true"),
        Arguments.of("sampling of two characters", t + "-" + s + "-10"),
        Arguments.of("parent of 15", t + "-" + s + "-1-" + PARENT_ID.substring(1)),
        Arguments.of("uppercase parent", t + "-" + s + "-1-" + PARENT_ID.toUpperCase()),
        Arguments.of("trailing dash after parent", t + "-" + s + "-1-" + PARENT_ID + "-"),
        Arguments.of("extra field", t + "-" + s + "-1-" + PARENT_ID + "-x"),
        Arguments.of("wrong separator", t + "_" + s + "-1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedSingle")
  void extractSingle_malformed_isIgnored(String description, String value) {
    Context result = B3Propagator.singleHeader().extract(BASE, headers("b3", value), EXACT_GETTER);

    assertSame(BASE, result, description);
  }

  @Test
  void extractSingle_whitespaceAroundValue_isIgnored() {
    assertEquals(TRACE_ID, extract(headers("b3", " " + TRACE_ID + "-" + SPAN_ID + "-1\t")).traceIdHex());
  }

  // ---- multiple headers ----

  @ParameterizedTest
  @CsvSource(
      nullValues = "null",
      value = {
        "1, null, true",
        "true, null, true",
        "0, null, false",
        "false, null, false",
        "null, null, false",
        "0, 1, true",
        "null, 1, true",
        "1, 0, true",
      })
  void extractMulti_sampledAndDebugFlags(String sampled, String flags, boolean expected) {
    Map<String, String> carrier =
        headers("x-b3-traceid", TRACE_ID, "x-b3-spanid", SPAN_ID, "x-b3-parentspanid", PARENT_ID);
    if (sampled != null) {
      carrier.put("x-b3-sampled", sampled);
    }
    if (flags != null) {
      carrier.put("x-b3-flags", flags);
    }

    SpanContext context = extract(carrier);

    assertTrue(context.isValid());
    assertTrue(context.isRemote());
    assertEquals(TRACE_ID, context.traceIdHex());
    assertEquals(SPAN_ID, context.spanIdHex());
    assertEquals(expected, context.isSampled());
  }

  @Test
  void extractMulti_64BitTraceId_isLeftPadded() {
    SpanContext context =
        extract(headers("x-b3-traceid", TRACE_ID_64, "x-b3-spanid", SPAN_ID, "x-b3-sampled", "1"));

    assertEquals("0000000000000000" + TRACE_ID_64, context.traceIdHex());
  }

  @Test
  void extractMulti_headerNamesInAnyCase_areFoundByCaseInsensitiveGetter() {
    Map<String, String> carrier =
        headers("X-B3-TraceId", TRACE_ID, "X-B3-SpanId", SPAN_ID, "X-B3-Sampled", "1");

    SpanContext context =
        B3Propagator.multiHeader().extract(Context.root(), carrier, HTTP_GETTER).span().spanContext();

    assertEquals(TRACE_ID, context.traceIdHex());
    assertTrue(context.isSampled());
  }

  static Stream<Arguments> malformedMulti() {
    return Stream.of(
        Arguments.of("no span id", headers("x-b3-traceid", TRACE_ID)),
        Arguments.of("no trace id", headers("x-b3-spanid", SPAN_ID)),
        Arguments.of("trace id of 20", headers("x-b3-traceid", "12345678901234567890", "x-b3-spanid", SPAN_ID)),
        Arguments.of("uppercase trace id", headers("x-b3-traceid", TRACE_ID.toUpperCase(), "x-b3-spanid", SPAN_ID)),
        Arguments.of("zero trace id", headers("x-b3-traceid", "0000000000000000", "x-b3-spanid", SPAN_ID)),
        Arguments.of("span id of 32", headers("x-b3-traceid", TRACE_ID, "x-b3-spanid", TRACE_ID)),
        Arguments.of("non-hex span id", headers("x-b3-traceid", TRACE_ID, "x-b3-spanid", "g457b5a2e4d86bd1")),
        Arguments.of("zero span id", headers("x-b3-traceid", TRACE_ID, "x-b3-spanid", "0000000000000000")),
        Arguments.of("empty values", headers("x-b3-traceid", "", "x-b3-spanid", "")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedMulti")
  void extractMulti_malformed_isIgnored(String description, Map<String, String> carrier) {
    assertSame(BASE, B3Propagator.multiHeader().extract(BASE, carrier, EXACT_GETTER), description);
  }

  @Test
  void extract_singleAndMultiPresent_singleWins() {
    Map<String, String> carrier =
        headers(
            "b3", TRACE_ID + "-" + SPAN_ID + "-0",
            "x-b3-traceid", TRACE_ID_64, "x-b3-spanid", PARENT_ID, "x-b3-sampled", "1");

    SpanContext context = extract(carrier);

    assertEquals(TRACE_ID, context.traceIdHex());
    assertEquals(SPAN_ID, context.spanIdHex());
    assertFalse(context.isSampled());
  }

  @Test
  void extract_malformedSingleButValidMulti_usesMulti() {
    Map<String, String> carrier =
        headers("b3", "garbage", "x-b3-traceid", TRACE_ID, "x-b3-spanid", SPAN_ID, "x-b3-sampled", "1");

    assertEquals(SPAN_ID, extract(carrier).spanIdHex());
  }

  @Test
  void extract_eitherModeReadsBothForms() {
    Map<String, String> single = headers("b3", TRACE_ID + "-" + SPAN_ID + "-1");
    Map<String, String> multi = headers("x-b3-traceid", TRACE_ID, "x-b3-spanid", SPAN_ID);
    for (B3Propagator propagator : Arrays.asList(B3Propagator.singleHeader(), B3Propagator.multiHeader())) {
      assertEquals(TRACE_ID, propagator.extract(Context.root(), single, EXACT_GETTER).span().spanContext().traceIdHex());
      assertEquals(TRACE_ID, propagator.extract(Context.root(), multi, EXACT_GETTER).span().spanContext().traceIdHex());
    }
  }

  @Test
  void extract_singleHeaderOnTwoLines_isAmbiguousAndIgnored() {
    String first = TRACE_ID + "-" + SPAN_ID + "-1";
    String second = TRACE_ID.replace('8', '9') + "-" + SPAN_ID + "-1";
    Carriers.Lines lines = Carriers.lines("b3", first, "B3", second);

    assertSame(BASE, B3Propagator.singleHeader().extract(BASE, lines, Carriers.LINES_GETTER));
  }

  @Test
  void extract_multiHeaderTraceIdOnTwoLines_isAmbiguousAndIgnored() {
    Carriers.Lines lines =
        Carriers.lines(
            "X-B3-TraceId", TRACE_ID,
            "X-B3-TraceId", TRACE_ID.replace('8', '9'),
            "X-B3-SpanId", SPAN_ID,
            "X-B3-Sampled", "1");

    assertSame(BASE, B3Propagator.multiHeader().extract(BASE, lines, Carriers.LINES_GETTER));
  }

  @Test
  void extract_multiHeadersOnOneLineEach_withGetterOfLines_areUsed() {
    Carriers.Lines lines =
        Carriers.lines("X-B3-TraceId", TRACE_ID, "X-B3-SpanId", SPAN_ID, "X-B3-Sampled", "1");

    SpanContext context =
        B3Propagator.multiHeader()
            .extract(Context.root(), lines, Carriers.LINES_GETTER)
            .span()
            .spanContext();

    assertEquals(TRACE_ID, context.traceIdHex());
    assertTrue(context.isSampled());
  }

  @Test
  void extract_throwingGetter_leavesContextUnchanged() {
    assertSame(BASE, B3Propagator.singleHeader().extract(BASE, headers(), Carriers.THROWING_GETTER));
    assertSame(BASE, B3Propagator.multiHeader().extract(BASE, headers(), Carriers.THROWING_GETTER));
  }

  // ---- inject ----

  @Test
  void injectSingle_writesB3WithSamplingFlag() {
    Map<String, String> sampled = new HashMap<String, String>();
    Map<String, String> unsampled = new HashMap<String, String>();

    B3Propagator.singleHeader().inject(contextOf(0x80f198ee56343ba8L, 0x64fe8b2a57d3eff7L, 0xe457b5a2e4d86bd1L, true), sampled, SETTER);
    B3Propagator.singleHeader().inject(contextOf(0L, 1L, 2L, false), unsampled, SETTER);

    assertEquals(1, sampled.size());
    assertEquals(TRACE_ID + "-" + SPAN_ID + "-1", sampled.get("b3"));
    assertEquals("00000000000000000000000000000001-0000000000000002-0", unsampled.get("b3"));
  }

  @Test
  void injectMulti_writesXB3Headers() {
    Map<String, String> carrier = new HashMap<String, String>();

    B3Propagator.multiHeader().inject(contextOf(0x80f198ee56343ba8L, 0x64fe8b2a57d3eff7L, 0xe457b5a2e4d86bd1L, true), carrier, SETTER);

    assertEquals(3, carrier.size());
    assertEquals(TRACE_ID, carrier.get("x-b3-traceid"));
    assertEquals(SPAN_ID, carrier.get("x-b3-spanid"));
    assertEquals("1", carrier.get("x-b3-sampled"));
  }

  @Test
  void injectMulti_unsampled_writesSampled0() {
    Map<String, String> carrier = new HashMap<String, String>();

    B3Propagator.multiHeader().inject(contextOf(1L, 2L, 3L, false), carrier, SETTER);

    assertEquals("0", carrier.get("x-b3-sampled"));
  }

  @Test
  void extractDebug_thenInject_sendsSampled() {
    Context extracted =
        B3Propagator.singleHeader()
            .extract(Context.root(), headers("b3", TRACE_ID + "-" + SPAN_ID + "-d"), EXACT_GETTER);
    Map<String, String> single = new HashMap<String, String>();
    Map<String, String> multi = new HashMap<String, String>();

    B3Propagator.singleHeader().inject(extracted, single, SETTER);
    B3Propagator.multiHeader().inject(extracted, multi, SETTER);

    assertEquals(TRACE_ID + "-" + SPAN_ID + "-1", single.get("b3"));
    assertEquals("1", multi.get("x-b3-sampled"));
  }

  @Test
  void inject_invalidContext_writesNothing() {
    Map<String, String> carrier = new HashMap<String, String>();

    B3Propagator.singleHeader().inject(Context.root(), carrier, SETTER);
    B3Propagator.multiHeader().inject(Context.root(), carrier, SETTER);

    assertTrue(carrier.isEmpty());
  }

  @Test
  void inject_throwingSetter_neverThrows() {
    B3Propagator.singleHeader().inject(contextOf(1L, 2L, 3L, true), headers(), Carriers.THROWING_SETTER);
    B3Propagator.multiHeader().inject(contextOf(1L, 2L, 3L, true), headers(), Carriers.THROWING_SETTER);
  }

  @Test
  void injectThenExtract_roundTripsInBothModes() {
    for (B3Propagator propagator : Arrays.asList(B3Propagator.singleHeader(), B3Propagator.multiHeader())) {
      for (boolean sampled : new boolean[] {true, false}) {
        Context original = contextOf(-5L, 42L, 0x1234L, sampled);
        Map<String, String> carrier = new HashMap<String, String>();

        propagator.inject(original, carrier, SETTER);
        SpanContext extracted =
            propagator.extract(Context.root(), carrier, EXACT_GETTER).span().spanContext();

        assertEquals(-5L, extracted.traceIdHigh());
        assertEquals(42L, extracted.traceIdLow());
        assertEquals(0x1234L, extracted.spanId());
        assertEquals(sampled, extracted.isSampled());
      }
    }
  }

  @Test
  void fields_areTheHeadersOfTheMode() {
    assertEquals(Arrays.asList("b3"), B3Propagator.singleHeader().fields());
    assertEquals(
        Arrays.asList("x-b3-traceid", "x-b3-spanid", "x-b3-sampled"),
        B3Propagator.multiHeader().fields());
  }
}
