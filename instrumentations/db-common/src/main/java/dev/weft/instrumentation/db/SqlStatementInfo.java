package dev.weft.instrumentation.db;

/**
 * What a database span says about one SQL statement: its text as exported ({@code
 * db.query.text}, literals replaced by {@code ?} unless sanitizing is off, bounded in length),
 * the operation ({@code SELECT}) and the collection ({@code orders}) where the statement shows
 * them plainly. Immutable and thread-safe.
 */
public final class SqlStatementInfo {

  private final String queryText;
  private final String operationName;
  private final String collectionName;

  public SqlStatementInfo(String queryText, String operationName, String collectionName) {
    this.queryText = queryText;
    this.operationName = operationName;
    this.collectionName = collectionName;
  }

  /** The text for {@code db.query.text}; null when there is none to export. */
  public String queryText() {
    return queryText;
  }

  /** E.g. {@code SELECT}; null when the statement does not show it plainly. */
  public String operationName() {
    return operationName;
  }

  /** E.g. {@code orders}; null when the statement does not show one table plainly. */
  public String collectionName() {
    return collectionName;
  }

  /**
   * The low-cardinality span name the database semantic conventions ask for: {@code
   * "{operation} {collection}"}, else the operation, else {@code fallback} (the namespace or the
   * system name).
   */
  public String spanName(String fallback) {
    if (operationName == null) {
      return fallback;
    }
    return collectionName == null ? operationName : operationName + ' ' + collectionName;
  }
}
