package dev.weft.tooling;

import static dev.weft.tooling.SuperTypeMatcher.classWithSuperType;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SuperTypeMatcherTest {

  interface Marker {}

  interface SubMarker extends Marker {}

  abstract static class Base implements SubMarker {}

  static class Leaf extends Base implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  static class Unrelated {}

  private static final ClassLoader LOADER = SuperTypeMatcherTest.class.getClassLoader();
  private static final ClassFileLocator LOCATOR = ClassFileLocator.ForClassLoader.of(LOADER);

  private String entered;

  @AfterEach
  void exit() {
    if (entered != null) {
      TypeBeingMatched.exit(entered);
    }
  }

  private boolean matchesWhileLoading(SuperTypeMatcher matcher, Class<?> type) {
    enter(type.getName(), LOCATOR);
    return matcher.matches(TypeDescription.ForLoadedType.of(type));
  }

  private void enter(String name, ClassFileLocator locator) {
    entered = name;
    TypeBeingMatched.enter(name, LOADER, locator);
  }

  @Test
  void classesWithTheTypeAnywhereInTheirHierarchy_match() {
    SuperTypeMatcher marker = classWithSuperType(Marker.class.getName());
    assertTrue(matchesWhileLoading(marker, Leaf.class));
    assertTrue(matchesWhileLoading(marker, Base.class));
    assertFalse(matchesWhileLoading(marker, Unrelated.class));
  }

  @Test
  void interfaces_neverMatch() {
    assertFalse(matchesWhileLoading(classWithSuperType(Marker.class.getName()), SubMarker.class));
    assertFalse(matchesWhileLoading(classWithSuperType(Marker.class.getName()), Marker.class));
  }

  @Test
  void anyOfSeveralNames_matches() {
    SuperTypeMatcher either = classWithSuperType("com.example.Absent", Serializable.class.getName());
    assertTrue(matchesWhileLoading(either, Leaf.class));
    assertFalse(matchesWhileLoading(either, Base.class));
  }

  @Test
  void outsideATransformation_byteBuddysDescriptionsGiveTheSameAnswers() {
    SuperTypeMatcher marker = classWithSuperType(Marker.class.getName());
    assertTrue(marker.matches(TypeDescription.ForLoadedType.of(Leaf.class)));
    assertFalse(marker.matches(TypeDescription.ForLoadedType.of(Unrelated.class)));
    assertFalse(marker.matches(TypeDescription.ForLoadedType.of(SubMarker.class)));
  }

  @Test
  void whileLoading_theAnswerComesFromTheClassFileTheJvmHandedOver() {
    String name = "dev.weft.tooling.NeverLoadedLeaf";
    byte[] classFile =
        new ByteBuddy().subclass(Base.class).name(name).make().getBytes();
    enter(
        name,
        new ClassFileLocator.Compound(ClassFileLocator.Simple.of(name, classFile), LOCATOR));
    // A description that knows nothing of the class: only the class file can say it is a Marker.
    TypeDescription latent =
        new TypeDescription.Latent(name, Visibility.PUBLIC.getMask(), TypeDescription.Generic.OBJECT);

    assertTrue(classWithSuperType(Marker.class.getName()).matches(latent));
  }

  @Test
  void aSuperTypeWhoseClassFileIsMissing_stillMatchesByItsName() {
    String name = "dev.weft.tooling.test.OrphanClient";
    String missing = "dev.weft.tooling.test.MissingBase";
    byte[] missingBase = new ByteBuddy().subclass(Object.class).name(missing).make().getBytes();
    ClassLoader onlyForBuilding =
        new net.bytebuddy.dynamic.loading.ByteArrayClassLoader(
            LOADER, java.util.Collections.singletonMap(missing, missingBase));
    byte[] classFile;
    try {
      classFile =
          new ByteBuddy()
              .subclass(Class.forName(missing, false, onlyForBuilding))
              .name(name)
              .make()
              .getBytes();
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
    enter(name, new ClassFileLocator.Compound(ClassFileLocator.Simple.of(name, classFile), LOCATOR));
    TypeDescription latent =
        new TypeDescription.Latent(name, Visibility.PUBLIC.getMask(), TypeDescription.Generic.OBJECT);

    assertTrue(classWithSuperType(missing).matches(latent));
    assertFalse(classWithSuperType(Marker.class.getName()).matches(latent));
  }

  @Test
  void aTargetRegisteredAfterClassesWereIndexed_isStillFound() {
    assertTrue(matchesWhileLoading(classWithSuperType(Marker.class.getName()), Leaf.class));
    String lateTarget = Leaf.class.getName() + "$NotYetATarget";
    // Registering any new name makes the entries computed so far stale, not wrong.
    assertFalse(matchesWhileLoading(classWithSuperType(lateTarget), Leaf.class));
    assertTrue(
        matchesWhileLoading(classWithSuperType(Serializable.class.getName(), lateTarget), Leaf.class));
  }

  @Test
  void aClassLoadedWhileAnotherIsMatched_doesNotHideTheOuterOne() {
    SuperTypeMatcher marker = classWithSuperType(Marker.class.getName());
    enter(Leaf.class.getName(), LOCATOR);
    TypeBeingMatched.enter(Unrelated.class.getName(), LOADER, LOCATOR);
    assertFalse(marker.matches(TypeDescription.ForLoadedType.of(Unrelated.class)));
    TypeBeingMatched.exit(Unrelated.class.getName());

    assertTrue(TypeBeingMatched.current(Leaf.class.getName()) != null);
    assertTrue(marker.matches(TypeDescription.ForLoadedType.of(Leaf.class)));
  }
}
