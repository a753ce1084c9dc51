package dev.weft.instrumentation.db;

/**
 * Summarises SQL statements for database spans: the query text to export, the operation and
 * the single plain table, read by a small hand-written lexer in one linear pass (two for the
 * rare statement whose strings hold {@code \'}).
 *
 * <p><b>What is exported.</b> With {@code sanitize} (the default of the instrumentations) every
 * literal becomes {@code ?}: single-quoted strings (with {@code ''} and, as MySQL allows,
 * backslash escapes), prefixed strings ({@code X'0F'}, {@code N'..'}, {@code E'..'}, {@code
 * _utf8'..'}, Oracle {@code q'[..]'}), PostgreSQL dollar-quoted strings ({@code $$..$$}, {@code
 * $tag$..$tag$}), numbers (integers, decimals, a sign where the minus is one, {@code 1e-5},
 * {@code 0xFF}) and {@code TRUE}/{@code FALSE}; an {@code IN} list of literals or {@code ?}
 * placeholders becomes {@code IN (?)}. Identifiers stay, also quoted ones ({@code "col"},
 * {@code `col`}, {@code [col]}), and so do placeholders ({@code ?}, {@code :name}, {@code $1}).
 * Comments are <em>dropped</em> (a comment between two tokens leaves one space): OpenTelemetry's
 * sanitizer keeps them, but comments carry free text, personal data and per-request tags such
 * as sqlcommenter's {@code traceparent}, and none of that is safe or low-cardinality. Whitespace
 * is otherwise kept as written; the text is trimmed. Without {@code sanitize} the query text is
 * the original statement, bounded the same way.
 *
 * <p><b>Known limits.</b> A double-quoted string is an identifier, as in standard SQL; MySQL
 * without {@code ANSI_QUOTES} reads it as a string, whose content is then exported. MySQL's
 * {@code #} comments are not recognised (their words are kept, their literals still replaced).
 * Where a string holds {@code \'} (an escaped quote in MySQL, the end of the string in standard
 * SQL and PostgreSQL) the dialect decides where literals end, so the text from that string on is
 * exported as one {@code ?}: never a literal, at the price of the statement's tail.
 *
 * <p><b>Bound.</b> Only the first {@value #MAX_LENGTH} characters of a statement are analysed
 * and exported (a string cut there still becomes {@code ?}); the operation and table come from
 * that part too.
 *
 * <p><b>Summary.</b> The operation is the statement's first keyword if it is one of a fixed
 * list ({@code SELECT}, {@code INSERT}, ... ; the main verb after {@code WITH ...}), uppercase;
 * the collection is the one table a {@code SELECT ... FROM t}, {@code INSERT INTO t}, {@code
 * UPDATE t}, {@code DELETE FROM t}, {@code CREATE/DROP/ALTER/TRUNCATE TABLE t} shows plainly,
 * schema-qualified as written, quotes stripped; null for joins, several tables, subqueries in
 * FROM and anything unclear. Both are identifiers or fixed words, never literals.
 *
 * <p><b>Thread-safety and errors.</b> Stateless apart from a small lock-free cache of recent
 * results (prepared statements repeat); safe from any thread. Never throws: null input yields an
 * empty summary, and a defect of the lexer yields no text and no summary rather than an error.
 */
public final class SqlSanitizer {

  /** How many characters of a statement are analysed and exported. */
  public static final int MAX_LENGTH = 8192;

  /**
   * Results of recent statements, in a fixed array indexed by the statement's hash: no lock, no
   * eviction bookkeeping, a collision simply replaces. Entries are immutable with final fields,
   * so a racing reader sees a whole entry or an older one, never a torn one. Only statements up
   * to {@value #MAX_CACHED_LENGTH} characters are cached, which bounds what the cache retains.
   */
  private static final int CACHE_SIZE = 256;

  private static final int MAX_CACHED_LENGTH = 4096;
  private static final Entry[] CACHE = new Entry[CACHE_SIZE];

  private static final SqlStatementInfo EMPTY = new SqlStatementInfo(null, null, null);

  private SqlSanitizer() {}

  /**
   * @param sql the statement as the application gave it; null yields an empty summary
   * @param sanitize whether literals are replaced by {@code ?} in the query text
   * @return the summary; never null
   */
  public static SqlStatementInfo analyze(String sql, boolean sanitize) {
    if (sql == null) {
      return EMPTY;
    }
    boolean cacheable = sql.length() <= MAX_CACHED_LENGTH;
    int slot = 0;
    if (cacheable) {
      int h = sql.hashCode();
      slot = (h ^ (h >>> 16)) & (CACHE_SIZE - 1);
      Entry entry = CACHE[slot];
      if (entry != null && entry.sanitize == sanitize && entry.sql.equals(sql)) {
        return entry.info;
      }
    }
    SqlStatementInfo info;
    try {
      info = compute(sql, sanitize);
    } catch (RuntimeException e) {
      // Final guard: the lexer is written not to throw; if it ever does, export nothing.
      info = EMPTY;
    }
    if (cacheable) {
      CACHE[slot] = new Entry(sql, sanitize, info);
    }
    return info;
  }

  private static SqlStatementInfo compute(String sql, boolean sanitize) {
    int limit = boundedLength(sql);
    // Strings are read with backslash escapes (MySQL). Where no string holds \' (nearly always)
    // that reading and the standard one (PostgreSQL, where \ is a plain character) agree.
    SqlLexer lexer = new SqlLexer(sql, limit, sanitize, true);
    lexer.run();
    if (lexer.ambiguousStart >= 0) {
      // They part at that string, and whichever reading is wrong turns literal text into words
      // (a statement mixing both styles fools any choice between them). So export only what
      // precedes that string, and the rest as one literal.
      SqlLexer prefix = new SqlLexer(sql, lexer.ambiguousStart, sanitize, true);
      prefix.run();
      prefix.appendCutLiteral();
      lexer = prefix;
    }
    String text = sanitize ? lexer.text() : sql.substring(0, limit);
    return new SqlStatementInfo(text, lexer.operation(), lexer.collection());
  }

  /** {@link #MAX_LENGTH}, moved back by one rather than split a surrogate pair. */
  private static int boundedLength(String sql) {
    int length = sql.length();
    if (length <= MAX_LENGTH) {
      return length;
    }
    int limit = MAX_LENGTH;
    if (Character.isHighSurrogate(sql.charAt(limit - 1))) {
      limit--;
    }
    return limit;
  }

  private static final class Entry {
    final String sql;
    final boolean sanitize;
    final SqlStatementInfo info;

    Entry(String sql, boolean sanitize, SqlStatementInfo info) {
      this.sql = sql;
      this.sanitize = sanitize;
      this.info = info;
    }
  }
}
