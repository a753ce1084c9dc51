package dev.weft.core.trace;

/** The type of an attribute value, as the OTLP {@code AnyValue} distinguishes them. */
public enum AttributeType {
  STRING,
  LONG,
  DOUBLE,
  BOOLEAN,
  STRING_ARRAY,
  LONG_ARRAY,
  DOUBLE_ARRAY,
  BOOLEAN_ARRAY
}
