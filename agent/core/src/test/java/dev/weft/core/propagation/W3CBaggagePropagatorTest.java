package dev.weft.core.propagation;

import static dev.weft.core.propagation.Carriers.EXACT_GETTER;
import static dev.weft.core.propagation.Carriers.HTTP_GETTER;
import static dev.weft.core.propagation.Carriers.SETTER;
import static dev.weft.core.propagation.Carriers.headers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.api.Baggage;
import dev.weft.api.Context;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class W3CBaggagePropagatorTest {

  private static final W3CBaggagePropagator PROPAGATOR = W3CBaggagePropagator.INSTANCE;

  private static Baggage extract(String header) {
    return PROPAGATOR.extract(Context.root(), headers("baggage", header), EXACT_GETTER).baggage();
  }

  private static String inject(Baggage baggage) {
    Map<String, String> carrier = new HashMap<String, String>();
    PROPAGATOR.inject(Context.root().with(baggage), carrier, SETTER);
    return carrier.get("baggage");
  }

  @Test
  void extract_simpleMembers_inOrder() {
    Baggage baggage = extract("userId=alice,serverNode=DF%2028,isProduction=false");

    assertEquals(3, baggage.size());
    assertEquals("userId", baggage.name(0));
    assertEquals("alice", baggage.value(0));
    assertEquals("serverNode", baggage.name(1));
    assertEquals("DF 28", baggage.value(1));
    assertEquals("isProduction", baggage.name(2));
    assertEquals("false", baggage.value(2));
    assertEquals("", baggage.metadata(0));
  }

  @Test
  void extract_whitespaceAroundKeysValuesAndSeparators_isTrimmed() {
    Baggage baggage = extract(" userId =   alice\t, serverNode = DF%2028 ,isProduction = false ");

    assertEquals("alice", baggage.get("userId"));
    assertEquals("DF 28", baggage.get("serverNode"));
    assertEquals("false", baggage.get("isProduction"));
  }

  @Test
  void extract_properties_areKeptAsMetadata() {
    Baggage baggage =
        extract("key1=value1;property1;property2, key2 = value2, key3=value3; propertyKey=propertyValue");

    assertEquals("value1", baggage.get("key1"));
    assertEquals("property1;property2", baggage.metadata(0));
    assertEquals("value2", baggage.get("key2"));
    assertEquals("", baggage.metadata(1));
    assertEquals("value3", baggage.get("key3"));
    assertEquals("propertyKey=propertyValue", baggage.metadata(2));
  }

  @Test
  void extract_valueMayContainEqualsSigns() {
    assertEquals("a=b==", extract("k=a=b==").get("k"));
  }

  @Test
  void extract_emptyValue_isValid() {
    Baggage baggage = extract("empty=,other=1");

    assertEquals("", baggage.get("empty"));
    assertEquals("1", baggage.get("other"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "%20|' '",
        "caf%C3%A9|caf\u00e9",
        "caf%c3%a9|caf\u00e9",
        "%E2%82%AC|\u20ac",
        "%F0%9F%98%80|\uD83D\uDE00",
        "100%25|100%",
        "a%2Cb%3Bc|a,b;c",
        "plus+stays|plus+stays",
        "bad%zzescape|bad%zzescape",
        "trailing%|trailing%",
        "trailing%4|trailing%4",
        "%FF|\uFFFD",
        "%C3|\uFFFD",
      })
  void extract_percentEncodedValues_areDecodedAsUtf8(String encoded, String decoded) {
    assertEquals(decoded, extract("k=" + encoded).get("k"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "noequals",
        "=novalue",
        " = value",
        "bad key=v",
        "bad(key)=v",
        "k\u00e9y=v",
        "k=has space",
        "k=quote\"d",
        "k=back\\slash",
        "k=caf\u00e9",
        "k=v;",
        "k=v;;p",
        "k=v;bad prop",
        "k=v;p=has space",
        "k=v;=x",
      })
  void extract_invalidMember_isSkippedAndOthersKept(String invalid) {
    Baggage baggage = extract("first=1," + invalid + ",last=2");

    assertEquals(2, baggage.size(), invalid);
    assertEquals("1", baggage.get("first"));
    assertEquals("2", baggage.get("last"));
  }

  @Test
  void extract_onlyInvalidMembers_leavesContextUnchanged() {
    Context base = Context.root().with(Baggage.empty().with("kept", "yes", ""));

    assertSame(base, PROPAGATOR.extract(base, headers("baggage", "no equals,,;"), EXACT_GETTER));
    assertSame(base, PROPAGATOR.extract(base, headers("baggage", ""), EXACT_GETTER));
    assertSame(base, PROPAGATOR.extract(base, headers(), EXACT_GETTER));
  }

  @Test
  void extract_addsToTheContextBaggage_headerWinsOnSameName() {
    Context base =
        Context.root().with(Baggage.empty().with("local", "1", "").with("shared", "old", ""));

    Baggage baggage =
        PROPAGATOR.extract(base, headers("baggage", "shared=new,remote=2"), EXACT_GETTER).baggage();

    assertEquals("1", baggage.get("local"));
    assertEquals("new", baggage.get("shared"));
    assertEquals("2", baggage.get("remote"));
  }

  @Test
  void extract_repeatedName_lastOneWins() {
    assertEquals("2", extract("k=1,k=2").get("k"));
  }

  @Test
  void extract_atMost180Members() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      sb.append(i > 0 ? "," : "").append("k").append(i).append("=v");
    }

    Baggage baggage = extract(sb.toString());

    assertEquals(180, baggage.size());
    assertEquals("v", baggage.get("k179"));
    assertNull(baggage.get("k180"));
  }

  @Test
  void extract_invalidMembersDoNotCountTowardTheLimit() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      sb.append("bad member,");
    }
    for (int i = 0; i < 180; i++) {
      sb.append(i > 0 ? "," : "").append("k").append(i).append("=v");
    }

    assertEquals(180, extract(sb.toString()).size());
  }

  @Test
  void extract_atMost8192BytesOfMembers_neverAPartialOne() {
    String big = W3CTraceContextPropagatorTest.repeat('x', 4000);
    // 2 + 4000 twice, with a comma: 8005 bytes; the third does not fit, the small one does.
    String header = "a=" + big + ",b=" + big + ",c=" + big + ",d=small";

    Baggage baggage = extract(header);

    assertEquals(big, baggage.get("a"));
    assertEquals(big, baggage.get("b"));
    assertNull(baggage.get("c"));
    assertEquals("small", baggage.get("d"));
  }

  @Test
  void extract_headerNameInAnyCase_isFoundByCaseInsensitiveGetter() {
    Baggage baggage =
        PROPAGATOR.extract(Context.root(), headers("Baggage", "k=v"), HTTP_GETTER).baggage();

    assertEquals("v", baggage.get("k"));
  }

  private static Baggage extractLines(String... baggageLines) {
    Carriers.Lines lines = new Carriers.Lines();
    for (String line : baggageLines) {
      lines.add("baggage", line);
    }
    return PROPAGATOR.extract(Context.root(), lines, Carriers.LINES_GETTER).baggage();
  }

  @Test
  void extract_baggageOnSeveralLines_isOneListInOrder() {
    Baggage baggage = extractLines("userId=alice", "serverNode=DF%2028,isProduction=false");

    assertEquals(3, baggage.size());
    assertEquals("userId", baggage.name(0));
    assertEquals("serverNode", baggage.name(1));
    assertEquals("DF 28", baggage.value(1));
    assertEquals("isProduction", baggage.name(2));
  }

  @Test
  void extract_emptyOrInvalidBaggageLine_losesNothingElse() {
    Baggage baggage = extractLines("", "a=1", "no-equals-sign", " ", "b=2;prop");

    assertEquals(2, baggage.size());
    assertEquals("1", baggage.get("a"));
    assertEquals("2", baggage.get("b"));
    assertEquals("prop", baggage.metadata(1));
  }

  @Test
  void extract_sameNameOnALaterLine_lastOneWins_asOnOneLine() {
    assertEquals("2", extractLines("a=1", "a=2").get("a"));
    assertEquals(extract("a=1,b=x,a=2").get("a"), extractLines("a=1,b=x", "a=2").get("a"));
  }

  @Test
  void extract_limitsCountAcrossLines() {
    String[] lines = new String[200];
    for (int i = 0; i < lines.length; i++) {
      lines[i] = "k" + i + "=v";
    }

    Baggage baggage = extractLines(lines);

    assertEquals(W3CBaggagePropagator.MAX_MEMBERS, baggage.size());
    assertEquals("k0", baggage.name(0));
  }

  @Test
  void extract_throwingGetter_leavesContextUnchanged() {
    Context base = Context.root();

    assertSame(base, PROPAGATOR.extract(base, headers(), Carriers.THROWING_GETTER));
    assertSame(base, PROPAGATOR.extract(base, headers("baggage", "k=v"), null));
  }

  // ---- inject ----

  @Test
  void inject_writesMembersInOrder() {
    Baggage baggage =
        Baggage.empty().with("userId", "alice", "").with("isProduction", "false", "");

    assertEquals("userId=alice,isProduction=false", inject(baggage));
  }

  @Test
  void inject_percentEncodesWhatABaggageOctetCannotHold() {
    Baggage baggage =
        Baggage.empty()
            .with("space", "DF 28", "")
            .with("specials", "a,b;c\"d\\e%f", "")
            .with("unicode", "caf\u00e9 \u20ac \uD83D\uDE00", "")
            .with("safe", "!#$&'()*+-./:<=>?@[]^_`{|}~", "");

    assertEquals(
        "space=DF%2028,"
            + "specials=a%2Cb%3Bc%22d%5Ce%25f,"
            + "unicode=caf%C3%A9%20%E2%82%AC%20%F0%9F%98%80,"
            + "safe=!#$&'()*+-./:<=>?@[]^_`{|}~",
        inject(baggage));
  }

  @Test
  void inject_loneSurrogate_isEncodedAsReplacementCharacter() {
    assertEquals("k=a%EF%BF%BDb", inject(Baggage.empty().with("k", "a\uD800b", "")));
  }

  @Test
  void inject_writesValidMetadataAsProperties() {
    Baggage baggage =
        Baggage.empty()
            .with("k1", "v1", "p1;p2=x")
            .with("k2", "v2", " bad property ")
            .with("k3", "v3", "");

    assertEquals("k1=v1;p1;p2=x,k2=v2,k3=v3", inject(baggage));
  }

  @Test
  void inject_skipsEntriesWhoseNameIsNotAToken() {
    Baggage baggage =
        Baggage.empty().with("bad name", "1", "").with("", "2", "").with("good", "3", "");

    assertEquals("good=3", inject(baggage));
  }

  @Test
  void inject_emptyBaggage_writesNothing() {
    Map<String, String> carrier = new HashMap<String, String>();

    PROPAGATOR.inject(Context.root(), carrier, SETTER);
    PROPAGATOR.inject(Context.root().with(Baggage.empty().with("bad name", "v", "")), carrier, SETTER);

    assertTrue(carrier.isEmpty());
  }

  @Test
  void inject_atMost180MembersAnd8192Bytes() {
    Baggage many = Baggage.empty();
    for (int i = 0; i < 200; i++) {
      many = many.with("k" + i, "v", "");
    }
    String manyHeader = inject(many);
    assertEquals(180, manyHeader.split(",").length);

    String big = W3CTraceContextPropagatorTest.repeat('x', 4000);
    Baggage large =
        Baggage.empty().with("a", big, "").with("b", big, "").with("c", big, "").with("d", "s", "");
    String largeHeader = inject(large);
    assertTrue(largeHeader.length() <= 8192);
    assertEquals("a=" + big + ",b=" + big + ",d=s", largeHeader);
  }

  @Test
  void injectThenExtract_roundTripsNamesValuesAndMetadata() {
    Baggage original =
        Baggage.empty()
            .with("user", "J\u00fcrgen M\u00fcller, CEO; \"boss\"", "")
            .with("tenant", "a=b%c", "ttl=10;shared")
            .with("emoji", "\uD83D\uDE00", "")
            .with("empty", "", "");

    Baggage extracted = extract(inject(original));

    assertEquals(original.size(), extracted.size());
    for (int i = 0; i < original.size(); i++) {
      assertEquals(original.name(i), extracted.name(i));
      assertEquals(original.value(i), extracted.value(i));
      assertEquals(original.metadata(i), extracted.metadata(i));
    }
  }

  @Test
  void inject_throwingSetter_neverThrows() {
    PROPAGATOR.inject(
        Context.root().with(Baggage.empty().with("k", "v", "")), headers(), Carriers.THROWING_SETTER);
  }

  @Test
  void fields_isTheBaggageHeader() {
    assertEquals(1, PROPAGATOR.fields().size());
    assertFalse(PROPAGATOR.fields().isEmpty());
    assertEquals("baggage", PROPAGATOR.fields().iterator().next());
  }
}
