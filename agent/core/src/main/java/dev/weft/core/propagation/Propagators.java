package dev.weft.core.propagation;

import dev.weft.api.propagation.NoopTextMapPropagator;
import dev.weft.api.propagation.TextMapPropagator;
import dev.weft.core.config.ConfigProperties;
import dev.weft.core.log.AgentLog;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Builds the propagator the agent uses from {@code otel.propagators}, as the OpenTelemetry SDK
 * and Java agent read it: a comma-separated list of {@code tracecontext}, {@code baggage}, {@code
 * b3} (single header), {@code b3multi}, {@code honeycomb} and {@code none}, default {@code
 * tracecontext,baggage}. Names are matched case-insensitively and a repeated name counts once.
 *
 * <p>Bad configuration never stops the agent: an unknown name is logged as a warning and skipped;
 * {@code none} together with other names is warned about and ignored; when no valid name remains
 * the default is used. {@code none} alone turns propagation off. Stateless.
 */
public final class Propagators {

  /** The configuration key. */
  public static final String PROPAGATORS = "otel.propagators";

  private static final String KNOWN = "tracecontext, baggage, b3, b3multi, honeycomb, none";

  private static final TextMapPropagator DEFAULT =
      CompositePropagator.of(W3CTraceContextPropagator.INSTANCE, W3CBaggagePropagator.INSTANCE);

  private Propagators() {}

  /** W3C Trace Context then W3C Baggage: what {@code otel.propagators} defaults to. */
  public static TextMapPropagator defaultPropagator() {
    return DEFAULT;
  }

  /** The propagator {@code config} asks for; never null. */
  public static TextMapPropagator fromConfig(ConfigProperties config) {
    List<String> names = config.getList(PROPAGATORS);
    if (names.isEmpty()) {
      return DEFAULT;
    }
    List<TextMapPropagator> chosen = new ArrayList<TextMapPropagator>();
    Set<String> seen = new LinkedHashSet<String>();
    boolean none = false;
    for (String name : names) {
      String key = name.toLowerCase(Locale.ROOT);
      if (!seen.add(key)) {
        continue;
      }
      TextMapPropagator propagator = byName(key);
      if (propagator != null) {
        chosen.add(propagator);
      } else if (key.equals("none")) {
        none = true;
      } else {
        AgentLog.warn(
            "Unknown propagator '" + name + "' in " + PROPAGATORS + " (known: " + KNOWN
                + "); ignoring it");
      }
    }
    if (none) {
      if (chosen.isEmpty()) {
        return NoopTextMapPropagator.INSTANCE;
      }
      AgentLog.warn(
          "'none' in " + PROPAGATORS + " is ignored because other propagators are listed too");
    }
    if (chosen.isEmpty()) {
      AgentLog.info(
          "No usable propagator in " + PROPAGATORS + "; using the default tracecontext,baggage");
      return DEFAULT;
    }
    return chosen.size() == 1 ? chosen.get(0) : CompositePropagator.of(chosen);
  }

  private static TextMapPropagator byName(String name) {
    if (name.equals("tracecontext")) {
      return W3CTraceContextPropagator.INSTANCE;
    }
    if (name.equals("baggage")) {
      return W3CBaggagePropagator.INSTANCE;
    }
    if (name.equals("b3")) {
      return B3Propagator.singleHeader();
    }
    if (name.equals("b3multi")) {
      return B3Propagator.multiHeader();
    }
    if (name.equals("honeycomb")) {
      return HoneycombPropagator.INSTANCE;
    }
    return null;
  }
}
