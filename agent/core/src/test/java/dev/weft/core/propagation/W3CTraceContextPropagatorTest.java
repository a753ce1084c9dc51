package dev.weft.core.propagation;

import static dev.weft.core.propagation.Carriers.EXACT_GETTER;
import static dev.weft.core.propagation.Carriers.HTTP_GETTER;
import static dev.weft.core.propagation.Carriers.LINES_GETTER;
import static dev.weft.core.propagation.Carriers.SETTER;
import static dev.weft.core.propagation.Carriers.headers;
import static dev.weft.core.propagation.Carriers.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.api.Context;
import dev.weft.api.Span;
import dev.weft.api.SpanContext;
import dev.weft.api.propagation.TextMapGetter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class W3CTraceContextPropagatorTest {

  private static final W3CTraceContextPropagator PROPAGATOR = W3CTraceContextPropagator.INSTANCE;

  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SPAN_ID = "00f067aa0ba902b7";
  private static final String VALID = "00-" + TRACE_ID + "-" + SPAN_ID + "-01";

  /** A context that already has a (local) span, so "unchanged" is observable. */
  private static final Context BASE =
      Context.root()
          .with(
              Span.wrap(
                  SpanContext.create(
                      0x1111L, 0x2222L, 0x3333L, SpanContext.FLAG_SAMPLED, "local=1")));

  private static SpanContext extractSpanContext(String traceparent, String tracestate) {
    Map<String, String> carrier = headers("traceparent", traceparent);
    if (tracestate != null) {
      carrier.put("tracestate", tracestate);
    }
    Context extracted = PROPAGATOR.extract(Context.root(), carrier, EXACT_GETTER);
    return extracted.span().spanContext();
  }

  private static String traceStateAfter(String tracestate) {
    SpanContext context = extractSpanContext(VALID, tracestate);
    assertTrue(context.isValid(), "a valid traceparent is used whatever the tracestate");
    assertEquals(TRACE_ID, context.traceIdHex());
    return context.traceState();
  }

  @Test
  void extract_validTraceparent_givesRemoteSampledParent() {
    SpanContext context = extractSpanContext(VALID, null);

    assertTrue(context.isValid());
    assertTrue(context.isRemote());
    assertTrue(context.isSampled());
    assertEquals(TRACE_ID, context.traceIdHex());
    assertEquals(SPAN_ID, context.spanIdHex());
    assertEquals(0x4bf92f3577b34da6L, context.traceIdHigh());
    assertEquals(0xa3ce929d0e0e4736L, context.traceIdLow());
    assertEquals(0x00f067aa0ba902b7L, context.spanId());
    assertEquals("", context.traceState());
  }

  @Test
  void extract_unsampledFlags_givesUnsampledParent() {
    SpanContext context = extractSpanContext("00-" + TRACE_ID + "-" + SPAN_ID + "-00", null);

    assertTrue(context.isValid());
    assertFalse(context.isSampled());
  }

  @ParameterizedTest
  @ValueSource(strings = {"01", "09", "f1", "05"})
  void extract_flagsWithSampledBitOnly_areSampledAndUnknownBitsCleared(String flags) {
    SpanContext context = extractSpanContext("00-" + TRACE_ID + "-" + SPAN_ID + "-" + flags, null);

    assertTrue(context.isSampled());
    assertFalse(context.isRandomTraceId());
    assertEquals(SpanContext.FLAG_SAMPLED, context.traceFlags());
  }

  @ParameterizedTest
  @ValueSource(strings = {"00", "fc", "a0", "04"})
  void extract_flagsWithoutDefinedBits_areNotSampledNorRandom(String flags) {
    SpanContext context = extractSpanContext("00-" + TRACE_ID + "-" + SPAN_ID + "-" + flags, null);

    assertTrue(context.isValid());
    assertFalse(context.isSampled());
    assertEquals(0, context.traceFlags());
  }

  // ---- Level 2: the random trace id flag ----

  @ParameterizedTest
  @ValueSource(strings = {"03", "0b", "ff", "f3"})
  void extract_flagsWithSampledAndRandomBits_keepBothAndClearTheRest(String flags) {
    SpanContext context = extractSpanContext("00-" + TRACE_ID + "-" + SPAN_ID + "-" + flags, null);

    assertTrue(context.isSampled());
    assertTrue(context.isRandomTraceId());
    assertEquals(SpanContext.FLAG_SAMPLED | SpanContext.FLAG_RANDOM, context.traceFlags());
  }

  @ParameterizedTest
  @ValueSource(strings = {"02", "0a", "fe"})
  void extract_flagsWithRandomBitOnly_areRandomButNotSampled(String flags) {
    SpanContext context = extractSpanContext("00-" + TRACE_ID + "-" + SPAN_ID + "-" + flags, null);

    assertFalse(context.isSampled());
    assertTrue(context.isRandomTraceId());
    assertEquals(SpanContext.FLAG_RANDOM, context.traceFlags());
  }

  @Test
  void extract_futureVersionWithRandomFlag_keepsIt() {
    SpanContext context =
        extractSpanContext("cc-" + TRACE_ID + "-" + SPAN_ID + "-03-future-field", null);

    assertTrue(context.isSampled());
    assertTrue(context.isRandomTraceId());
  }

  @ParameterizedTest
  @ValueSource(strings = {"00", "01", "02", "03"})
  void extractThenInject_sendsTheDefinedFlagsAsReceived(String flags) {
    Map<String, String> in = headers("traceparent", "00-" + TRACE_ID + "-" + SPAN_ID + "-" + flags);
    SpanContext remote = PROPAGATOR.extract(Context.root(), in, EXACT_GETTER).span().spanContext();
    SpanContext child =
        SpanContext.create(
            remote.traceIdHigh(), remote.traceIdLow(), 0x1234L, remote.traceFlags(), "");

    Map<String, String> out = new HashMap<String, String>();
    PROPAGATOR.inject(Context.root().with(Span.wrap(child)), out, SETTER);

    assertEquals("00-" + TRACE_ID + "-0000000000001234-" + flags, out.get("traceparent"));
  }

  @Test
  void inject_undefinedFlagBits_areSentAsZero() {
    SpanContext context = SpanContext.create(1L, 2L, 3L, (byte) 0xff, "");
    Map<String, String> out = new HashMap<String, String>();

    PROPAGATOR.inject(Context.root().with(Span.wrap(context)), out, SETTER);

    assertTrue(out.get("traceparent").endsWith("-03"), out.get("traceparent"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        " " + VALID,
        "\t" + VALID,
        VALID + " ",
        VALID + "\t",
        "\t " + VALID + " \t",
      })
  void extract_whitespaceAroundValue_isIgnored(String traceparent) {
    assertEquals(TRACE_ID, extractSpanContext(traceparent, null).traceIdHex());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "cc-" + TRACE_ID + "-" + SPAN_ID + "-01",
        "cc-" + TRACE_ID + "-" + SPAN_ID + "-01-what-the-future-will-be-like",
        "01-" + TRACE_ID + "-" + SPAN_ID + "-01-",
        "fe-" + TRACE_ID + "-" + SPAN_ID + "-01-a-b-c",
      })
  void extract_futureVersion_usesTheFieldsItKnows(String traceparent) {
    SpanContext context = extractSpanContext(traceparent, null);

    assertTrue(context.isValid(), traceparent);
    assertEquals(TRACE_ID, context.traceIdHex());
    assertEquals(SPAN_ID, context.spanIdHex());
    assertTrue(context.isSampled());
  }

  @Test
  void extract_futureVersion_isInjectedAsVersion00() {
    Map<String, String> in =
        headers("traceparent", "cc-" + TRACE_ID + "-" + SPAN_ID + "-01-extra-field");
    Context extracted = PROPAGATOR.extract(Context.root(), in, EXACT_GETTER);

    Map<String, String> out = new HashMap<String, String>();
    PROPAGATOR.inject(extracted, out, SETTER);

    assertEquals(VALID, out.get("traceparent"));
  }

  static Stream<Arguments> invalidTraceparents() {
    String t = TRACE_ID;
    String s = SPAN_ID;
    return Stream.of(
        Arguments.of("empty", ""),
        Arguments.of("only whitespace", "   "),
        Arguments.of("garbage", "not a traceparent"),
        Arguments.of("version 00 with trailing character", "00-" + t + "-" + s + "-01."),
        Arguments.of("version 00 with extra field", "00-" + t + "-" + s + "-01-future"),
        Arguments.of("version 00 with trailing dash", "00-" + t + "-" + s + "-01-"),
        Arguments.of("version ff", "ff-" + t + "-" + s + "-01"),
        Arguments.of("version ff with extra field", "ff-" + t + "-" + s + "-01-x"),
        Arguments.of("uppercase version", "0A-" + t + "-" + s + "-01"),
        Arguments.of("uppercase version FF-like", "CC-" + t + "-" + s + "-01"),
        Arguments.of("non-hex version first", ".0-" + t + "-" + s + "-01"),
        Arguments.of("non-hex version second", "0.-" + t + "-" + s + "-01"),
        Arguments.of("version too long", "000-" + t + "-" + s + "-01"),
        Arguments.of("version too short", "0-" + t + "-" + s + "-01"),
        Arguments.of("future version, no dash after flags", "cc-" + t + "-" + s + "-01.what"),
        Arguments.of("future version, too short", "cc-" + t + "-" + s + "-0"),
        Arguments.of("uppercase trace id", "00-" + t.toUpperCase() + "-" + s + "-01"),
        Arguments.of("one uppercase trace id digit", "00-4Bf92f3577b34da6a3ce929d0e0e4736-" + s + "-01"),
        Arguments.of("non-hex trace id start", "00-.2345678901234567890123456789012-" + s + "-01"),
        Arguments.of("non-hex trace id end", "00-1234567890123456789012345678901.-" + s + "-01"),
        Arguments.of("non-ASCII in trace id", "00-4bf92f3577b34da6a3ce929d0e0e473\u00e9-" + s + "-01"),
        Arguments.of("all-zero trace id", "00-00000000000000000000000000000000-" + s + "-01"),
        Arguments.of("trace id too long", "00-" + t + "3-" + s + "-01"),
        Arguments.of("trace id too short", "00-" + t.substring(1) + "-" + s + "-01"),
        Arguments.of("uppercase span id", "00-" + t + "-00F067AA0BA902B7-01"),
        Arguments.of("non-hex span id start", "00-" + t + "-.234567890123456-01"),
        Arguments.of("non-hex span id end", "00-" + t + "-123456789012345.-01"),
        Arguments.of("all-zero span id", "00-" + t + "-0000000000000000-01"),
        Arguments.of("span id too long", "00-" + t + "-" + s + "7-01"),
        Arguments.of("span id too short", "00-" + t + "-" + s.substring(1) + "-01"),
        Arguments.of("uppercase flags", "00-" + t + "-" + s + "-0A"),
        Arguments.of("non-hex flags first", "00-" + t + "-" + s + "-.0"),
        Arguments.of("non-hex flags second", "00-" + t + "-" + s + "-0."),
        Arguments.of("flags too long", "00-" + t + "-" + s + "-001"),
        Arguments.of("flags too short", "00-" + t + "-" + s + "-1"),
        Arguments.of("underscore after version", "00_" + t + "-" + s + "-01"),
        Arguments.of("underscore after trace id", "00-" + t + "_" + s + "-01"),
        Arguments.of("underscore after span id", "00-" + t + "-" + s + "_01"),
        Arguments.of("missing separators", "00" + t + s + "01---"),
        Arguments.of("two headers joined", VALID + "," + VALID),
        Arguments.of("whitespace inside", "00- " + t.substring(1) + "-" + s + "-01"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidTraceparents")
  void extract_invalidTraceparent_leavesContextUnchanged(String description, String value) {
    Map<String, String> carrier = headers("traceparent", value, "tracestate", "congo=t61rcWkgMzE");

    Context result = PROPAGATOR.extract(BASE, carrier, EXACT_GETTER);

    assertSame(BASE, result, description);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidTraceparents")
  void extract_invalidTraceparent_startsNewTraceFromRoot(String description, String value) {
    Context result =
        PROPAGATOR.extract(Context.root(), headers("traceparent", value), EXACT_GETTER);

    assertSame(Context.root(), result, description);
    assertFalse(result.span().spanContext().isValid());
  }

  @Test
  void extract_invalidTraceparent_doesNotReadTracestate() {
    final List<String> asked = new ArrayList<String>();
    TextMapGetter<Map<String, String>> recording =
        new TextMapGetter<Map<String, String>>() {
          @Override
          public String get(Map<String, String> carrier, String key) {
            asked.add(key);
            return carrier.get(key);
          }
        };
    Map<String, String> carrier =
        headers("traceparent", "ff-" + TRACE_ID + "-" + SPAN_ID + "-01", "tracestate", "a=1");

    PROPAGATOR.extract(BASE, carrier, recording);

    assertEquals(1, asked.size());
    assertEquals("traceparent", asked.get(0));
  }

  @Test
  void extract_noTraceparent_leavesContextUnchanged() {
    assertSame(BASE, PROPAGATOR.extract(BASE, headers("tracestate", "a=1"), EXACT_GETTER));
    assertSame(BASE, PROPAGATOR.extract(BASE, headers(), EXACT_GETTER));
  }

  @Test
  void extract_validTraceparent_replacesTheContextSpanAndKeepsBaggage() {
    Context base = BASE.with(BASE.baggage().with("user", "alice", ""));

    Context result = PROPAGATOR.extract(base, headers("traceparent", VALID), EXACT_GETTER);

    assertEquals(TRACE_ID, result.span().spanContext().traceIdHex());
    assertFalse(result.span().isRecording());
    assertEquals("alice", result.baggage().get("user"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"TraceParent", "TRACEPARENT", "TrAcEpArEnT"})
  void extract_headerNameInAnyCase_isFoundByCaseInsensitiveGetter(String name) {
    Map<String, String> carrier = headers(name, VALID, "TraceState", "congo=t61rcWkgMzE");

    SpanContext context = PROPAGATOR.extract(Context.root(), carrier, HTTP_GETTER).span().spanContext();

    assertEquals(TRACE_ID, context.traceIdHex());
    assertEquals("congo=t61rcWkgMzE", context.traceState());
  }

  @Test
  void extract_getterIsAskedForLowerCaseNames() {
    final List<String> asked = new ArrayList<String>();
    TextMapGetter<Map<String, String>> recording =
        new TextMapGetter<Map<String, String>>() {
          @Override
          public String get(Map<String, String> carrier, String key) {
            asked.add(key);
            return carrier.get(key);
          }
        };

    PROPAGATOR.extract(Context.root(), headers("traceparent", VALID), recording);

    assertEquals(2, asked.size());
    assertTrue(asked.contains("traceparent"));
    assertTrue(asked.contains("tracestate"));
  }

  @Test
  void extract_throwingGetter_leavesContextUnchanged() {
    assertSame(BASE, PROPAGATOR.extract(BASE, headers(), Carriers.THROWING_GETTER));
  }

  @Test
  void extract_nullGetterOrContext_neverThrows() {
    assertSame(BASE, PROPAGATOR.extract(BASE, headers("traceparent", VALID), null));
    Context fromNull = PROPAGATOR.extract(null, headers("traceparent", VALID), EXACT_GETTER);
    assertEquals(TRACE_ID, fromNull.span().spanContext().traceIdHex());
  }

  // ---- tracestate ----

  @ParameterizedTest
  @ValueSource(
      strings = {
        "congo=t61rcWkgMzE",
        "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE",
        "tenant@vendor=value",
        "1tenant@vendor=value",
        "a_-*/0@z_-*/9=v",
        "foo= leading-space-is-part-of-the-value",
        "foo=a b c",
      })
  void extract_validTracestate_isKeptAsIs(String tracestate) {
    assertEquals(tracestate, traceStateAfter(tracestate));
  }

  @Test
  void extract_tracestateWithEveryAllowedCharacter_isKept() {
    StringBuilder key = new StringBuilder();
    for (char c = 'a'; c <= 'z'; c++) {
      key.append(c);
    }
    key.append("0123456789_-*/");
    StringBuilder value = new StringBuilder();
    for (char c = 0x20; c <= 0x7E; c++) {
      if (c != ',' && c != '=') {
        value.append(c);
      }
    }
    String simple = key + "=" + value;
    String multiTenant = key + "@a-z0-9_-*/=" + value;

    assertEquals(simple, traceStateAfter(simple));
    assertEquals(multiTenant, traceStateAfter(multiTenant));
  }

  @Test
  void extract_tracestateWithOptionalWhitespace_isNormalized() {
    assertEquals("foo=1,bar=2,baz=3", traceStateAfter("foo=1 \t , \t bar=2, \t baz=3"));
    assertEquals("foo=1,bar=2,baz=3", traceStateAfter("foo=1\t \t,\t \tbar=2,\t \tbaz=3"));
    assertEquals("foo=1", traceStateAfter(" foo=1"));
    assertEquals("foo=1", traceStateAfter("\tfoo=1"));
    assertEquals("foo=1", traceStateAfter("foo=1 "));
    assertEquals("foo=1", traceStateAfter("foo=1\t"));
    assertEquals("foo=1", traceStateAfter("\t foo=1 \t"));
  }

  @Test
  void extract_tracestateWithEmptyMembers_dropsThem() {
    assertEquals("foo=1,bar=2", traceStateAfter("foo=1,,bar=2"));
    assertEquals("foo=1,bar=2", traceStateAfter(",foo=1, ,bar=2,"));
    assertEquals("", traceStateAfter(""));
    assertEquals("", traceStateAfter(" , ,"));
  }

  @Test
  void extract_tracestateFromRepeatedHeadersJoinedByGetter_isCombinedInOrder() {
    assertEquals(
        "foo=1,bar=2,rojo=1,congo=2,baz=3",
        traceStateAfter("foo=1,bar=2" + "," + "rojo=1,congo=2" + "," + "baz=3"));
    assertEquals("foo=1", traceStateAfter("foo=1,"));
    assertEquals("foo=1", traceStateAfter(",foo=1"));
  }

  @Test
  void extract_tracestateKeyLengths_atTheLimitsAreValid() {
    String longSimple = repeat('z', 256) + "=1";
    String longTenant = repeat('t', 241) + "@" + repeat('v', 14) + "=1";

    assertEquals("foo=1," + longSimple, traceStateAfter("foo=1," + longSimple));
    assertEquals("foo=1," + longTenant, traceStateAfter("foo=1," + longTenant));
  }

  @Test
  void extract_tracestateValueOf256Characters_isValid() {
    String member = "foo=" + repeat('v', 256);

    assertEquals(member, traceStateAfter(member));
  }

  /** Members that are invalid alone: each is dropped, and the valid members around it kept. */
  static Stream<Arguments> invalidMembers() {
    return Stream.of(
        Arguments.of("space before =", "foo =1"),
        Arguments.of("uppercase key", "FOO=1"),
        Arguments.of("dot in key", "foo.bar=1"),
        Arguments.of("simple key starting with a digit", "1foo=1"),
        Arguments.of("empty key", "=1"),
        Arguments.of("empty tenant", "@foo=1"),
        Arguments.of("empty system", "foo@=1"),
        Arguments.of("double @", "foo@@bar=1"),
        Arguments.of("two @", "foo@bar@baz=1"),
        Arguments.of("system starting with a digit", "foo@1bar=1"),
        Arguments.of("tenant starting with _", "_t@v=1"),
        Arguments.of("key of 257", repeat('z', 257) + "=1"),
        Arguments.of("tenant of 242", repeat('t', 242) + "@v=1"),
        Arguments.of("system of 15", "t@" + repeat('v', 15) + "=1"),
        Arguments.of("no =", "foo"),
        Arguments.of("= in value", "foo=bar=baz"),
        Arguments.of("empty value", "foo="),
        Arguments.of("value of only a space", "foo= "),
        Arguments.of("value of 257", "foo=" + repeat('v', 257)),
        Arguments.of("tab inside value", "foo=a\tb"),
        Arguments.of("control character in value", "foo=a\u0001b"),
        Arguments.of("non-ASCII in value", "foo=caf\u00e9"),
        Arguments.of("DEL in value", "foo=a\u007f"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidMembers")
  void extract_invalidMember_isDroppedAloneAndTraceparentUsed(String description, String member) {
    assertEquals("", traceStateAfter(member), description);
    assertEquals("a=1,b=2", traceStateAfter("a=1," + member + ",b=2"), description);
    assertEquals("a=1", traceStateAfter(member + ",a=1"), description);
    assertEquals("a=1", traceStateAfter("a=1," + member), description);
  }

  @Test
  void extract_duplicateKey_keepsTheLeftMostEntry() {
    // The left-most entry is a vendor's most recent position: it moves its updated entry left.
    assertEquals("foo=1", traceStateAfter("foo=1,foo=1"));
    assertEquals("foo=1,bar=2", traceStateAfter("foo=1,bar=2,foo=2"));
    assertEquals("t@v=1,x=2", traceStateAfter("t@v=1,x=2,t@v=3"));
    assertEquals("t@v=1,t@w=2,v=3", traceStateAfter("t@v=1,t@w=2,v=3"));
  }

  @Test
  void extract_duplicateOfAnInvalidEntry_isKept() {
    assertEquals("foo=2", traceStateAfter("foo=,foo=2"));
  }

  @Test
  void extract_tracestateOver32Members_keepsTheFirst32() {
    assertEquals(members(32), traceStateAfter(members(33)));
    assertEquals(members(32), traceStateAfter(members(40)));
  }

  @Test
  void extract_invalidAndDuplicateMembers_doNotCountTowardThe32() {
    String tracestate = "BAD=1,bar01=x," + members(32);

    assertEquals(members(32), traceStateAfter(tracestate).replace("bar01=x", "bar01=01"));
    assertTrue(traceStateAfter(tracestate).startsWith("bar01=x,bar02=02"));
    assertTrue(traceStateAfter(tracestate).endsWith("bar32=32"));
  }

  @Test
  void extract_tracestateOf32Members_isKept() {
    String tracestate = members(32);

    assertEquals(tracestate, traceStateAfter(tracestate));
  }

  @Test
  void extract_tracestateOf512Characters_isKeptWhole() {
    // Seven members of 63 characters, then one that brings the total to exactly 512.
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 7; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(String.format("k%02d=", i)).append(repeat('v', 59));
    }
    int rest = 512 - sb.length() - 1 - 4;
    sb.append(",k07=").append(repeat('w', rest));
    String tracestate = sb.toString();
    assertEquals(512, tracestate.length());

    assertEquals(tracestate, traceStateAfter(tracestate));
  }

  @Test
  void extract_tracestateOver512Characters_isTruncatedFromTheEndByWholeMembers() {
    // Ten members of 60 characters: 609 in all; members are dropped from the end until it fits.
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(String.format("k%02d=", i)).append(repeat('v', 56));
    }

    String kept = traceStateAfter(sb.toString());

    assertTrue(kept.length() <= 512, kept);
    assertEquals(sb.substring(0, 8 * 61 - 1), kept);
  }

  @Test
  void extract_tracestateOver512Characters_dropsMembersLongerThan128First() {
    String big = "big=" + repeat('b', 200);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      sb.append(String.format("k%02d=", i)).append(repeat('v', 56)).append(',');
    }
    String small = sb.substring(0, sb.length() - 1);
    String tracestate = small.substring(0, 61 * 3) + big + "," + small.substring(61 * 3);
    assertTrue(tracestate.length() > 512);

    assertEquals(small, traceStateAfter(tracestate));
  }

  @Test
  void extract_tracestateOver512CharactersWithWhitespace_isMeasuredWithoutIt() {
    // 8 members of 63 characters are 511 characters once normalized, 700 or so as sent.
    StringBuilder sent = new StringBuilder();
    StringBuilder normalized = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      String member = String.format("k%02d=", i) + repeat('v', 59);
      sent.append(i > 0 ? " ,\t " : "").append(member).append(repeat(' ', 20));
      normalized.append(i > 0 ? "," : "").append(member);
    }
    assertEquals(511, normalized.length());

    assertEquals(normalized.toString(), traceStateAfter(sent.toString()));
  }

  // ---- headers on several lines (the servlet getter hands over every line) ----

  private static SpanContext extractFromLines(Carriers.Lines lines) {
    return PROPAGATOR.extract(Context.root(), lines, LINES_GETTER).span().spanContext();
  }

  /** The trace state kept from {@code tracestateLines}, each one header line, under VALID. */
  private static String traceStateFromLines(String... tracestateLines) {
    Carriers.Lines lines = lines("traceparent", VALID);
    for (String line : tracestateLines) {
      lines.add("tracestate", line);
    }
    SpanContext context = extractFromLines(lines);
    assertEquals(TRACE_ID, context.traceIdHex(), "the traceparent is used");
    return context.traceState();
  }

  @Test
  void extract_traceparentOnTwoLines_isAmbiguousAndStartsANewTrace() {
    String other = "00-" + TRACE_ID.replace('4', '5') + "-" + SPAN_ID + "-01";

    assertFalse(extractFromLines(lines("traceparent", VALID, "traceparent", other)).isValid());
    assertFalse(extractFromLines(lines("traceparent", other, "traceparent", VALID)).isValid());
  }

  @Test
  void extract_sameTraceparentOnTwoLines_isStillAmbiguous() {
    // Combined as HTTP combines repeated fields, "v, v" is no traceparent.
    assertFalse(extractFromLines(lines("traceparent", VALID, "TraceParent", VALID)).isValid());
    assertFalse(extractFromLines(lines("traceparent", VALID, "traceparent", "")).isValid());
  }

  @Test
  void extract_traceparentOnTwoLines_doesNotReadTracestate() {
    Carriers.Lines lines =
        lines("traceparent", VALID, "traceparent", VALID, "tracestate", "foo=1");

    SpanContext context = extractFromLines(lines);

    assertFalse(context.isValid());
    assertEquals("", context.traceState());
  }

  @Test
  void extract_traceparentOnOneLine_withGetterOfLines_isUsed() {
    SpanContext context = extractFromLines(lines("TRACEPARENT", VALID));

    assertEquals(TRACE_ID, context.traceIdHex());
    assertEquals(SPAN_ID, context.spanIdHex());
  }

  @Test
  void extract_tracestateOnSeveralLines_isOneListInOrder() {
    assertEquals(
        "foo=1,bar=2,rojo=1,congo=2,baz=3",
        traceStateFromLines("foo=1,bar=2", "rojo=1,congo=2", "baz=3"));
  }

  @Test
  void extract_tracestateLinesInAnyNameCase_areCombined() {
    Carriers.Lines lines =
        lines("traceparent", VALID, "TraceState", "a=1", "tracestate", "b=2", "TRACESTATE", "c=3");

    assertEquals("a=1,b=2,c=3", extractFromLines(lines).traceState());
  }

  @Test
  void extract_emptyTracestateLine_losesNothing() {
    assertEquals("foo=1", traceStateFromLines("", "foo=1"));
    assertEquals("foo=1", traceStateFromLines("foo=1", ""));
    assertEquals("foo=1,bar=2", traceStateFromLines(" ", "foo=1", "\t", "bar=2", ""));
    assertEquals("", traceStateFromLines("", ""));
  }

  @Test
  void extract_invalidTracestateLine_losesOnlyItsOwnMembers() {
    assertEquals("a=1,c=3", traceStateFromLines("a=1", "BAD=2", "c=3"));
    assertEquals("a=1,b=2", traceStateFromLines("a=1,foo@=x", "b=2"));
  }

  @Test
  void extract_duplicateKeyOnAnotherLine_keepsTheFirstLine() {
    assertEquals("foo=1", traceStateFromLines("foo=1", "foo=1"));
    assertEquals("foo=1,bar=2", traceStateFromLines("foo=1", "bar=2,foo=2"));
  }

  @Test
  void extract_32MembersAcrossLines_areKept() {
    String all = members(32);
    String[] parts = all.split(",");
    String first = String.join(",", Arrays.copyOfRange(parts, 0, 10));
    String second = String.join(",", Arrays.copyOfRange(parts, 10, 20));
    String third = String.join(",", Arrays.copyOfRange(parts, 20, 30));
    String fourth = String.join(",", Arrays.copyOfRange(parts, 30, 32));

    assertEquals(all, traceStateFromLines(first, second, third, fourth));
  }

  @Test
  void extract_33MembersAcrossLines_keepTheFirst32() {
    String[] parts = members(33).split(",");
    String first = String.join(",", Arrays.copyOfRange(parts, 0, 31));
    String second = String.join(",", Arrays.copyOfRange(parts, 31, 33));

    assertEquals(members(32), traceStateFromLines(first, second));
  }

  @Test
  void extract_keyLimitsAcrossLines_dropOnlyTheMemberOverTheLimit() {
    String longTenant = repeat('t', 241) + "@" + repeat('v', 14) + "=1";

    assertEquals("foo=1," + longTenant, traceStateFromLines("foo=1", longTenant));
    assertEquals("foo=1", traceStateFromLines("foo=1", repeat('z', 257) + "=1"));
    assertEquals("foo=1", traceStateFromLines("foo=1", repeat('t', 242) + "@v=1"));
    assertEquals("foo=1", traceStateFromLines("foo=1", "t@" + repeat('v', 15) + "=1"));
  }

  @Test
  void extract_over512CharactersAcrossLines_isTruncatedAsOneList() {
    String[] lines = new String[10];
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      lines[i] = String.format("k%02d=", i) + repeat('v', 56);
      all.append(i > 0 ? "," : "").append(lines[i]);
    }

    assertEquals(all.substring(0, 8 * 61 - 1), traceStateFromLines(lines));
  }

  @Test
  void extract_tracestateLinesWithoutTraceparent_areNotRead() {
    Carriers.Lines lines = lines("tracestate", "foo=1", "tracestate", "bar=2");

    assertFalse(extractFromLines(lines).isValid());
  }

  // ---- inject ----

  @Test
  void inject_sampledContext_writesTraceparentVersion00() {
    Map<String, String> carrier = new HashMap<String, String>();
    SpanContext context =
        SpanContext.create(0x4bf92f3577b34da6L, 0xa3ce929d0e0e4736L, 0x00f067aa0ba902b7L,
            SpanContext.FLAG_SAMPLED, "");

    PROPAGATOR.inject(Context.root().with(Span.wrap(context)), carrier, SETTER);

    assertEquals(VALID, carrier.get("traceparent"));
    assertFalse(carrier.containsKey("tracestate"), "an empty tracestate is not sent");
  }

  @Test
  void inject_unsampledContext_writesFlags00() {
    Map<String, String> carrier = new HashMap<String, String>();
    SpanContext context = SpanContext.create(1L, 2L, 3L, (byte) 0, "");

    PROPAGATOR.inject(Context.root().with(Span.wrap(context)), carrier, SETTER);

    assertEquals(
        "00-00000000000000010000000000000002-0000000000000003-00", carrier.get("traceparent"));
  }

  @Test
  void inject_contextWithTracestate_writesIt() {
    Map<String, String> carrier = new HashMap<String, String>();
    SpanContext context = SpanContext.create(1L, 2L, 3L, SpanContext.FLAG_SAMPLED, "a=1,b=2");

    PROPAGATOR.inject(Context.root().with(Span.wrap(context)), carrier, SETTER);

    assertEquals("a=1,b=2", carrier.get("tracestate"));
  }

  @Test
  void inject_tracestateThatCouldBreakTheHeader_isNotWritten() {
    Map<String, String> carrier = new HashMap<String, String>();
    SpanContext context =
        SpanContext.create(1L, 2L, 3L, SpanContext.FLAG_SAMPLED, "a=1\r\nX-Evil: yes");

    PROPAGATOR.inject(Context.root().with(Span.wrap(context)), carrier, SETTER);

    assertTrue(carrier.containsKey("traceparent"));
    assertFalse(carrier.containsKey("tracestate"));
  }

  @Test
  void inject_invalidContext_writesNothing() {
    Map<String, String> carrier = new HashMap<String, String>();

    PROPAGATOR.inject(Context.root(), carrier, SETTER);
    PROPAGATOR.inject(
        Context.root().with(Span.wrap(SpanContext.create(0L, 0L, 5L, (byte) 1, "a=1"))),
        carrier,
        SETTER);
    PROPAGATOR.inject(
        Context.root().with(Span.wrap(SpanContext.create(1L, 1L, 0L, (byte) 1, "a=1"))),
        carrier,
        SETTER);

    assertTrue(carrier.isEmpty(), carrier.toString());
  }

  @Test
  void inject_throwingSetterOrNulls_neverThrow() {
    Context context =
        Context.root().with(Span.wrap(SpanContext.create(1L, 2L, 3L, (byte) 1, "a=1")));

    PROPAGATOR.inject(context, headers(), Carriers.THROWING_SETTER);
    PROPAGATOR.inject(context, headers(), null);
    PROPAGATOR.inject(null, headers(), SETTER);
  }

  @Test
  void injectThenExtract_roundTripsTheContext() {
    SpanContext original =
        SpanContext.create(
            0x0123456789abcdefL, 0xfedcba9876543210L, 0x8000000000000001L,
            SpanContext.FLAG_SAMPLED, "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE");
    Map<String, String> carrier = new HashMap<String, String>();

    PROPAGATOR.inject(Context.root().with(Span.wrap(original)), carrier, SETTER);
    SpanContext extracted =
        PROPAGATOR.extract(Context.root(), carrier, EXACT_GETTER).span().spanContext();

    assertEquals(
        SpanContext.createFromRemote(
            original.traceIdHigh(), original.traceIdLow(), original.spanId(),
            original.traceFlags(), original.traceState()),
        extracted);
  }

  @Test
  void injectThenExtract_roundTripsUnsampledContext() {
    SpanContext original = SpanContext.create(-1L, -2L, -3L, (byte) 0, "");
    Map<String, String> carrier = new HashMap<String, String>();

    PROPAGATOR.inject(Context.root().with(Span.wrap(original)), carrier, SETTER);
    SpanContext extracted =
        PROPAGATOR.extract(Context.root(), carrier, EXACT_GETTER).span().spanContext();

    assertEquals(-1L, extracted.traceIdHigh());
    assertEquals(-2L, extracted.traceIdLow());
    assertEquals(-3L, extracted.spanId());
    assertFalse(extracted.isSampled());
  }

  @Test
  void fields_areTheLowerCaseHeaderNames() {
    assertEquals(2, PROPAGATOR.fields().size());
    assertTrue(PROPAGATOR.fields().contains("traceparent"));
    assertTrue(PROPAGATOR.fields().contains("tracestate"));
  }

  private static String members(int count) {
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i <= count; i++) {
      if (i > 1) {
        sb.append(',');
      }
      sb.append(String.format("bar%02d=%02d", i, i));
    }
    return sb.toString();
  }

  static String repeat(char c, int count) {
    StringBuilder sb = new StringBuilder(count);
    for (int i = 0; i < count; i++) {
      sb.append(c);
    }
    return sb.toString();
  }
}
