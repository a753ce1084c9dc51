/**
 * The propagators that carry a trace across process boundaries as text headers: W3C Trace
 * Context ({@code traceparent}, {@code tracestate}), W3C Baggage, B3 (single and multi header),
 * and the Honeycomb beeline header; {@link dev.weft.core.propagation.Propagators#fromConfig}
 * picks them from {@code otel.propagators}.
 *
 * <p><b>Header names.</b> Every propagator asks its {@link dev.weft.api.propagation.TextMapGetter}
 * for keys in lower case ({@code traceparent}, {@code x-b3-traceid}, {@code x-honeycomb-trace}),
 * and passes lower-case keys to its {@link dev.weft.api.propagation.TextMapSetter}. HTTP header
 * names are case-insensitive, so a getter over HTTP headers must find a key whatever case the
 * sender used ({@code TraceParent}, {@code X-B3-TraceId}); servlet containers and HTTP client
 * libraries already look headers up that way. A getter over a case-sensitive carrier (a message
 * property map) sees exactly the names this package writes.
 *
 * <p><b>Repeated headers.</b> When a request carries a header more than once, the getter should
 * return the values joined with {@code ","} (RFC 7230 section 3.2.2), which is the correct
 * combination for {@code tracestate} and {@code baggage}; a repeated {@code traceparent} then
 * fails validation and is ignored, as the W3C specification wants.
 *
 * <p><b>Failure.</b> The propagators are immutable and thread-safe, and never throw: a malformed
 * value is ignored as if it were absent (never half-used), and a getter or setter that throws is
 * treated as an absent header or a failed write, logged once.
 */
package dev.weft.core.propagation;
