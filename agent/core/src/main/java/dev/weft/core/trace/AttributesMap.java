package dev.weft.core.trace;

/**
 * Mutable attributes with a bound on their number and on the length of string values, as a span
 * or an event holds them while it records.
 *
 * <p>Stored in parallel arrays grown on demand, so a primitive value is never boxed. Setting a
 * key that is present replaces its value in place; a new key beyond the bound is dropped and
 * counted. Strings longer than the length bound are truncated (array elements too).
 *
 * <p>Not thread-safe: the owner (a span) is written by one thread at a time and read after it
 * ended.
 */
public final class AttributesMap implements Attributes {

  private static final int INITIAL_CAPACITY = 8;

  private final int maxCount;
  private final int maxValueLength;

  private String[] keys;
  private AttributeType[] types;
  private long[] primitives;
  private Object[] objects;
  private int size;
  private int dropped;

  public AttributesMap(int maxCount, int maxValueLength) {
    this.maxCount = maxCount;
    this.maxValueLength = maxValueLength;
  }

  public void put(String key, String value) {
    if (value == null) {
      return;
    }
    int i = slot(key, AttributeType.STRING);
    if (i >= 0) {
      objects[i] = truncate(value);
    }
  }

  public void put(String key, long value) {
    int i = slot(key, AttributeType.LONG);
    if (i >= 0) {
      primitives[i] = value;
      objects[i] = null;
    }
  }

  public void put(String key, double value) {
    int i = slot(key, AttributeType.DOUBLE);
    if (i >= 0) {
      primitives[i] = Double.doubleToRawLongBits(value);
      objects[i] = null;
    }
  }

  public void put(String key, boolean value) {
    int i = slot(key, AttributeType.BOOLEAN);
    if (i >= 0) {
      primitives[i] = value ? 1L : 0L;
      objects[i] = null;
    }
  }

  public void put(String key, String[] values) {
    if (values == null) {
      return;
    }
    int i = slot(key, AttributeType.STRING_ARRAY);
    if (i >= 0) {
      String[] copy = values.clone();
      for (int j = 0; j < copy.length; j++) {
        copy[j] = copy[j] == null ? null : truncate(copy[j]);
      }
      objects[i] = copy;
    }
  }

  public void put(String key, long[] values) {
    if (values != null) {
      putArray(key, AttributeType.LONG_ARRAY, values.clone());
    }
  }

  public void put(String key, double[] values) {
    if (values != null) {
      putArray(key, AttributeType.DOUBLE_ARRAY, values.clone());
    }
  }

  public void put(String key, boolean[] values) {
    if (values != null) {
      putArray(key, AttributeType.BOOLEAN_ARRAY, values.clone());
    }
  }

  private void putArray(String key, AttributeType type, Object copy) {
    int i = slot(key, type);
    if (i >= 0) {
      objects[i] = copy;
    }
  }

  /** The index to write {@code key} at with {@code type}, or -1 when it is dropped. */
  private int slot(String key, AttributeType type) {
    if (key == null || key.isEmpty()) {
      return -1;
    }
    for (int i = 0; i < size; i++) {
      if (keys[i].equals(key)) {
        types[i] = type;
        return i;
      }
    }
    if (size >= maxCount) {
      dropped++;
      return -1;
    }
    if (keys == null) {
      int capacity = Math.min(INITIAL_CAPACITY, Math.max(maxCount, 1));
      keys = new String[capacity];
      types = new AttributeType[capacity];
      primitives = new long[capacity];
      objects = new Object[capacity];
    } else if (size == keys.length) {
      int capacity = Math.min(keys.length * 2, maxCount);
      keys = java.util.Arrays.copyOf(keys, capacity);
      types = java.util.Arrays.copyOf(types, capacity);
      primitives = java.util.Arrays.copyOf(primitives, capacity);
      objects = java.util.Arrays.copyOf(objects, capacity);
    }
    keys[size] = key;
    types[size] = type;
    return size++;
  }

  private String truncate(String value) {
    return value.length() > maxValueLength ? value.substring(0, maxValueLength) : value;
  }

  /** How many attributes were dropped because the bound was reached. */
  public int droppedCount() {
    return dropped;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public String key(int index) {
    return keys[index];
  }

  @Override
  public AttributeType type(int index) {
    return types[index];
  }

  @Override
  public String stringValue(int index) {
    return (String) objects[index];
  }

  @Override
  public long longValue(int index) {
    return primitives[index];
  }

  @Override
  public double doubleValue(int index) {
    return Double.longBitsToDouble(primitives[index]);
  }

  @Override
  public boolean booleanValue(int index) {
    return primitives[index] != 0L;
  }

  @Override
  public Object arrayValue(int index) {
    return objects[index];
  }

  @Override
  public int indexOf(String key) {
    for (int i = 0; i < size; i++) {
      if (keys[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < size; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(keys[i]).append('=');
      switch (types[i]) {
        case STRING:
          sb.append(objects[i]);
          break;
        case LONG:
          sb.append(longValue(i));
          break;
        case DOUBLE:
          sb.append(doubleValue(i));
          break;
        case BOOLEAN:
          sb.append(booleanValue(i));
          break;
        case STRING_ARRAY:
          sb.append(java.util.Arrays.toString((String[]) objects[i]));
          break;
        case LONG_ARRAY:
          sb.append(java.util.Arrays.toString((long[]) objects[i]));
          break;
        case DOUBLE_ARRAY:
          sb.append(java.util.Arrays.toString((double[]) objects[i]));
          break;
        default:
          sb.append(java.util.Arrays.toString((boolean[]) objects[i]));
          break;
      }
    }
    return sb.append('}').toString();
  }
}
