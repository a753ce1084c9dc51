package dev.weft.tooling;

import static dev.weft.tooling.ClassFileMentions.mentionsAny;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClassFileMentionsTest {

  @Retention(RetentionPolicy.RUNTIME)
  @interface Traced {}

  static class Annotated {
    @Traced
    void work() {}

    long big() {
      return 1L << 40; // a long constant: the pool slot after it is empty
    }
  }

  static class Plain {
    double ratio() {
      return 0.25;
    }
  }

  private static final String TRACED = "Ldev/weft/tooling/ClassFileMentionsTest$Traced;";
  private static final ClassLoader LOADER = ClassFileMentionsTest.class.getClassLoader();

  private String entered;

  @AfterEach
  void exit() {
    if (entered != null) {
      TypeBeingMatched.exit(entered);
    }
  }

  private boolean matchesWhileLoading(ClassFileMentions matcher, Class<?> type) {
    entered = type.getName();
    TypeBeingMatched.enter(entered, LOADER, ClassFileLocator.ForClassLoader.of(LOADER));
    return matcher.matches(TypeDescription.ForLoadedType.of(type));
  }

  @Test
  void aClassWhoseMethodCarriesTheAnnotation_mentionsItsDescriptor() {
    assertTrue(matchesWhileLoading(mentionsAny("Lcom/example/Other;", TRACED), Annotated.class));
  }

  @Test
  void aClassWithoutIt_doesNot() {
    assertFalse(matchesWhileLoading(mentionsAny(TRACED), Plain.class));
    exit();
    entered = null;
    assertFalse(matchesWhileLoading(mentionsAny(TRACED.substring(0, 10)), Plain.class));
  }

  @Test
  void withoutTheClassFileAtHand_everyClassPasses_forThePreciseMatcherToDecide() {
    assertTrue(mentionsAny(TRACED).matches(TypeDescription.ForLoadedType.of(Plain.class)));
  }
}
