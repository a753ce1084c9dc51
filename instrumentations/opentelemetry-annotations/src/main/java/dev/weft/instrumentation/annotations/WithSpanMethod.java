package dev.weft.instrumentation.annotations;

import dev.weft.api.SpanKind;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What the spans of one {@code @WithSpan} method are made of, read once from its annotations by
 * reflection and then kept:
 *
 * <ul>
 *   <li>the name: the annotation's {@code value}, or {@code SimpleClassName.method} when it is
 *       empty, as the OpenTelemetry agent names them;
 *   <li>the kind: the annotation's {@code kind} ({@code INTERNAL} by default);
 *   <li>the parent: the span current at the call, or none when {@code inheritContext = false};
 *   <li>per parameter, the attribute key of a {@code @SpanAttribute} parameter: its {@code value},
 *       or the parameter's name when the class was compiled with {@code -parameters}; a parameter
 *       without a usable key gives no attribute.
 * </ul>
 *
 * <p>The annotations are read by name, so any version of them works and the agent has no compile
 * dependency on them. A method that cannot be found or read (it should not happen) gets the
 * default name and kind rather than no span.
 *
 * <p>Immutable; the cache per class is a {@link ClassValue}, so it goes with the class. Thread-safe.
 * A helper class (defined in the application's class loader).
 */
public final class WithSpanMethod {

  private static final ClassValue<ConcurrentMap<String, WithSpanMethod>> BY_CLASS =
      new ClassValue<ConcurrentMap<String, WithSpanMethod>>() {
        @Override
        protected ConcurrentMap<String, WithSpanMethod> computeValue(Class<?> type) {
          return new ConcurrentHashMap<String, WithSpanMethod>(4);
        }
      };

  final String spanName;
  final SpanKind kind;
  final boolean inheritContext;
  /** The attribute key of each parameter, null where none; null when there are none at all. */
  final String[] attributeKeys;

  private WithSpanMethod(
      String spanName, SpanKind kind, boolean inheritContext, String[] attributeKeys) {
    this.spanName = spanName;
    this.kind = kind;
    this.inheritContext = inheritContext;
    this.attributeKeys = attributeKeys;
  }

  /**
   * The method of {@code type} with this name and JVM descriptor ({@code "find(J)Ljava/lang/String;"}),
   * as woven code names it.
   */
  public static WithSpanMethod of(Class<?> type, String nameAndDescriptor) {
    ConcurrentMap<String, WithSpanMethod> methods = BY_CLASS.get(type);
    WithSpanMethod method = methods.get(nameAndDescriptor);
    if (method == null) {
      method = read(type, nameAndDescriptor);
      WithSpanMethod raced = methods.putIfAbsent(nameAndDescriptor, method);
      if (raced != null) {
        method = raced;
      }
    }
    return method;
  }

  private static WithSpanMethod read(Class<?> type, String nameAndDescriptor) {
    int paren = nameAndDescriptor.indexOf('(');
    String name = paren < 0 ? nameAndDescriptor : nameAndDescriptor.substring(0, paren);
    String defaultName = simpleName(type) + '.' + name;
    Method method = find(type, nameAndDescriptor, name);
    if (method == null) {
      return new WithSpanMethod(defaultName, SpanKind.INTERNAL, true, null);
    }
    String spanName = defaultName;
    SpanKind kind = SpanKind.INTERNAL;
    boolean inheritContext = true;
    for (Annotation annotation : method.getDeclaredAnnotations()) {
      String annotationName = annotation.annotationType().getName();
      if (annotationName.equals(WithSpanInstrumentationModule.WITH_SPAN)
          || annotationName.equals(WithSpanInstrumentationModule.OLD_WITH_SPAN)) {
        Object value = element(annotation, "value");
        if (value instanceof String && !((String) value).isEmpty()) {
          spanName = (String) value;
        }
        Object kindValue = element(annotation, "kind");
        if (kindValue instanceof Enum) {
          kind = kindNamed(((Enum<?>) kindValue).name());
        }
        Object inherit = element(annotation, "inheritContext");
        if (inherit instanceof Boolean) {
          inheritContext = (Boolean) inherit;
        }
      }
    }
    return new WithSpanMethod(spanName, kind, inheritContext, attributeKeys(method));
  }

  private static String[] attributeKeys(Method method) {
    Annotation[][] parameterAnnotations = method.getParameterAnnotations();
    String[] keys = null;
    for (int i = 0; i < parameterAnnotations.length; i++) {
      for (Annotation annotation : parameterAnnotations[i]) {
        String annotationName = annotation.annotationType().getName();
        if (!annotationName.equals(WithSpanInstrumentationModule.SPAN_ATTRIBUTE)
            && !annotationName.equals(WithSpanInstrumentationModule.OLD_SPAN_ATTRIBUTE)) {
          continue;
        }
        Object value = element(annotation, "value");
        String key = value instanceof String ? (String) value : "";
        if (key.isEmpty()) {
          java.lang.reflect.Parameter parameter = method.getParameters()[i];
          key = parameter.isNamePresent() ? parameter.getName() : "";
        }
        if (!key.isEmpty()) {
          if (keys == null) {
            keys = new String[parameterAnnotations.length];
          }
          keys[i] = key;
        }
      }
    }
    return keys;
  }

  private static Method find(Class<?> type, String nameAndDescriptor, String name) {
    try {
      for (Method candidate : type.getDeclaredMethods()) {
        if (candidate.getName().equals(name)
            && nameAndDescriptor.equals(name + descriptor(candidate))) {
          return candidate;
        }
      }
    } catch (Throwable e) {
      // a class whose signatures cannot be resolved: the defaults are used
    }
    return null;
  }

  private static String descriptor(Method method) {
    StringBuilder descriptor = new StringBuilder("(");
    for (Class<?> parameter : method.getParameterTypes()) {
      appendDescriptor(descriptor, parameter);
    }
    descriptor.append(')');
    appendDescriptor(descriptor, method.getReturnType());
    return descriptor.toString();
  }

  private static void appendDescriptor(StringBuilder out, Class<?> type) {
    while (type.isArray()) {
      out.append('[');
      type = type.getComponentType();
    }
    if (type.isPrimitive()) {
      out.append(primitiveLetter(type));
    } else {
      out.append('L').append(type.getName().replace('.', '/')).append(';');
    }
  }

  private static char primitiveLetter(Class<?> type) {
    if (type == int.class) return 'I';
    if (type == long.class) return 'J';
    if (type == boolean.class) return 'Z';
    if (type == byte.class) return 'B';
    if (type == char.class) return 'C';
    if (type == short.class) return 'S';
    if (type == float.class) return 'F';
    if (type == double.class) return 'D';
    return 'V';
  }

  private static Object element(Annotation annotation, String element) {
    try {
      return annotation.annotationType().getMethod(element).invoke(annotation);
    } catch (Throwable e) {
      return null; // an older annotation without this element
    }
  }

  private static SpanKind kindNamed(String name) {
    for (SpanKind kind : SpanKind.values()) {
      if (kind.name().equals(name)) {
        return kind;
      }
    }
    return SpanKind.INTERNAL;
  }

  /** The class's simple name; for anonymous and local classes the binary name after the package. */
  private static String simpleName(Class<?> type) {
    String simple = type.getSimpleName();
    if (!simple.isEmpty()) {
      return simple;
    }
    String name = type.getName();
    return name.substring(name.lastIndexOf('.') + 1);
  }
}
