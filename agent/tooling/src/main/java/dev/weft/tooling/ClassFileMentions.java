package dev.weft.tooling;

import java.nio.charset.StandardCharsets;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * A pre-check for matchers that must look inside a class (at its methods' annotations, say):
 * whether the class file's constant pool holds any of the given strings. A class whose methods
 * carry an annotation holds the annotation's descriptor ({@code Lcom/example/Traced;}) there, so
 * a class without it is rejected from the bytes the JVM handed over, without Byte Buddy parsing
 * its members.
 *
 * <p>Answers {@code true} (let the precise matcher decide) whenever the class file is not at hand:
 * the type is not the one being transformed on this thread ({@link TypeBeingMatched}), or its
 * header could not be read. Use it as the first part of a conjunction. Immutable and thread-safe.
 */
public final class ClassFileMentions extends ElementMatcher.Junction.AbstractBase<TypeDescription> {

  private static final int CONSTANT_UTF8 = 1;

  private final byte[][] strings;

  private ClassFileMentions(String[] strings) {
    this.strings = new byte[strings.length][];
    for (int i = 0; i < strings.length; i++) {
      this.strings[i] = strings[i].getBytes(StandardCharsets.UTF_8);
    }
  }

  /**
   * Classes whose constant pool holds any of {@code strings}, which must be ASCII (as type
   * descriptors are), where the class file can be read; every class otherwise.
   */
  public static ClassFileMentions mentionsAny(String... strings) {
    return new ClassFileMentions(strings.clone());
  }

  @Override
  public boolean matches(TypeDescription type) {
    TypeBeingMatched beingMatched = TypeBeingMatched.current(type.getName());
    ClassReader header = beingMatched == null ? null : beingMatched.header();
    return header == null || holdsAny(header);
  }

  private boolean holdsAny(ClassReader reader) {
    int count = reader.getItemCount();
    for (int i = 1; i < count; i++) {
      int offset = reader.getItem(i);
      // 0 for the unused slot after a long or double
      if (offset == 0 || reader.readByte(offset - 1) != CONSTANT_UTF8) {
        continue;
      }
      int length = reader.readUnsignedShort(offset);
      for (byte[] string : strings) {
        if (length == string.length && equalsAt(reader, offset + 2, string)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean equalsAt(ClassReader reader, int start, byte[] string) {
    for (int k = 0; k < string.length; k++) {
      if (reader.readByte(start + k) != (string[k] & 0xFF)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "classFileMentions(" + strings.length + " strings)";
  }
}
