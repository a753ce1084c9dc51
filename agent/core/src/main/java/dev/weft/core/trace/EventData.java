package dev.weft.core.trace;

/** A timestamped note inside a span. Immutable once the span has ended. */
public final class EventData {

  private final String name;
  private final long epochNanos;
  private final AttributesMap attributes;

  EventData(String name, long epochNanos, AttributesMap attributes) {
    this.name = name;
    this.epochNanos = epochNanos;
    this.attributes = attributes;
  }

  public String name() {
    return name;
  }

  public long epochNanos() {
    return epochNanos;
  }

  /** Never null; empty when the event has none. */
  public Attributes attributes() {
    return attributes;
  }

  public int droppedAttributesCount() {
    return attributes.droppedCount();
  }

  @Override
  public String toString() {
    return "Event{" + name + ' ' + attributes + '}';
  }
}
