package dev.weft.instrumentation.db;

/**
 * Summarises SQL statements for database spans.
 *
 * <p>Provisional: reports only the leading keyword as the operation and exports no query text,
 * so that no literal can leave the process; the sanitizing lexer replaces it.
 */
public final class SqlSanitizer {

  private SqlSanitizer() {}

  /**
   * @param sql the statement as the application gave it; null yields an empty summary
   * @param sanitize whether literals are replaced by {@code ?} in the query text
   */
  public static SqlStatementInfo analyze(String sql, boolean sanitize) {
    if (sql == null) {
      return new SqlStatementInfo(null, null, null);
    }
    int start = 0;
    while (start < sql.length() && Character.isWhitespace(sql.charAt(start))) {
      start++;
    }
    int end = start;
    while (end < sql.length() && Character.isLetter(sql.charAt(end))) {
      end++;
    }
    String keyword = end > start ? sql.substring(start, end).toUpperCase(java.util.Locale.ROOT) : null;
    return new SqlStatementInfo(null, keyword, null);
  }
}
