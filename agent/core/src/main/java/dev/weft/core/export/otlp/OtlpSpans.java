package dev.weft.core.export.otlp;

import dev.weft.api.SpanContext;
import dev.weft.api.SpanKind;
import dev.weft.api.StatusCode;
import dev.weft.core.trace.SpanData;
import java.util.Arrays;
import java.util.List;

/**
 * One batch as both OTLP encoders lay it out: spans grouped by instrumentation scope, scopes in
 * the order they first appear, spans of a scope in batch order; plus the mapping of the span
 * model's values to OTLP's numbers, kept here so that protobuf and JSON cannot disagree.
 *
 * <p>Grouping is a counting sort over small arrays, made once per batch; nothing is allocated
 * per span. Null spans in the list are skipped, and a null scope name counts as {@code ""}.
 * Immutable after construction; not shared between threads.
 */
final class OtlpSpans {

  /** {@code SpanFlags.SPAN_FLAGS_CONTEXT_HAS_IS_REMOTE_MASK}: the next bit is meaningful. */
  static final int FLAG_HAS_IS_REMOTE = 0x100;

  /** {@code SpanFlags.SPAN_FLAGS_CONTEXT_IS_REMOTE_MASK}: the parent came from another process. */
  static final int FLAG_IS_REMOTE = 0x200;

  private final String[] scopeNames;
  private final int scopeCount;
  /** Where each scope's spans start in {@link #ordered}; entry {@code scopeCount} is the end. */
  private final int[] scopeStarts;
  private final SpanData[] ordered;

  OtlpSpans(List<SpanData> spans) {
    SpanData[] inBatchOrder = new SpanData[spans.size()];
    int n = 0;
    for (SpanData span : spans) {
      if (span != null) {
        inBatchOrder[n++] = span;
      }
    }
    String[] names = new String[4];
    int scopes = 0;
    int[] scopeOf = new int[n];
    for (int i = 0; i < n; i++) {
      String name = orEmpty(inBatchOrder[i].scopeName());
      int s = indexOf(names, scopes, name);
      if (s < 0) {
        if (scopes == names.length) {
          names = Arrays.copyOf(names, scopes * 2);
        }
        names[scopes] = name;
        s = scopes++;
      }
      scopeOf[i] = s;
    }
    int[] starts = new int[scopes + 1];
    for (int i = 0; i < n; i++) {
      starts[scopeOf[i] + 1]++;
    }
    for (int s = 0; s < scopes; s++) {
      starts[s + 1] += starts[s];
    }
    int[] next = Arrays.copyOf(starts, scopes);
    SpanData[] grouped = new SpanData[n];
    for (int i = 0; i < n; i++) {
      grouped[next[scopeOf[i]]++] = inBatchOrder[i];
    }
    this.scopeNames = names;
    this.scopeCount = scopes;
    this.scopeStarts = starts;
    this.ordered = grouped;
  }

  private static int indexOf(String[] names, int count, String name) {
    for (int i = 0; i < count; i++) {
      // Scope names are mostly the same constant instances: try identity first.
      if (names[i] == name || names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  boolean isEmpty() {
    return ordered.length == 0;
  }

  int scopeCount() {
    return scopeCount;
  }

  /** Never null. */
  String scopeName(int scope) {
    return scopeNames[scope];
  }

  /** The index of the scope's first span, for {@link #span}. */
  int firstSpan(int scope) {
    return scopeStarts[scope];
  }

  /** One past the index of the scope's last span. */
  int endSpan(int scope) {
    return scopeStarts[scope + 1];
  }

  SpanData span(int index) {
    return ordered[index];
  }

  /** The OTLP {@code SpanKind} number; a missing kind is INTERNAL, the API's default. */
  static int kind(SpanKind kind) {
    if (kind == null) {
      return 1;
    }
    switch (kind) {
      case SERVER:
        return 2;
      case CLIENT:
        return 3;
      case PRODUCER:
        return 4;
      case CONSUMER:
        return 5;
      default:
        return 1;
    }
  }

  /** The OTLP {@code Status.StatusCode} number. */
  static int statusCode(StatusCode code) {
    if (code == StatusCode.OK) {
      return 1;
    }
    return code == StatusCode.ERROR ? 2 : 0;
  }

  /**
   * The OTLP {@code Span.flags}: the W3C trace flags in the low byte, and whether the parent is
   * remote, which OTLP carries so that a backend can tell a process's entry span from a child.
   */
  static int flags(SpanContext context, SpanContext parent) {
    int flags = (context.traceFlags() & 0xFF) | FLAG_HAS_IS_REMOTE;
    return parent.isRemote() ? flags | FLAG_IS_REMOTE : flags;
  }

  /** The parent of {@code span}, never null. */
  static SpanContext parent(SpanData span) {
    SpanContext parent = span.parentSpanContext();
    return parent == null ? SpanContext.INVALID : parent;
  }

  static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
