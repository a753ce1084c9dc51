package dev.weft.instrumentation.javahttpclient;

import dev.weft.api.propagation.TextMapSetter;

/**
 * The headers the propagators write for one call, collected before they go into the request
 * (an {@code HttpRequest} is immutable, so they cannot be written into it directly). Setting a
 * name again replaces its value; names compare case-insensitively, as HTTP header names do.
 *
 * <p>Helper class: defined in {@code java.net.http}'s class loader. Confined to the thread that
 * sends the request.
 */
final class InjectedHeaders {

  /** Writes into an {@code InjectedHeaders}. */
  static final TextMapSetter<InjectedHeaders> SETTER = new Setter();

  // The default propagators (tracecontext, baggage) write at most three headers; b3multi alone
  // writes up to four. Grows for combinations that write more.
  private String[] names = new String[4];
  private String[] values = new String[4];
  private int size;

  int size() {
    return size;
  }

  String name(int index) {
    return names[index];
  }

  String value(int index) {
    return values[index];
  }

  /** Whether a header of this name (any case) was set. */
  boolean contains(String name) {
    return indexOf(name) >= 0;
  }

  void put(String name, String value) {
    if (name == null || value == null) {
      return;
    }
    int index = indexOf(name);
    if (index >= 0) {
      values[index] = value;
      return;
    }
    if (size == names.length) {
      names = java.util.Arrays.copyOf(names, size * 2);
      values = java.util.Arrays.copyOf(values, size * 2);
    }
    names[size] = name;
    values[size] = value;
    size++;
  }

  private int indexOf(String name) {
    for (int i = 0; i < size; i++) {
      if (names[i].equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  /** Stateless. */
  private static final class Setter implements TextMapSetter<InjectedHeaders> {
    @Override
    public void set(InjectedHeaders carrier, String key, String value) {
      if (carrier != null) {
        carrier.put(key, value);
      }
    }
  }
}
