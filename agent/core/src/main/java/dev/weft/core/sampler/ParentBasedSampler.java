package dev.weft.core.sampler;

import dev.weft.api.SpanContext;
import dev.weft.api.SpanKind;

/**
 * Follows the parent's decision and asks a root sampler only for spans that start a trace
 * ({@code otel.traces.sampler=parentbased_*}, the default), so a trace is kept or dropped whole.
 *
 * <p>With a valid parent the span is sampled exactly when the parent is, whether the parent is
 * remote (from request headers) or local: these are the OpenTelemetry SDK's defaults for its four
 * parent cases (remote sampled: always on; remote not sampled: always off; local sampled: always
 * on; local not sampled: always off), which all come down to the parent's sampled flag.
 *
 * <p>Immutable, thread-safe and allocation-free.
 */
public final class ParentBasedSampler implements Sampler {

  private final Sampler root;
  private final String description;

  private ParentBasedSampler(Sampler root) {
    this.root = root;
    this.description = "ParentBased{root:" + root.description() + '}';
  }

  /** A sampler that uses {@code root} for root spans and the parent's decision otherwise. */
  public static ParentBasedSampler create(Sampler root) {
    if (root == null) {
      throw new IllegalArgumentException("root sampler is null");
    }
    return new ParentBasedSampler(root);
  }

  @Override
  public boolean shouldSample(
      SpanContext parent, long traceIdHigh, long traceIdLow, String name, SpanKind kind) {
    if (parent == null || !parent.isValid()) {
      return root.shouldSample(SpanContext.INVALID, traceIdHigh, traceIdLow, name, kind);
    }
    // Remote or local parent alike: sampled parent -> sampled, unsampled parent -> not.
    return parent.isSampled();
  }

  public Sampler root() {
    return root;
  }

  /** {@code ParentBased{root:<root description>}}, e.g. {@code ParentBased{root:AlwaysOnSampler}}. */
  @Override
  public String description() {
    return description;
  }

  @Override
  public String toString() {
    return description;
  }
}
