package dev.weft.instrumentation.javahttpclient;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.tooling.TypeInstrumentation;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The promises that keep the agent loading on Java 8 and the woven JDK class linking on 11+,
 * checked on the compiled class files: what the agent loads everywhere is Java 8 bytecode free
 * of {@code java.net.http} types, and every class the advice reaches is a listed helper.
 */
class ModuleClassFilesTest {

  private static final String PACKAGE = "dev.weft.instrumentation.javahttpclient.";
  private static final int JAVA_8 = 52;
  private static final int JAVA_11 = 55;

  @Test
  void moduleClass_isJava8Bytecode_andNamesJavaNetHttpTypesOnlyAsStrings() throws Exception {
    for (String name : classesInPackage()) {
      if (name.startsWith(PACKAGE + "JavaHttpClientInstrumentationModule")) {
        byte[] bytes = classFile(name);
        assertAll(
            name,
            () -> assertEquals(JAVA_8, majorVersion(bytes)),
            () -> assertFalse(
                new String(bytes, StandardCharsets.ISO_8859_1).contains("java/net/http"),
                "refers to a java.net.http type"));
      }
    }
  }

  @Test
  void adviceAndHelpers_areJava11Bytecode() throws Exception {
    for (String name : classesInPackage()) {
      if (!name.startsWith(PACKAGE + "JavaHttpClientInstrumentationModule")) {
        assertEquals(JAVA_11, majorVersion(classFile(name)), name);
      }
    }
  }

  @Test
  void everyClassOtherThanModuleAndAdvice_isAListedHelper() throws Exception {
    TypeInstrumentation instrumentation =
        new JavaHttpClientInstrumentationModule().typeInstrumentations().get(0);
    Set<String> expected = new TreeSet<>();
    for (String name : classesInPackage()) {
      if (!name.startsWith(PACKAGE + "JavaHttpClientInstrumentationModule")
          && !name.endsWith("Advice")) {
        expected.add(name);
      }
    }
    assertEquals(expected, new TreeSet<>(instrumentation.helperClassNames()));
  }

  @Test
  void adviceBindings_nameAdviceClassesThatExist() throws Exception {
    TypeInstrumentation instrumentation =
        new JavaHttpClientInstrumentationModule().typeInstrumentations().get(0);
    Set<String> classes = new TreeSet<>(classesInPackage());
    for (TypeInstrumentation.AdviceBinding binding : instrumentation.adviceBindings()) {
      assertTrue(classes.contains(binding.adviceClassName()), binding.adviceClassName());
    }
  }

  private static List<String> classesInPackage() throws URISyntaxException {
    File dir =
        new File(
            JavaHttpClientInstrumentationModule.class
                .getResource("JavaHttpClientInstrumentationModule.class")
                .toURI())
            .getParentFile();
    List<String> names = new ArrayList<>();
    for (String file : dir.list()) {
      if (file.endsWith(".class")) {
        names.add(PACKAGE + file.substring(0, file.length() - ".class".length()));
      }
    }
    assertTrue(names.size() > 5, "found " + names);
    return names;
  }

  private static byte[] classFile(String name) throws IOException {
    String resource = "/" + name.replace('.', '/') + ".class";
    try (InputStream in = ModuleClassFilesTest.class.getResourceAsStream(resource)) {
      return in.readAllBytes();
    }
  }

  private static int majorVersion(byte[] classFile) {
    return ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
  }
}
