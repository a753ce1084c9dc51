package dev.weft.core.export;

import dev.weft.core.config.ConfigProperties;
import dev.weft.core.resource.Resource;
import dev.weft.core.sampler.Sampler;

/**
 * What every exporter may need at creation, beyond its own settings: the configuration to read
 * them from, the resource its spans come from, the sampler that chose them (a backend such as
 * Honeycomb wants the sample rate), the longest one export may take, and the agent's version
 * (for a {@code User-Agent}). Immutable and thread-safe.
 */
public final class ExporterContext {

  private final ConfigProperties config;
  private final Resource resource;
  private final Sampler sampler;
  private final long exportTimeoutMillis;
  private final String agentVersion;

  public ExporterContext(
      ConfigProperties config,
      Resource resource,
      Sampler sampler,
      long exportTimeoutMillis,
      String agentVersion) {
    this.config = config;
    this.resource = resource;
    this.sampler = sampler;
    this.exportTimeoutMillis = exportTimeoutMillis;
    this.agentVersion = agentVersion;
  }

  public ConfigProperties config() {
    return config;
  }

  public Resource resource() {
    return resource;
  }

  public Sampler sampler() {
    return sampler;
  }

  /** The most one export may take, retries included ({@code otel.bsp.export.timeout}). */
  public long exportTimeoutMillis() {
    return exportTimeoutMillis;
  }

  /** The agent's version, e.g. {@code 0.1.0}. */
  public String agentVersion() {
    return agentVersion;
  }

  /** {@code weft-agent/<version>}, the {@code User-Agent} of the agent's export requests. */
  public String userAgent() {
    return "weft-agent/" + agentVersion;
  }
}
