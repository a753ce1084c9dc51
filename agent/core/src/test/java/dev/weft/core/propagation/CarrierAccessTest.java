package dev.weft.core.propagation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.api.propagation.TextMapGetter;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a header's lines become the one field value every propagator reads. */
class CarrierAccessTest {

  private static String fieldValue(String... lines) {
    Carriers.Lines carrier = new Carriers.Lines();
    for (String line : lines) {
      carrier.add("tracestate", line);
    }
    return CarrierAccess.fieldValue(Carriers.LINES_GETTER, carrier, "tracestate");
  }

  @Test
  void absentHeader_isNull() {
    assertNull(fieldValue());
  }

  @Test
  void oneLine_isReturnedAsIs() {
    String line = "a=1, b=2";
    Carriers.Lines carrier = Carriers.lines("tracestate", line);

    assertSame(line, CarrierAccess.fieldValue(Carriers.LINES_GETTER, carrier, "tracestate"));
  }

  @Test
  void severalLines_areJoinedInOrderWithCommas() {
    assertEquals("a=1,b=2, c=3,d=4", fieldValue("a=1", "b=2, c=3", "d=4"));
  }

  @Test
  void emptyLines_stayEmptyListMembers() {
    assertEquals(",a=1,", fieldValue("", "a=1", ""));
  }

  @Test
  void getterWithoutGetAll_givesItsOneValue() {
    Map<String, String> carrier = Carriers.headers("tracestate", "a=1");

    assertEquals("a=1", CarrierAccess.fieldValue(Carriers.EXACT_GETTER, carrier, "tracestate"));
    assertNull(CarrierAccess.fieldValue(Carriers.EXACT_GETTER, carrier, "baggage"));
  }

  @Test
  void linesBeyondTheLimit_areDroppedWholeNeverCut() {
    String[] lines = new String[1000];
    Arrays.fill(lines, "k=" + W3CTraceContextPropagatorTest.repeat('v', 98));

    String value = fieldValue(lines);

    assertTrue(value.length() <= CarrierAccess.MAX_FIELD_LENGTH, "length " + value.length());
    assertEquals(0, (value.length() + 1) % 101, "whole lines only: " + value.length());
  }

  @Test
  void nullIteratorOrNullLines_areToleratedAndGetterFailuresAreAbsence() {
    TextMapGetter<Object> nullIterator =
        new TextMapGetter<Object>() {
          @Override
          public String get(Object carrier, String key) {
            return null;
          }

          @Override
          public Iterator<String> getAll(Object carrier, String key) {
            return null;
          }
        };
    TextMapGetter<Object> nullLines =
        new TextMapGetter<Object>() {
          @Override
          public String get(Object carrier, String key) {
            return null;
          }

          @Override
          public Iterator<String> getAll(Object carrier, String key) {
            return Arrays.asList("a=1", null, "b=2").iterator();
          }
        };
    TextMapGetter<Object> throwing =
        new TextMapGetter<Object>() {
          @Override
          public String get(Object carrier, String key) {
            return null;
          }

          @Override
          public Iterator<String> getAll(Object carrier, String key) {
            throw new IllegalStateException("request already recycled");
          }
        };

    assertNull(CarrierAccess.fieldValue(nullIterator, new Object(), "tracestate"));
    assertEquals("a=1,,b=2", CarrierAccess.fieldValue(nullLines, new Object(), "tracestate"));
    assertNull(CarrierAccess.fieldValue(throwing, new Object(), "tracestate"));
  }
}
