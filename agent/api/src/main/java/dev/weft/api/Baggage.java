package dev.weft.api;

/**
 * Name/value pairs that travel with a trace across processes (W3C Baggage). Immutable and
 * thread-safe; {@link #with} returns a new instance.
 *
 * <p>Held as parallel arrays in insertion order: baggage is small (a handful of entries) and is
 * read far more often than it is built.
 */
public final class Baggage {

  private static final String[] NONE = new String[0];
  private static final Baggage EMPTY = new Baggage(NONE, NONE, NONE);

  private final String[] names;
  private final String[] values;
  private final String[] metadata;

  private Baggage(String[] names, String[] values, String[] metadata) {
    this.names = names;
    this.values = values;
    this.metadata = metadata;
  }

  public static Baggage empty() {
    return EMPTY;
  }

  public int size() {
    return names.length;
  }

  public boolean isEmpty() {
    return names.length == 0;
  }

  public String name(int index) {
    return names[index];
  }

  public String value(int index) {
    return values[index];
  }

  /** The entry's properties after the first {@code ;}, or {@code ""}. Never null. */
  public String metadata(int index) {
    return metadata[index];
  }

  /** The value of the entry with this name, or null. */
  public String get(String name) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return values[i];
      }
    }
    return null;
  }

  /** A baggage with this entry added, or replaced when the name is already present. */
  public Baggage with(String name, String value, String entryMetadata) {
    if (name == null || value == null) {
      return this;
    }
    String meta = entryMetadata == null ? "" : entryMetadata;
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        String[] newValues = values.clone();
        String[] newMetadata = metadata.clone();
        newValues[i] = value;
        newMetadata[i] = meta;
        return new Baggage(names, newValues, newMetadata);
      }
    }
    int n = names.length;
    String[] newNames = new String[n + 1];
    String[] newValues = new String[n + 1];
    String[] newMetadata = new String[n + 1];
    System.arraycopy(names, 0, newNames, 0, n);
    System.arraycopy(values, 0, newValues, 0, n);
    System.arraycopy(metadata, 0, newMetadata, 0, n);
    newNames[n] = name;
    newValues[n] = value;
    newMetadata[n] = meta;
    return new Baggage(newNames, newValues, newMetadata);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Baggage{");
    for (int i = 0; i < names.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(names[i]).append('=').append(values[i]);
    }
    return sb.append('}').toString();
  }
}
