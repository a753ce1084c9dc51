package dev.weft.api;

/** The role of a span in a trace, as in the OpenTelemetry trace model. */
public enum SpanKind {
  /** An operation inside one process. */
  INTERNAL,
  /** The handling of a synchronous request that came from another process. */
  SERVER,
  /** A synchronous request to another process. */
  CLIENT,
  /** The sending of a message that a consumer handles later. */
  PRODUCER,
  /** The handling of a message a producer sent. */
  CONSUMER
}
