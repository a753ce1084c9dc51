package dev.weft.instrumentation.opentelemetryapi;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.BaggageBuilder;
import io.opentelemetry.api.baggage.BaggageEntry;
import io.opentelemetry.api.baggage.BaggageEntryMetadata;
import java.util.function.BiConsumer;

/**
 * Converts baggage between the application's OpenTelemetry API and the agent's, entry by entry
 * with its metadata. Baggage is small and rarely changes, so it is copied rather than wrapped.
 * Stateless and thread-safe.
 */
final class ApplicationBaggage {

  private ApplicationBaggage() {}

  static Baggage toApplication(dev.weft.api.Baggage weft) {
    if (weft.isEmpty()) {
      return Baggage.empty();
    }
    BaggageBuilder builder = Baggage.builder();
    for (int i = 0; i < weft.size(); i++) {
      builder.put(weft.name(i), weft.value(i), BaggageEntryMetadata.create(weft.metadata(i)));
    }
    return builder.build();
  }

  static dev.weft.api.Baggage toWeft(Baggage application) {
    if (application == null || application.size() == 0) {
      return dev.weft.api.Baggage.empty();
    }
    EntryCopier copier = new EntryCopier();
    application.forEach(copier);
    return copier.baggage;
  }

  /** Adds each entry of the application's baggage to the agent's. */
  private static final class EntryCopier implements BiConsumer<String, BaggageEntry> {
    dev.weft.api.Baggage baggage = dev.weft.api.Baggage.empty();

    @Override
    public void accept(String name, BaggageEntry entry) {
      if (entry != null) {
        BaggageEntryMetadata metadata = entry.getMetadata();
        baggage = baggage.with(name, entry.getValue(), metadata == null ? "" : metadata.getValue());
      }
    }
  }
}
