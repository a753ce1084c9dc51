package dev.weft.core.trace;

/**
 * A read-only view of typed attributes, in the order they were first set, read by index so that
 * exporters iterate without allocating. Which accessor applies to an index is given by {@link
 * #type(int)}; the others' results are unspecified.
 *
 * <p>Attributes of an ended span are not modified any more, and are safe to read from the export
 * thread once the span reached it through the span processor's queue.
 */
public interface Attributes {

  int size();

  String key(int index);

  AttributeType type(int index);

  /** For {@link AttributeType#STRING}. */
  String stringValue(int index);

  /** For {@link AttributeType#LONG}. */
  long longValue(int index);

  /** For {@link AttributeType#DOUBLE}. */
  double doubleValue(int index);

  /** For {@link AttributeType#BOOLEAN}. */
  boolean booleanValue(int index);

  /**
   * For the array types: a {@code String[]}, {@code long[]}, {@code double[]} or {@code
   * boolean[]}. Must not be modified.
   */
  Object arrayValue(int index);

  /** The index of {@code key}, or -1. */
  int indexOf(String key);
}
