package dev.weft.core.sampler;

import dev.weft.core.config.ConfigProperties;
import dev.weft.core.log.AgentLog;
import java.util.Locale;

/**
 * Builds the sampler from {@code otel.traces.sampler} and {@code otel.traces.sampler.arg}, with
 * the names of the OpenTelemetry SDK: {@code always_on}, {@code always_off}, {@code
 * traceidratio}, {@code parentbased_always_on} (the default), {@code parentbased_always_off} and
 * {@code parentbased_traceidratio}. The argument is the ratio of the two ratio samplers, a number
 * in {@code [0, 1]}, default 1.0; the other samplers ignore it.
 *
 * <p>Bad configuration never stops the agent: an unknown sampler name is warned about and the
 * default used, and a ratio that is not a number in range is warned about and 1.0 used. Stateless.
 */
public final class Samplers {

  /** The configuration key of the sampler name. */
  public static final String SAMPLER = "otel.traces.sampler";

  /** The configuration key of the sampler argument. */
  public static final String SAMPLER_ARG = "otel.traces.sampler.arg";

  private static final String DEFAULT_NAME = "parentbased_always_on";

  private static final Sampler DEFAULT = ParentBasedSampler.create(AlwaysOnSampler.INSTANCE);

  private Samplers() {}

  /** {@code ParentBased{root:AlwaysOnSampler}}: what {@code otel.traces.sampler} defaults to. */
  public static Sampler defaultSampler() {
    return DEFAULT;
  }

  /** The sampler {@code config} asks for; never null. */
  public static Sampler fromConfig(ConfigProperties config) {
    String name = config.getString(SAMPLER);
    if (name == null) {
      return DEFAULT;
    }
    String key = name.toLowerCase(Locale.ROOT);
    if (key.equals("always_on")) {
      return AlwaysOnSampler.INSTANCE;
    }
    if (key.equals("always_off")) {
      return AlwaysOffSampler.INSTANCE;
    }
    if (key.equals("traceidratio")) {
      return TraceIdRatioSampler.create(ratio(config));
    }
    if (key.equals(DEFAULT_NAME)) {
      return DEFAULT;
    }
    if (key.equals("parentbased_always_off")) {
      return ParentBasedSampler.create(AlwaysOffSampler.INSTANCE);
    }
    if (key.equals("parentbased_traceidratio")) {
      return ParentBasedSampler.create(TraceIdRatioSampler.create(ratio(config)));
    }
    AgentLog.warn(
        "Unknown sampler '"
            + name
            + "' in "
            + SAMPLER
            + " (known: always_on, always_off, traceidratio, parentbased_always_on,"
            + " parentbased_always_off, parentbased_traceidratio); using "
            + DEFAULT_NAME);
    return DEFAULT;
  }

  /** The ratio argument; {@link ConfigProperties#getDouble} warns about a bad one. */
  private static double ratio(ConfigProperties config) {
    return config.getDouble(SAMPLER_ARG, 1.0, 0.0, 1.0);
  }
}
