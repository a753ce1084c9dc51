package dev.weft.instrumentation.jdbc;

import dev.weft.api.internal.AdviceErrors;
import dev.weft.instrumentation.db.SqlSanitizer;
import dev.weft.instrumentation.db.SqlStatementInfo;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Statement;

/**
 * What the statement advice calls: the part of the instrumentation that uses {@code java.sql}
 * types (the statement's connection and its metadata). A helper class, defined in the class loader
 * of each woven driver or pool: on Java 9+ {@code java.sql} is a platform module, which classes
 * on the bootstrap class path cannot see, so this class cannot live there; everything else is in
 * {@link JdbcSpans}, shared by all loaders. Uses only public members of the agent's classes.
 *
 * <p>Every {@code start*} enters {@link JdbcSpans#DEPTH} first and every {@code end*} leaves it,
 * whatever happens in between; a {@code start*} returns null (no span) when nested, suppressed
 * or failing, and never throws. Stateless; thread-safe.
 */
public final class JdbcHelpers {

  private JdbcHelpers() {}

  /** {@code execute(sql, ...)} and friends on any statement. */
  public static JdbcCall startStatement(Statement statement, String sql) {
    if (JdbcSpans.DEPTH.enter() != 0 || JdbcSpans.isSuppressed()) {
      return null;
    }
    try {
      return JdbcSpans.start(SqlSanitizer.analyze(sql, JdbcSpans.sanitize()), db(statement), -1);
    } catch (Throwable t) {
      AdviceErrors.report(t);
      return null;
    }
  }

  /** The no-argument executes of a prepared or callable statement. */
  public static JdbcCall startPrepared(Statement statement) {
    if (JdbcSpans.DEPTH.enter() != 0 || JdbcSpans.isSuppressed()) {
      return null;
    }
    try {
      return JdbcSpans.start(JdbcSpans.preparedInfo(statement), db(statement), -1);
    } catch (Throwable t) {
      AdviceErrors.report(t);
      return null;
    }
  }

  /**
   * {@code executeBatch}: one span for the whole batch. A prepared statement's batch is its SQL
   * run with several parameter sets; a plain statement's is the SQL given to {@code
   * addBatch(String)}, summarised when it is one statement repeated, else named {@code BATCH}.
   */
  public static JdbcCall startBatch(Statement statement) {
    if (JdbcSpans.DEPTH.enter() != 0 || JdbcSpans.isSuppressed()) {
      return null;
    }
    try {
      JdbcSpans.Batch batch = JdbcSpans.BATCHES.get(statement);
      SqlStatementInfo info = JdbcSpans.preparedInfo(statement);
      if (info == null && batch != null && batch.singleSql() != null) {
        info = SqlSanitizer.analyze(batch.singleSql(), JdbcSpans.sanitize());
      }
      return JdbcSpans.start(batchInfo(info), db(statement), batch == null ? -1 : batch.size());
    } catch (Throwable t) {
      AdviceErrors.report(t);
      return null;
    }
  }

  /** Ends what a {@code start*} returned (null: nothing) and leaves the call depth. */
  public static void end(JdbcCall call, Throwable error) {
    try {
      JdbcSpans.end(call, error);
    } catch (Throwable t) {
      AdviceErrors.report(t);
    } finally {
      JdbcSpans.DEPTH.exit();
    }
  }

  /** Ends a batch: JDBC empties a statement's batch when it is executed, succeeded or not. */
  public static void endBatch(Statement statement, JdbcCall call, Throwable error) {
    try {
      JdbcSpans.clearBatch(statement);
    } catch (Throwable t) {
      AdviceErrors.report(t);
    }
    end(call, error);
  }

  /**
   * The summary of a batch, as the database conventions name batches: operation {@code BATCH
   * INSERT}, span {@code BATCH INSERT users}; just {@code BATCH} when the statements differ.
   */
  private static SqlStatementInfo batchInfo(SqlStatementInfo info) {
    if (info == null) {
      return new SqlStatementInfo(null, "BATCH", null);
    }
    String operation = info.operationName() == null ? "BATCH" : "BATCH " + info.operationName();
    return new SqlStatementInfo(info.queryText(), operation, info.collectionName());
  }

  /**
   * The database of the statement's connection, read from its URL the first time the connection
   * is seen. A pool's proxy connection is its own key (the proxy is what its statements return).
   * Runs inside the call depth, so a driver that queries to answer {@code getMetaData()} adds no
   * span.
   */
  private static DbInfo db(Statement statement) {
    Connection connection;
    try {
      connection = statement.getConnection();
    } catch (Exception closedOrUnsupported) {
      return DbInfo.UNKNOWN;
    }
    if (connection == null) {
      return DbInfo.UNKNOWN;
    }
    DbInfo info = JdbcSpans.CONNECTIONS.get(connection);
    if (info == null) {
      String url = null;
      try {
        DatabaseMetaData metaData = connection.getMetaData();
        url = metaData == null ? null : metaData.getURL();
      } catch (Exception closedOrUnsupported) {
        // Not cached: a connection that cannot answer now may later.
        return DbInfo.UNKNOWN;
      }
      info = JdbcUrls.parse(url);
      JdbcSpans.CONNECTIONS.put(connection, info);
    }
    return info;
  }
}
