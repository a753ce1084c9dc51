package dev.weft.instrumentation.jdbc;

import static dev.weft.tooling.SuperTypeMatcher.classWithSuperType;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weft.tooling.ClassLoaderHasClasses;
import dev.weft.tooling.InstrumentationModule;
import dev.weft.tooling.TypeInstrumentation;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * CLIENT spans for JDBC statements, on any driver, pool or wrapper: the implementations of the
 * {@code java.sql} interfaces are woven, whoever wrote them. Toggle: {@code
 * otel.instrumentation.jdbc.enabled}.
 *
 * <ul>
 *   <li>Classes implementing {@code java.sql.Statement} (and so {@code PreparedStatement}, {@code
 *       CallableStatement}): the executes with a SQL argument ({@link StatementExecuteAdvice}),
 *       the no-argument executes of prepared statements ({@link PreparedExecuteAdvice}), {@code
 *       executeBatch} ({@link ExecuteBatchAdvice}) and the batch bookkeeping.
 *   <li>Classes implementing {@code java.sql.Connection}: {@code prepareStatement} and {@code
 *       prepareCall} remember the SQL of the statement they return ({@link PrepareAdvice}).
 * </ul>
 *
 * <p>Driver and pool classes have no recognisable names, so the type matcher reads the
 * hierarchy; interfaces are rejected first, from the class file alone, and the JDK's own classes
 * are never woven ({@code IgnoredTypes}). Stateless; see the README for the design.
 */
public final class JdbcInstrumentationModule extends InstrumentationModule {

  private static final String PACKAGE = "dev.weft.instrumentation.jdbc.";

  /** Loaders that see {@code java.sql} at all (not, say, one with no parent). */
  private static final ElementMatcher<ClassLoader> HAS_JDBC =
      ClassLoaderHasClasses.hasClasses("java.sql.Statement", "java.sql.Connection");

  public JdbcInstrumentationModule() {
    super("jdbc");
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Arrays.<TypeInstrumentation>asList(new StatementType(), new ConnectionType());
  }

  /** Implementations of {@code java.sql.Statement} and its sub-interfaces. */
  private static final class StatementType implements TypeInstrumentation {

    @Override
    public ElementMatcher<ClassLoader> classLoaderMatcher() {
      return HAS_JDBC;
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return classWithSuperType("java.sql.Statement");
    }

    @Override
    public List<AdviceBinding> adviceBindings() {
      return Arrays.asList(
          new AdviceBinding(
              namedOneOf("execute", "executeQuery", "executeUpdate", "executeLargeUpdate")
                  .and(takesArgument(0, String.class)),
              PACKAGE + "StatementExecuteAdvice"),
          // Only prepared and callable statements have executes without arguments.
          new AdviceBinding(
              namedOneOf("execute", "executeQuery", "executeUpdate", "executeLargeUpdate")
                  .and(takesArguments(0)),
              PACKAGE + "PreparedExecuteAdvice"),
          new AdviceBinding(
              namedOneOf("executeBatch", "executeLargeBatch").and(takesArguments(0)),
              PACKAGE + "ExecuteBatchAdvice"),
          new AdviceBinding(
              named("addBatch").and(takesArguments(1)).and(takesArgument(0, String.class)),
              PACKAGE + "AddBatchAdvice"),
          new AdviceBinding(
              named("addBatch").and(takesArguments(0)), PACKAGE + "PreparedAddBatchAdvice"),
          new AdviceBinding(
              named("clearBatch").and(takesArguments(0)), PACKAGE + "ClearBatchAdvice"),
          new AdviceBinding(named("close").and(takesArguments(0)), PACKAGE + "CloseAdvice"));
    }

    @Override
    public List<String> helperClassNames() {
      return Collections.singletonList(PACKAGE + "JdbcHelpers");
    }
  }

  /** Implementations of {@code java.sql.Connection}. */
  private static final class ConnectionType implements TypeInstrumentation {

    @Override
    public ElementMatcher<ClassLoader> classLoaderMatcher() {
      return HAS_JDBC;
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return classWithSuperType("java.sql.Connection");
    }

    @Override
    public List<AdviceBinding> adviceBindings() {
      return Collections.singletonList(
          new AdviceBinding(
              namedOneOf("prepareStatement", "prepareCall").and(takesArgument(0, String.class)),
              PACKAGE + "PrepareAdvice"));
    }
  }
}
