package dev.weft.api;

/** The outcome of a span, as in the OpenTelemetry trace model. */
public enum StatusCode {
  /** Nothing was said about the outcome; the default. */
  UNSET,
  /** The operation was explicitly marked as successful. */
  OK,
  /** The operation failed. */
  ERROR
}
