package dev.weft.instrumentation.httpurlconnection;

import dev.weft.api.Scope;

/**
 * One call of a woven method, from its enter advice to its exit advice; the enter advice's
 * return value. Public because woven JDK classes refer to it; nothing outside this package uses
 * its members.
 *
 * <p>Two shared constants stand for calls with nothing to do but keep the call depth: {@link
 * #NESTED} (inside another outgoing HTTP call on the thread) and {@link #UNTRACED} (outermost, on
 * a connection whose span has already ended). Any other instance is the outermost call of a
 * connection whose span is open: it holds the scope that made the span current and what this
 * call learnt of the response. Used by one thread only.
 */
public final class CallScope {

  static final CallScope NESTED = new CallScope(null, null);
  static final CallScope UNTRACED = new CallScope(null, null);

  final ConnectionState state;
  final Scope contextScope;

  /** The status of the latest response head read during this call; 0 for none yet. */
  int status;

  /** The protocol version of that response; null when unknown. */
  String protocolVersion;

  /** Set while reading the status line, so that a getter calling back in is not followed. */
  boolean readingStatusLine;

  CallScope(ConnectionState state, Scope contextScope) {
    this.state = state;
    this.contextScope = contextScope;
  }
}
