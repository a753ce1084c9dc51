package dev.weft.instrumentation.jdbc;

import dev.weft.api.AgentThread;
import dev.weft.api.CallDepth;
import dev.weft.api.Context;
import dev.weft.api.Span;
import dev.weft.api.SpanKind;
import dev.weft.api.StatusCode;
import dev.weft.api.Tracer;
import dev.weft.api.Tracing;
import dev.weft.api.internal.WeakIdentityMap;
import dev.weft.instrumentation.db.SqlSanitizer;
import dev.weft.instrumentation.db.SqlStatementInfo;

/**
 * The JDBC instrumentation's state and span logic, independent of {@code java.sql} types so that
 * it loads from the bootstrap class path (where {@code java.sql}, a platform module, is not
 * visible on Java 9+): what the agent remembers about statements and connections, the shared call
 * depth, and starting and ending the CLIENT span of one statement.
 *
 * <p>One span per statement: every instrumented execute enters {@link #DEPTH} and leaves it on
 * exit; only the outermost starts a span. A pool's proxy statement (HikariCP) calling the
 * driver's statement, or a driver running statements of its own while executing the
 * application's, thus yields the outermost span alone. Nothing is traced on the agent's own
 * threads.
 *
 * <p>What is remembered is held in {@link WeakIdentityMap}s: statements and connections stay
 * collectable. Thread-safe.
 */
public final class JdbcSpans {

  /** The nesting depth of JDBC executes on the current thread, across all drivers and pools. */
  public static final CallDepth DEPTH = new CallDepth();

  /** A prepared or callable statement's SQL, from {@code Connection.prepareStatement/Call}. */
  public static final WeakIdentityMap<Object, PreparedQuery> PREPARED =
      new WeakIdentityMap<Object, PreparedQuery>();

  /** The batch added to a statement since it was last executed or cleared. */
  public static final WeakIdentityMap<Object, Batch> BATCHES =
      new WeakIdentityMap<Object, Batch>();

  /** The database of each connection seen, parsed once from its URL. */
  public static final WeakIdentityMap<Object, DbInfo> CONNECTIONS =
      new WeakIdentityMap<Object, DbInfo>();

  private static final Tracer TRACER = Tracing.tracer("dev.weft.jdbc");

  private JdbcSpans() {}

  /**
   * Whether literals are replaced in {@code db.query.text}: {@code
   * otel.instrumentation.common.db-statement-sanitizer.enabled}, read once (on the first statement,
   * after the agent has installed its configuration).
   */
  public static boolean sanitize() {
    return Sanitizing.ENABLED;
  }

  /** Whether statements on the current thread are never traced (the agent's own threads). */
  public static boolean isSuppressed() {
    return AgentThread.isCurrent();
  }

  /** Remembers the SQL a prepared or callable statement was prepared with. */
  public static void prepared(Object statement, String sql) {
    if (statement != null && sql != null) {
      PREPARED.put(statement, new PreparedQuery(sql));
    }
  }

  /** The summary of a prepared statement's SQL; null when it was prepared before the agent. */
  public static SqlStatementInfo preparedInfo(Object statement) {
    PreparedQuery query = PREPARED.get(statement);
    return query == null ? null : query.info();
  }

  /** Forgets what is remembered of a statement: it was closed. */
  public static void closed(Object statement) {
    PREPARED.remove(statement);
    if (!BATCHES.isEmpty()) {
      BATCHES.remove(statement);
    }
  }

  /** Records one {@code addBatch} on a statement: {@code sql} for a plain statement, else null. */
  public static void addBatch(Object statement, String sql) {
    if (statement == null) {
      return;
    }
    Batch batch = BATCHES.get(statement);
    if (batch == null) {
      batch = new Batch();
      BATCHES.put(statement, batch);
    }
    batch.add(sql);
  }

  /** Forgets a statement's batch ({@code clearBatch}, or after {@code executeBatch}). */
  public static void clearBatch(Object statement) {
    BATCHES.remove(statement);
  }

  /**
   * Starts the span of one statement as a child of the current context (not made current: nothing
   * nested in a statement is traced).
   *
   * @param info the statement's summary; null when its SQL is unknown
   * @param db the connection's database
   * @param batchSize the number of statements of a batch, or -1 for a single statement
   */
  public static JdbcCall start(SqlStatementInfo info, DbInfo db, long batchSize) {
    String fallback = db.namespace() != null ? db.namespace() : db.system();
    String name = info == null ? fallback : info.spanName(fallback);
    Span span = TRACER.start(name, SpanKind.CLIENT, Context.current());
    if (span.isRecording()) {
      span.setAttribute("db.system.name", db.system());
      if (db.namespace() != null) {
        span.setAttribute("db.namespace", db.namespace());
      }
      if (db.serverAddress() != null) {
        span.setAttribute("server.address", db.serverAddress());
      }
      if (db.serverPort() > 0) {
        span.setAttribute("server.port", (long) db.serverPort());
      }
      if (info != null) {
        if (info.queryText() != null) {
          span.setAttribute("db.query.text", info.queryText());
        }
        if (info.operationName() != null) {
          span.setAttribute("db.operation.name", info.operationName());
        }
        if (info.collectionName() != null) {
          span.setAttribute("db.collection.name", info.collectionName());
        }
      }
      if (batchSize >= 2) {
        // The conventions set the size only for batches of two or more.
        span.setAttribute("db.operation.batch.size", batchSize);
      }
    }
    return new JdbcCall(span);
  }

  /**
   * Ends a statement's span (null: none was started) with what the statement threw, which is
   * recorded and never changed.
   */
  public static void end(JdbcCall call, Throwable error) {
    if (call == null) {
      return;
    }
    Span span = call.span();
    if (error != null && span.isRecording()) {
      span.recordException(error);
      span.setStatus(StatusCode.ERROR);
      span.setAttribute("error.type", error.getClass().getName());
    }
    span.end();
  }

  /** Reads the sanitizer setting when first needed. */
  private static final class Sanitizing {
    static final boolean ENABLED =
        !"false"
            .equalsIgnoreCase(
                trim(
                    Tracing.configValue(
                        "otel.instrumentation.common.db-statement-sanitizer.enabled")));

    private static String trim(String value) {
      return value == null ? null : value.trim();
    }
  }

  /** A prepared statement's SQL, summarised on first execute and then reused. */
  public static final class PreparedQuery {
    private final String sql;
    // Benign race: two threads may both analyze; either result is the same.
    private volatile SqlStatementInfo info;

    PreparedQuery(String sql) {
      this.sql = sql;
    }

    public SqlStatementInfo info() {
      SqlStatementInfo result = info;
      if (result == null) {
        result = SqlSanitizer.analyze(sql, sanitize());
        info = result;
      }
      return result;
    }
  }

  /**
   * The statements added to one statement's batch: how many, and for a plain statement whether
   * they were all the same SQL. A statement is used by one thread at a time (JDBC), but reads are
   * synchronized anyway since pools may hand it between threads.
   */
  public static final class Batch {
    private int size;
    private String sql;
    private boolean mixed;

    synchronized void add(String statementSql) {
      size++;
      if (statementSql == null) {
        return;
      }
      if (sql == null) {
        sql = statementSql;
      } else if (!mixed && !sql.equals(statementSql)) {
        mixed = true;
      }
    }

    public synchronized int size() {
      return size;
    }

    /** The SQL of all the batch's plain statements when it is one, else null. */
    public synchronized String singleSql() {
      return mixed ? null : sql;
    }
  }
}
