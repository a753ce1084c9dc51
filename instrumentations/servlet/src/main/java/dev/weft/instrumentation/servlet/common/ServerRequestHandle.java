package dev.weft.instrumentation.servlet.common;

import dev.weft.api.Context;
import dev.weft.api.Scope;
import dev.weft.api.Span;

/**
 * What the entry of an instrumented servlet or filter call hands to its exit: the request's
 * server span, its context, and the scope to close on the calling thread.
 *
 * <p>{@link #owner} tells whether this call started the span (and so must end it, or hand it to
 * an asynchronous listener) or only re-entered an existing request (an async dispatch on another
 * thread) and must just close its scope. Confined to one request; the span may be ended from a
 * container thread through the async listener.
 */
public final class ServerRequestHandle {

  final Context context;
  final Span span;
  final Scope scope;
  final boolean owner;

  ServerRequestHandle(Context context, Span span, Scope scope, boolean owner) {
    this.context = context;
    this.span = span;
    this.scope = scope;
    this.owner = owner;
  }

  public Span span() {
    return span;
  }

  public Context context() {
    return context;
  }
}
