package dev.weft.instrumentation.http;

import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The lines of one request header as a server API enumerates them ({@code
 * HttpServletRequest.getHeaders(name)}), as the {@link Iterator} that {@code
 * TextMapGetter.getAll} returns: a getter hands the propagators every line, and the core combines
 * them. Reads the enumeration lazily, as the propagator iterates. Confined to one thread.
 */
public final class HeaderLines implements Iterator<String> {

  private final Enumeration<String> lines;

  private HeaderLines(Enumeration<String> lines) {
    this.lines = lines;
  }

  /** The lines of {@code lines}; empty when it is null (a container that hides headers). */
  public static Iterator<String> of(Enumeration<String> lines) {
    if (lines == null || !lines.hasMoreElements()) {
      return Collections.<String>emptyIterator();
    }
    return new HeaderLines(lines);
  }

  @Override
  public boolean hasNext() {
    return lines.hasMoreElements();
  }

  @Override
  public String next() {
    if (!lines.hasMoreElements()) {
      throw new NoSuchElementException();
    }
    return lines.nextElement();
  }

  @Override
  public void remove() {
    throw new UnsupportedOperationException("header lines are read-only");
  }
}
