package dev.weft.instrumentation.jdbc;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.weft.api.Context;
import dev.weft.api.Scope;
import dev.weft.api.Span;
import dev.weft.api.SpanKind;
import dev.weft.api.StatusCode;
import dev.weft.api.Tracing;
import dev.weft.api.internal.WeakIdentityMap;
import dev.weft.core.trace.Attributes;
import dev.weft.core.trace.EventData;
import dev.weft.core.trace.SpanData;
import dev.weft.instrumentation.db.SqlSanitizer;
import dev.weft.testing.AgentSpans;
import java.lang.ref.WeakReference;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every database, with or without a pool in front, must show with the agent attached: one
 * CLIENT span per statement, child of the current span, named and attributed by the database
 * conventions. Subclasses give the data source and what its URL says.
 */
abstract class JdbcSuite {

  private static final AtomicInteger TABLES = new AtomicInteger();

  /** A data source of the engine under test; the same for the whole class. */
  protected abstract DataSource dataSource();

  protected abstract String expectedSystem();

  protected abstract String expectedNamespace();

  /** Null for in-process databases. */
  protected abstract String expectedAddress();

  /** -1 for in-process databases. */
  protected abstract int expectedPort();

  protected String table;

  @BeforeEach
  void createTable() throws SQLException {
    table = "items_" + getClass().getSimpleName().toLowerCase() + "_" + TABLES.incrementAndGet();
    try (Connection connection = dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, name VARCHAR(50))");
    }
  }

  @Test
  void executeQuery_onePlainStatement_oneClientSpanChildOfTheCurrentSpan() throws Exception {
    String sql = "SELECT name FROM " + table + " WHERE id = 42";
    Span parent = startParent();
    try (Scope ignored = Context.current().with(parent).makeCurrent();
        Connection connection = dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
    } finally {
      parent.end();
    }

    SpanData span = onlySpan(parent);
    assertAll(
        () -> assertEquals(SpanKind.CLIENT, span.kind()),
        () -> assertEquals(parent.spanContext().spanIdHex(), span.parentSpanContext().spanIdHex()),
        () -> assertEquals(expectedName(sql), span.name()),
        () -> assertEquals("dev.weft.jdbc", span.scopeName()),
        () -> assertEquals(StatusCode.UNSET, span.statusCode()));
    assertDatabase(span);
    assertEquals("SELECT", string(span, "db.operation.name"));
  }

  @Test
  void eachKindOfExecute_plainAndPrepared_oneSpanEach() throws Exception {
    Span parent = startParent();
    try (Scope ignored = Context.current().with(parent).makeCurrent();
        Connection connection = dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO " + table + " VALUES (1, 'a')");
      statement.executeUpdate("INSERT INTO " + table + " VALUES (2, 'b')");
      statement.executeLargeUpdate("UPDATE " + table + " SET name = 'c' WHERE id = 2");
      statement.execute("SELECT id FROM " + table, Statement.NO_GENERATED_KEYS);
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)")) {
        insert.setInt(1, 3);
        insert.setString(2, "x");
        insert.executeUpdate();
        insert.setInt(1, 4);
        insert.execute();
      }
      try (PreparedStatement select =
              connection.prepareStatement("SELECT name FROM " + table + " WHERE id = ?");
          PreparedStatement delete =
              connection.prepareStatement(
                  "DELETE FROM " + table + " WHERE id = ?", Statement.NO_GENERATED_KEYS)) {
        select.setInt(1, 3);
        try (ResultSet rows = select.executeQuery()) {
          assertTrue(rows.next());
        }
        delete.setInt(1, 4);
        assertEquals(1, delete.executeUpdate());
      }
    } finally {
      parent.end();
    }

    List<SpanData> spans = spansOf(parent, 8);
    assertEquals(
        List.of(
            "INSERT", "INSERT", "UPDATE", "SELECT", "INSERT", "INSERT", "SELECT", "DELETE"),
        spans.stream().map(s -> string(s, "db.operation.name")).toList());
    for (SpanData span : spans) {
      assertDatabase(span);
      assertEquals(parent.spanContext().spanIdHex(), span.parentSpanContext().spanIdHex());
    }
    assertEquals(expectedName("SELECT name FROM " + table + " WHERE id = ?"), spans.get(6).name());
  }

  @Test
  void preparedBatch_oneSpanWithTheBatchSize() throws Exception {
    Span parent = startParent();
    try (Scope ignored = Context.current().with(parent).makeCurrent();
        Connection connection = dataSource().getConnection();
        PreparedStatement insert =
            connection.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)")) {
      for (int i = 0; i < 3; i++) {
        insert.setInt(1, i);
        insert.setString(2, "n" + i);
        insert.addBatch();
      }
      insert.executeBatch();
      // JDBC empties the batch on execute: the next one is counted afresh.
      insert.setInt(1, 10);
      insert.setString(2, "m");
      insert.addBatch();
      insert.setInt(1, 11);
      insert.addBatch();
      insert.executeBatch();
    } finally {
      parent.end();
    }

    List<SpanData> spans = spansOf(parent, 2);
    assertEquals(3L, spans.get(0).attributes().longValue(index(spans.get(0), "db.operation.batch.size")));
    assertEquals(2L, spans.get(1).attributes().longValue(index(spans.get(1), "db.operation.batch.size")));
    assertEquals("BATCH INSERT", string(spans.get(0), "db.operation.name"));
    assertTrue(spans.get(0).name().startsWith("BATCH INSERT"), spans.get(0).name());
    assertDatabase(spans.get(0));
  }

  @Test
  void plainBatch_oneSpanWithTheBatchSize() throws Exception {
    Span parent = startParent();
    try (Scope ignored = Context.current().with(parent).makeCurrent();
        Connection connection = dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.addBatch("INSERT INTO " + table + " VALUES (1, 'a')");
      statement.addBatch("UPDATE " + table + " SET name = 'b' WHERE id = 1");
      statement.executeBatch();
    } finally {
      parent.end();
    }

    SpanData span = onlySpan(parent);
    assertEquals(2L, span.attributes().longValue(index(span, "db.operation.batch.size")));
    assertEquals("BATCH", span.name());
  }

  @Test
  void failingStatement_errorSpan_andTheSameExceptionReachesTheApplication() throws Exception {
    Span parent = startParent();
    SQLException thrown;
    try (Scope ignored = Context.current().with(parent).makeCurrent();
        Connection connection = dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      thrown =
          assertThrows(
              SQLException.class, () -> statement.executeQuery("SELECT * FROM no_such_table"));
    } finally {
      parent.end();
    }

    SpanData span = onlySpan(parent);
    List<EventData> exceptions =
        span.events().stream().filter(e -> e.name().equals("exception")).toList();
    assertAll(
        () -> assertEquals(StatusCode.ERROR, span.statusCode()),
        () -> assertEquals(thrown.getClass().getName(), string(span, "error.type")),
        () -> assertEquals(1, exceptions.size()),
        () ->
            assertEquals(
                thrown.getClass().getName(),
                exceptions.get(0).attributes().stringValue(
                    exceptions.get(0).attributes().indexOf("exception.type"))));
    // The application got the driver's own exception: the one whose message the span recorded.
    Attributes event = exceptions.get(0).attributes();
    assertEquals(thrown.getMessage(), event.stringValue(event.indexOf("exception.message")));
  }

  @Test
  void preparedStatementFailing_sameExceptionObjectAsWithoutTheSpan() throws Exception {
    Span parent = startParent();
    SQLException thrown;
    try (Scope ignored = Context.current().with(parent).makeCurrent();
        Connection connection = dataSource().getConnection();
        PreparedStatement insert =
            connection.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)")) {
      insert.setInt(1, 1);
      insert.setString(2, "a");
      insert.executeUpdate();
      thrown = assertThrows(SQLException.class, insert::executeUpdate); // duplicate key
    } finally {
      parent.end();
    }

    List<SpanData> spans = spansOf(parent, 2);
    assertEquals(StatusCode.UNSET, spans.get(0).statusCode());
    assertEquals(StatusCode.ERROR, spans.get(1).statusCode());
    assertEquals(thrown.getClass().getName(), string(spans.get(1), "error.type"));
  }

  @Test
  void statementsInATransaction_oneSpanEach_commitAddsNone() throws Exception {
    Span parent = startParent();
    try (Scope ignored = Context.current().with(parent).makeCurrent();
        Connection connection = dataSource().getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)")) {
        insert.setInt(1, 1);
        insert.setString(2, "a");
        insert.executeUpdate();
        insert.setInt(1, 2);
        insert.executeUpdate();
      }
      connection.commit();
      connection.setAutoCommit(true);
    } finally {
      parent.end();
    }

    List<SpanData> spans =
        AgentSpans.exactly(s -> sameTrace(s, parent) && s.kind() == SpanKind.CLIENT, 2);
    for (SpanData span : spans) {
      assertEquals("INSERT", string(span, "db.operation.name"));
    }
  }

  @Test
  void noCurrentSpan_statementStartsItsOwnTrace() throws Exception {
    String sql = "SELECT id FROM " + table + " WHERE id = 7";
    // Everything earlier exported and forgotten, so no other test's root span can match.
    AgentSpans.exactly(s -> false, 0);
    AgentSpans.reset();
    try (Connection connection = dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.executeQuery(sql).close();
    }
    SpanData span =
        AgentSpans.await(
                s -> s.kind() == SpanKind.CLIENT
                    && "SELECT".equals(string(s, "db.operation.name"))
                    && expectedSystem().equals(string(s, "db.system.name"))
                    && !s.parentSpanContext().isValid()
                    && s.name().equals(expectedName(sql)),
                1)
            .get(0);
    assertDatabase(span);
  }

  @Test
  void statementAfterUse_isCollectable() throws Exception {
    WeakReference<PreparedStatement> reference;
    try (Connection connection = dataSource().getConnection()) {
      reference = useAndForget(connection);
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (reference.get() != null) {
        if (System.nanoTime() > deadline) {
          fail("the statement was still reachable 10 s after use: the agent keeps it");
        }
        System.gc();
        Thread.sleep(10);
      }
    }
  }

  @Test
  void closedStatement_isForgottenAtOnce_notWhenCollected() throws Exception {
    try (Connection connection = dataSource().getConnection()) {
      PreparedStatement statement =
          connection.prepareStatement("SELECT name FROM " + table + " WHERE id = ?");
      statement.setInt(1, 1);
      statement.executeQuery().close();
      WeakIdentityMap<Object, ?> prepared = agentsPreparedStatements();
      assertNotNull(prepared.get(statement), "the open statement's SQL is remembered");
      statement.close();
      assertNull(prepared.get(statement), "the closed statement is forgotten");
    }
  }

  /**
   * What the agent remembers of prepared statements: the instrumentation's classes are the agent
   * jar's, on the bootstrap class path, not on this module's class path.
   */
  @SuppressWarnings("unchecked")
  private static WeakIdentityMap<Object, ?> agentsPreparedStatements() throws Exception {
    Class<?> spans = Class.forName("dev.weft.instrumentation.jdbc.JdbcSpans", true, null);
    return (WeakIdentityMap<Object, ?>) spans.getField("PREPARED").get(null);
  }

  private WeakReference<PreparedStatement> useAndForget(Connection connection) throws SQLException {
    PreparedStatement statement =
        connection.prepareStatement("SELECT name FROM " + table + " WHERE id = ?");
    statement.setInt(1, 1);
    statement.executeQuery().close();
    statement.close();
    return new WeakReference<>(statement);
  }

  // --- helpers ---

  protected static Span startParent() {
    return Tracing.tracer("dev.weft.testing").start("parent", SpanKind.INTERNAL, Context.root());
  }

  protected static boolean sameTrace(SpanData span, Span parent) {
    return span.spanContext().traceIdHex().equals(parent.spanContext().traceIdHex());
  }

  /** Exactly one JDBC span in the parent's trace (a pool in front adds none). */
  protected static SpanData onlySpan(Span parent) {
    return AgentSpans.exactly(s -> sameTrace(s, parent) && s.kind() == SpanKind.CLIENT, 1).get(0);
  }

  /** Exactly {@code count} JDBC spans in the parent's trace, in the order they started. */
  protected static List<SpanData> spansOf(Span parent, int count) {
    List<SpanData> spans =
        new java.util.ArrayList<>(
            AgentSpans.exactly(s -> sameTrace(s, parent) && s.kind() == SpanKind.CLIENT, count));
    spans.sort(java.util.Comparator.comparingLong(SpanData::startEpochNanos));
    return spans;
  }

  protected String expectedName(String sql) {
    return SqlSanitizer.analyze(sql, true).spanName(expectedNamespace());
  }

  protected void assertDatabase(SpanData span) {
    assertAll(
        () -> assertEquals(expectedSystem(), string(span, "db.system.name")),
        () -> assertEquals(expectedNamespace(), string(span, "db.namespace")),
        () -> assertEquals(expectedAddress(), string(span, "server.address")),
        () -> {
          int port = span.attributes().indexOf("server.port");
          assertEquals(expectedPort(), port < 0 ? -1 : (int) span.attributes().longValue(port));
        });
  }

  protected static int index(SpanData span, String key) {
    int index = span.attributes().indexOf(key);
    assertTrue(index >= 0, "no " + key + " on " + span);
    return index;
  }

  protected static String string(SpanData span, String key) {
    Attributes attributes = span.attributes();
    int index = attributes.indexOf(key);
    return index < 0 ? null : attributes.stringValue(index);
  }
}
