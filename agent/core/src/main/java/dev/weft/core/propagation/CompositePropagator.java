package dev.weft.core.propagation;

import dev.weft.api.Context;
import dev.weft.api.propagation.TextMapGetter;
import dev.weft.api.propagation.TextMapPropagator;
import dev.weft.api.propagation.TextMapSetter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Several propagators acting as one, in the order given.
 *
 * <p>Extract runs each in turn, each seeing the context the previous one returned: a trace
 * propagator that finds nothing returns the context unchanged, so a later one can still supply
 * the parent, and one that finds a parent replaces an earlier one's (list the preferred format
 * last). Inject runs all of them, so an outgoing request carries every configured format. {@link
 * #fields()} is the union of the members' fields.
 *
 * <p>A member that throws in spite of its contract is skipped for that call and logged once.
 * Immutable and thread-safe.
 */
public final class CompositePropagator implements TextMapPropagator {

  private final TextMapPropagator[] propagators;
  private final Collection<String> fields;

  private CompositePropagator(TextMapPropagator[] propagators) {
    this.propagators = propagators;
    Set<String> union = new LinkedHashSet<String>();
    for (TextMapPropagator propagator : propagators) {
      union.addAll(propagator.fields());
    }
    this.fields = Collections.unmodifiableList(new ArrayList<String>(union));
  }

  /** A propagator running {@code members} in order; null members are left out. */
  public static CompositePropagator of(List<? extends TextMapPropagator> members) {
    List<TextMapPropagator> kept = new ArrayList<TextMapPropagator>();
    for (TextMapPropagator member : members) {
      if (member != null) {
        kept.add(member);
      }
    }
    return new CompositePropagator(kept.toArray(new TextMapPropagator[0]));
  }

  /** A propagator running {@code members} in order; null members are left out. */
  public static CompositePropagator of(TextMapPropagator... members) {
    List<TextMapPropagator> list = new ArrayList<TextMapPropagator>(members.length);
    Collections.addAll(list, members);
    return of(list);
  }

  @Override
  public Collection<String> fields() {
    return fields;
  }

  @Override
  public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
    for (TextMapPropagator propagator : propagators) {
      try {
        propagator.inject(context, carrier, setter);
      } catch (RuntimeException e) {
        CarrierAccess.internalError(propagator.getClass().getName(), e);
      }
    }
  }

  @Override
  public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
    Context result = context == null ? Context.root() : context;
    for (TextMapPropagator propagator : propagators) {
      try {
        Context extracted = propagator.extract(result, carrier, getter);
        if (extracted != null) {
          result = extracted;
        }
      } catch (RuntimeException e) {
        CarrierAccess.internalError(propagator.getClass().getName(), e);
      }
    }
    return result;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("CompositePropagator[");
    for (int i = 0; i < propagators.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(propagators[i]);
    }
    return sb.append(']').toString();
  }
}
