package dev.weft.instrumentation.httpurlconnection;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperClass;
import static net.bytebuddy.matcher.ElementMatchers.named;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Matches a class that is, or extends, the named class, by walking its superclasses; a class
 * whose superclass chain cannot be resolved does not match.
 *
 * <p>With any class loader accepted, this runs for every class the application loads. A class
 * whose superclass is missing from the class path cannot be defined anyway (the application gets
 * its {@code NoClassDefFoundError}, and libraries probing optional dependencies expect it), so it
 * is not ours, and resolving it must not surface as a weaving failure. Immutable; thread-safe.
 */
final class SubclassMatcher extends ElementMatcher.Junction.AbstractBase<TypeDescription> {

  private final ElementMatcher<TypeDescription> extendsNamed;

  SubclassMatcher(String className) {
    this.extendsNamed = hasSuperClass(named(className));
  }

  @Override
  public boolean matches(TypeDescription type) {
    if (type.isInterface()) {
      return false;
    }
    try {
      return extendsNamed.matches(type);
    } catch (RuntimeException unresolvable) {
      return false;
    }
  }
}
