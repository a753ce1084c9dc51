package dev.weft.benchmarks;

import dev.weft.api.Context;
import dev.weft.api.Scope;
import dev.weft.api.Span;
import dev.weft.api.SpanKind;
import dev.weft.api.Tracing;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One {@link PreparedStatement#executeQuery} that selects one row by primary key from an H2
 * in-memory database, and reads the row, measured in a JVM without the agent ({@link
 * JdbcQueryNoAgentBenchmark}) and in one with it ({@link JdbcQueryAgentBenchmark}): the difference
 * is what the JDBC instrumentation adds to a statement, i.e. the CLIENT span (start, the
 * statement's attributes, end, the hand-over to the export queue).
 *
 * <p>H2 runs in the benchmark's own JVM, so a statement costs microseconds, not a network round
 * trip: the agent's share is as large here as it can ever be. The statement is prepared once in
 * setup, as a pool's statement cache or a repository would; the ids cycle through {@value #ROWS}
 * rows so that H2 cannot hand back the previous result unchanged.
 *
 * <p>As in a traced service, a sampled span is current while the statement runs, so the CLIENT
 * span is its child and recorded. With the agent it is a real SERVER span of the agent's tracer;
 * without it the API is a no-op and so is the span. Both forks run with {@code
 * otel.traces.exporter=none}: spans are queued and taken off the queue, never encoded or sent.
 *
 * <p>One instance per fork and thread, each with its own database. Setup reports, on the fork's
 * output, which span is current while H2 runs the statement (an H2 function asks): the statement's
 * own span means the agent instruments JDBC; the parent still being current means the fork
 * measures an uninstrumented statement (the JDBC instrumentation is not in that agent jar, or it
 * does not make its span current).
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
public abstract class JdbcQueryBenchmark {

  /** A power of two, so the next id is a mask away. */
  static final int ROWS = 1024;

  private static final AtomicInteger DATABASES = new AtomicInteger();

  private Connection connection;
  private PreparedStatement query;
  private int nextId;
  private Span parent;
  private Scope scope;

  @Setup
  public void setUp() throws SQLException {
    connection =
        DriverManager.getConnection(
            "jdbc:h2:mem:weft-bench-" + DATABASES.incrementAndGet(), "sa", "");
    try (Statement ddl = connection.createStatement()) {
      ddl.execute(
          "CREATE TABLE items (id BIGINT PRIMARY KEY, name VARCHAR(64) NOT NULL,"
              + " price DECIMAL(10, 2) NOT NULL)");
      ddl.execute(
          "CREATE ALIAS WEFT_CURRENT_SPAN FOR '" + JdbcQueryBenchmark.class.getName()
              + ".currentSpanId'");
    }
    try (PreparedStatement insert =
        connection.prepareStatement("INSERT INTO items (id, name, price) VALUES (?, ?, ?)")) {
      for (int id = 1; id <= ROWS; id++) {
        insert.setLong(1, id);
        insert.setString(2, "item " + id);
        insert.setBigDecimal(3, java.math.BigDecimal.valueOf(id, 2));
        insert.addBatch();
      }
      insert.executeBatch();
    }
    query = connection.prepareStatement("SELECT id, name, price FROM items WHERE id = ?");

    parent =
        Tracing.tracer("dev.weft.benchmarks").start("GET /bench", SpanKind.SERVER, Context.root());
    scope = Context.root().with(parent).makeCurrent();

    if (executeQuery() != 1) {
      throw new IllegalStateException("the first query did not read row 1");
    }
    report();
  }

  private void report() throws SQLException {
    String during;
    try (PreparedStatement probe = connection.prepareStatement("SELECT WEFT_CURRENT_SPAN()");
        ResultSet rs = probe.executeQuery()) {
      rs.next();
      during = rs.getString(1);
    }
    String parentId = parent.spanContext().spanIdHex();
    if (!Tracing.isInstalled()) {
      if (Boolean.getBoolean(HttpClientCallBenchmark.EXPECT_AGENT)) {
        throw new IllegalStateException(
            "the agent did not start in this fork (see its output above): measuring nothing");
      }
      System.out.println("[weft benchmark] no agent: executeQuery is a plain call");
    } else if (during.equals(parentId)) {
      System.out.println("[weft benchmark] agent installed, but while H2 runs a statement the"
          + " current span is still the parent " + parentId + ": either the JDBC instrumentation"
          + " is not in this agent jar, or it does not make its span current (then this fork's"
          + " gc.alloc.rate.norm exceeds the no-agent fork's by the span's bytes)");
    } else {
      System.out.println("[weft benchmark] agent installed, current span recording: "
          + parent.isRecording() + "; while H2 runs a statement the current span is " + during
          + ", a child of " + parentId + ": JDBC is instrumented");
    }
  }

  /**
   * Called by H2 (as SQL function {@code WEFT_CURRENT_SPAN()}) on the thread that runs the
   * statement: the hex id of the span current there. Public because H2 looks it up by name.
   */
  public static String currentSpanId() {
    return Context.current().span().spanContext().spanIdHex();
  }

  @TearDown
  public void tearDown() throws SQLException {
    if (scope != null) {
      scope.close();
    }
    if (parent != null) {
      parent.end();
    }
    if (query != null) {
      query.close();
    }
    if (connection != null) {
      connection.close();
    }
  }

  /** Selects the next row by id and reads its columns; returns the id read. */
  @Benchmark
  public long executeQuery() throws SQLException {
    long id = nextId + 1;
    nextId = (nextId + 1) & (ROWS - 1);
    query.setLong(1, id);
    try (ResultSet rs = query.executeQuery()) {
      if (!rs.next()) {
        throw new IllegalStateException("no row " + id);
      }
      long read = rs.getLong(1);
      if (rs.getString(2).isEmpty() || rs.getBigDecimal(3) == null) {
        throw new IllegalStateException("row " + id + " is incomplete");
      }
      return read;
    }
  }
}
