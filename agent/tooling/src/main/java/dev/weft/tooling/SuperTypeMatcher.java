package dev.weft.tooling;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;

import java.util.Arrays;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Matches classes (not interfaces) that are, extend or implement one of the named types: what
 * {@code not(isInterface()).and(hasSuperType(namedOneOf(names)))} says, answered from class file
 * headers through the {@link SuperTypeIndex} while the transformer matches a class being loaded,
 * so that the thousands of classes that match nothing are neither parsed in full nor walked once
 * per instrumentation. Anywhere else (matching the classes already loaded when the agent
 * starts), or when a class file cannot be read, it asks Byte Buddy's descriptions, with the same
 * answer.
 *
 * <p>Immutable and thread-safe.
 */
public final class SuperTypeMatcher extends ElementMatcher.Junction.AbstractBase<TypeDescription> {

  private final String[] names;
  private final long bits;
  private final ElementMatcher<TypeDescription> byDescription;

  private SuperTypeMatcher(String[] names) {
    this.names = names.clone();
    this.bits = SuperTypeIndex.INSTANCE.bitsFor(names);
    this.byDescription = not(isInterface()).and(hasSuperType(namedOneOf(names)));
  }

  /** Classes that are, extend or implement any of {@code names} (binary names). */
  public static SuperTypeMatcher classWithSuperType(String... names) {
    if (names.length == 0) {
      throw new IllegalArgumentException("no super type named");
    }
    return new SuperTypeMatcher(names);
  }

  @Override
  public boolean matches(TypeDescription type) {
    TypeBeingMatched beingMatched = bits == 0 ? null : TypeBeingMatched.current(type.getName());
    if (beingMatched == null) {
      return byDescription.matches(type);
    }
    ClassReader header = beingMatched.header();
    if (header == null) {
      return byDescription.matches(type);
    }
    // Annotation types are interfaces too.
    return (header.getAccess() & Opcodes.ACC_INTERFACE) == 0
        && (SuperTypeIndex.INSTANCE.targetsOf(beingMatched) & bits) != 0;
  }

  @Override
  public String toString() {
    return "classWithSuperType(" + Arrays.toString(names) + ")";
  }
}
