package dev.weft.instrumentation.opentelemetryapi;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.api.common.Attributes;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Turns the application's typed attributes into the agent's: a key of the API's {@link
 * AttributeType} becomes the setter of the same type, a list value an array. A type the agent
 * does not know (one a later API version adds) is kept as its text. Stateless and thread-safe.
 */
final class ApplicationAttributes {

  private ApplicationAttributes() {}

  /** Sets one attribute of the application's on the agent's span. */
  static void set(dev.weft.api.Span span, AttributeKey<?> key, Object value) {
    if (key == null || value == null) {
      return;
    }
    String name = key.getKey();
    Object converted = value(key.getType(), value);
    if (converted instanceof String) {
      span.setAttribute(name, (String) converted);
    } else if (converted instanceof Boolean) {
      span.setAttribute(name, ((Boolean) converted).booleanValue());
    } else if (converted instanceof Long) {
      span.setAttribute(name, ((Long) converted).longValue());
    } else if (converted instanceof Double) {
      span.setAttribute(name, ((Double) converted).doubleValue());
    } else if (converted instanceof String[]) {
      span.setAttribute(name, (String[]) converted);
    } else if (converted instanceof boolean[]) {
      span.setAttribute(name, (boolean[]) converted);
    } else if (converted instanceof long[]) {
      span.setAttribute(name, (long[]) converted);
    } else if (converted instanceof double[]) {
      span.setAttribute(name, (double[]) converted);
    }
  }

  /**
   * Keys and values alternating, as {@link dev.weft.api.Span#addEvent(String, Object[], long)}
   * takes them; null for none.
   */
  static Object[] pairs(Attributes attributes) {
    if (attributes == null || attributes.isEmpty()) {
      return null;
    }
    PairCollector collector = new PairCollector(attributes.size());
    attributes.forEach(collector);
    return collector.pairs;
  }

  /** The value as the agent holds it for {@code type}: a boxed scalar, an array, or text. */
  static Object value(AttributeType type, Object value) {
    if (type == AttributeType.STRING) {
      return value.toString();
    }
    if (type == AttributeType.BOOLEAN
        || type == AttributeType.LONG
        || type == AttributeType.DOUBLE) {
      return value;
    }
    if (!(value instanceof List)) {
      return value.toString();
    }
    List<?> list = (List<?>) value;
    int n = list.size();
    if (type == AttributeType.STRING_ARRAY) {
      String[] array = new String[n];
      for (int i = 0; i < n; i++) {
        Object element = list.get(i);
        array[i] = element == null ? null : element.toString();
      }
      return array;
    }
    if (type == AttributeType.BOOLEAN_ARRAY) {
      boolean[] array = new boolean[n];
      for (int i = 0; i < n; i++) {
        array[i] = Boolean.TRUE.equals(list.get(i));
      }
      return array;
    }
    if (type == AttributeType.LONG_ARRAY) {
      long[] array = new long[n];
      for (int i = 0; i < n; i++) {
        Object element = list.get(i);
        array[i] = element instanceof Number ? ((Number) element).longValue() : 0L;
      }
      return array;
    }
    if (type == AttributeType.DOUBLE_ARRAY) {
      double[] array = new double[n];
      for (int i = 0; i < n; i++) {
        Object element = list.get(i);
        array[i] = element instanceof Number ? ((Number) element).doubleValue() : 0.0;
      }
      return array;
    }
    return value.toString();
  }

  /** Collects an {@code Attributes}' entries as key/value pairs. */
  private static final class PairCollector implements BiConsumer<AttributeKey<?>, Object> {
    final Object[] pairs;
    private int next;

    PairCollector(int size) {
      pairs = new Object[size * 2];
    }

    @Override
    public void accept(AttributeKey<?> key, Object value) {
      if (next < pairs.length && key != null && value != null) {
        pairs[next++] = key.getKey();
        pairs[next++] = value(key.getType(), value);
      }
    }
  }
}
