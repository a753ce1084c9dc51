package dev.weft.instrumentation.httpurlconnection;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperClass;
import static net.bytebuddy.matcher.ElementMatchers.named;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Matches a class that is, or extends, {@code java.net.HttpURLConnection}, rejecting by name
 * first.
 *
 * <p>This runs for every class loaded by any class loader, so it must not read class files for
 * most of them: learning a class's superclass means parsing it, and walking the chain means
 * finding and parsing every ancestor (measured: loading the 3,500 classes of four Spring jars
 * took about twice as long with an unfiltered walk). So only classes whose binary name contains
 * {@code URLConnection} (in any case: {@code HttpsURLConnectionImpl}, {@code
 * OkHttpURLConnection}, {@code weblogic.net.http.HttpURLConnection}, {@code
 * MyUrlConnection}) have their superclasses read. A subclass named otherwise is not woven; a
 * wrapper around the JDK's connection is traced anyway, through the JDK's connection it calls.
 *
 * <p>A class whose superclass chain cannot be resolved does not match: it could not be defined
 * anyway (the application gets its {@code NoClassDefFoundError}, which libraries probing
 * optional dependencies expect), and resolving it must not surface as a weaving failure.
 * Immutable; thread-safe.
 */
final class SubclassMatcher extends ElementMatcher.Junction.AbstractBase<TypeDescription> {

  private final ElementMatcher<TypeDescription> extendsNamed;

  SubclassMatcher(String className) {
    this.extendsNamed = hasSuperClass(named(className));
  }

  @Override
  public boolean matches(TypeDescription type) {
    // getName() reads no class file; isInterface() and the walk do.
    if (!nameSuggestsUrlConnection(type.getName()) || type.isInterface()) {
      return false;
    }
    try {
      return extendsNamed.matches(type);
    } catch (RuntimeException unresolvable) {
      return false;
    }
  }

  /** Whether {@code name} contains {@code URLConnection}, ignoring case; no allocation. */
  static boolean nameSuggestsUrlConnection(String name) {
    // "onnection" is searched case-sensitively (an intrinsic), the rest compared ignoring case.
    int from = 0;
    int at;
    while ((at = name.indexOf("onnection", from)) >= 0) {
      if (at >= 4 && name.regionMatches(true, at - 4, "URLC", 0, 4)) {
        return true;
      }
      from = at + 1;
    }
    return false;
  }
}
