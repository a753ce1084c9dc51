package dev.weft.instrumentation.db;

/**
 * One pass over the first {@code limit} characters of one SQL statement: splits it into tokens,
 * writes the sanitized text (literals as {@code ?}, comments dropped, {@code IN} lists of
 * literals collapsed) when asked, and follows a small state machine that finds the operation
 * and the single plain table of the statement. Linear in {@code limit}: every character is
 * looked at a bounded number of times, nothing recurses, no regex.
 *
 * <p>Single-quoted strings are read in one of two modes, since dialects disagree on {@code \'}:
 * with backslash escapes (MySQL) or without (standard SQL, PostgreSQL); the lexer reports where
 * the two would part ({@link #ambiguousStart}) so that {@link SqlSanitizer} can stop there.
 *
 * <p>Not thread-safe: one instance per statement and pass, used by one thread.
 */
final class SqlLexer {

  // Token kinds.
  private static final int NONE = 0;
  private static final int WORD = 1; // unquoted identifier or keyword
  private static final int QUOTED_IDENT = 2; // "x", `x`, [x]
  private static final int LITERAL = 3;
  private static final int QMARK = 4; // ? placeholder
  private static final int PARAM = 5; // $1, :1 placeholders
  private static final int OPEN = 6;
  private static final int CLOSE = 7;
  private static final int COMMA = 8;
  private static final int DOT = 9;
  private static final int SEMI = 10;
  private static final int OTHER = 11;

  // Character classes of ASCII characters.
  private static final byte C_OTHER = 0;
  private static final byte C_SPACE = 1;
  private static final byte C_LETTER = 2; // also '_'
  private static final byte C_DIGIT = 3;
  private static final byte[] ASCII = new byte[128];

  static {
    for (int c = 0; c < 128; c++) {
      byte cls = C_OTHER;
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B) {
        cls = C_SPACE;
      } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') {
        cls = C_LETTER;
      } else if (c >= '0' && c <= '9') {
        cls = C_DIGIT;
      }
      ASCII[c] = (byte) cls;
    }
  }

  // Summary states.
  private static final int S_FIND_OP = 0;
  private static final int S_DONE = 1;
  private static final int S_WITH = 2;
  private static final int S_SELECT = 3;
  private static final int S_INSERT = 4;
  private static final int S_UPDATE = 5;
  private static final int S_DELETE = 6;
  private static final int S_DDL = 7;
  private static final int S_DDL_IF = 8;
  private static final int S_TRUNCATE = 9;
  private static final int S_TABLE = 10; // expects the first part of a table name
  private static final int S_TABLE_PART = 11; // after a dot, expects the next part
  private static final int S_TABLE_END = 12; // after a part: a dot, an alias or the end
  private static final int S_ALIAS_AS = 13; // after AS, expects the alias
  private static final int S_AFTER_ALIAS = 14; // expects a clause keyword or the end
  private static final int S_TAIL = 15; // table found; watches for a second one

  // IN-list states.
  private static final int IN_NONE = 0;
  private static final int IN_KEYWORD = 1;
  private static final int IN_EXPECT = 2;
  private static final int IN_AFTER = 3;

  /** The operations reported; anything else yields no operation (no free text ever). */
  static final String[] OPERATIONS = {
    "SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "CALL", "EXEC", "EXECUTE", "CREATE",
    "DROP", "ALTER", "TRUNCATE", "WITH", "REPLACE", "UPSERT", "SET", "SHOW", "DESCRIBE",
    "EXPLAIN", "GRANT", "REVOKE", "BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "USE",
    "VALUES", "LOCK", "UNLOCK", "ANALYZE", "VACUUM", "COPY", "DECLARE", "PREPARE", "DEALLOCATE",
    "START", "LOAD", "RENAME", "COMMENT", "REFRESH", "LISTEN", "NOTIFY", "FETCH", "CLOSE", "DO"
  };

  private static final String[] WITH_BODY = {"SELECT", "INSERT", "UPDATE", "DELETE", "MERGE"};
  private static final String[] INSERT_MODIFIERS = {
    "IGNORE", "LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY", "OR", "REPLACE", "ROLLBACK", "ABORT",
    "FAIL"
  };
  private static final String[] UPDATE_MODIFIERS = {"LOW_PRIORITY", "IGNORE", "ONLY"};
  private static final String[] DELETE_MODIFIERS = {"LOW_PRIORITY", "QUICK", "IGNORE"};
  private static final String[] DDL_MODIFIERS = {
    "OR", "REPLACE", "TEMPORARY", "TEMP", "GLOBAL", "LOCAL", "UNLOGGED"
  };
  private static final String[] IF_EXISTS = {"IF", "NOT", "EXISTS"};

  /** Words that may follow a single table reference and end it. */
  private static final String[] TABLE_TERMINATORS = {
    "WHERE", "GROUP", "ORDER", "LIMIT", "HAVING", "OFFSET", "FETCH", "FOR", "UNION", "INTERSECT",
    "EXCEPT", "MINUS", "WINDOW", "SET", "RETURNING", "WITH", "QUALIFY", "LOCK", "OUTPUT"
  };

  /** Words that, after a table, mean a join or something not plain: never an alias. */
  private static final String[] NOT_ALIAS = {
    "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "NATURAL", "OUTER", "STRAIGHT_JOIN",
    "USING", "ON", "LATERAL", "APPLY", "PIVOT", "UNPIVOT", "TABLESAMPLE", "FROM", "AS"
  };

  /** After these words a {@code -} or {@code +} before a number is its sign. */
  private static final String[] SIGN_KEYWORDS = {
    "SELECT", "WHERE", "AND", "OR", "NOT", "THEN", "ELSE", "WHEN", "VALUES", "SET", "LIMIT",
    "OFFSET", "RETURN", "BY", "IS", "IN", "LIKE", "BETWEEN", "CASE", "ON", "HAVING", "DEFAULT"
  };

  /** Collection names longer than this are not reported. */
  private static final int MAX_COLLECTION_LENGTH = 128;

  /** Postgres dollar-quote tags are identifiers of at most 63 bytes. */
  private static final int MAX_DOLLAR_TAG = 63;

  private final String s;
  private final int n;
  private final boolean backslashEscapes;
  private final StringBuilder out; // null when the text is not built

  /** A string, quoted identifier or comment reached the end of the analysed text. */
  boolean unterminated;

  /**
   * Start of the first string in which backslash mode read {@code \'} as an escaped quote: the
   * first place the two modes part; -1 when they never do.
   */
  int ambiguousStart = -1;

  private int copyFrom;
  private boolean afterComment;
  private int prevKind = NONE;
  private int prevStart;
  private int prevEnd;
  private int depth;

  private int inState = IN_NONE;
  private int inMark;

  private int state = S_FIND_OP;
  private boolean strict;
  private int opDepth;
  private String operation;
  private StringBuilder name;
  private String collection;

  SqlLexer(String sql, int limit, boolean buildText, boolean backslashEscapes) {
    this.s = sql;
    this.n = limit;
    this.backslashEscapes = backslashEscapes;
    this.out = buildText ? new StringBuilder(limit) : null;
  }

  String operation() {
    return operation;
  }

  String collection() {
    return collection;
  }

  /** The sanitized text, trimmed; null when the text was not built. */
  String text() {
    if (out == null) {
      return null;
    }
    int start = 0;
    int end = out.length();
    while (start < end && isSpace(out.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(out.charAt(end - 1))) {
      end--;
    }
    return out.substring(start, end);
  }

  /** Appends a {@code ?} for the text cut off after {@link #ambiguousStart}. */
  void appendCutLiteral() {
    if (out != null) {
      out.append('?');
    }
  }

  void run() {
    final String s = this.s;
    final int n = this.n;
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      int cls = c < 128 ? ASCII[c] : nonAsciiClass(c);
      if (cls == C_SPACE) {
        int j = i + 1;
        while (j < n && isSpace(s.charAt(j))) {
          j++;
        }
        whitespace(i, j);
        i = j;
      } else if (cls == C_LETTER) {
        i = word(i);
      } else if (cls == C_DIGIT) {
        i = number(i, i);
      } else {
        i = punctuation(c, i);
      }
    }
    if (out != null) {
      flush(n);
    }
    finishSummary();
  }

  private int punctuation(char c, int i) {
    final String s = this.s;
    final int n = this.n;
    char next = i + 1 < n ? s.charAt(i + 1) : 0;
    switch (c) {
      case '\'':
        {
          int j = string(i, i + 1, backslashEscapes, true);
          token(LITERAL, i, j);
          return j;
        }
      case '"':
      case '`':
        return quoted(i, c);
      case '[':
        return bracket(i);
      case '$':
        return dollar(i);
      case '-':
        if (next == '-') {
          int j = i + 2;
          while (j < n && s.charAt(j) != '\n' && s.charAt(j) != '\r') {
            j++;
          }
          comment(i, j);
          return j;
        }
        return signOrOther(i);
      case '+':
        return signOrOther(i);
      case '/':
        if (next == '*') {
          return blockComment(i);
        }
        break;
      case '.':
        if (isDigit(next)) {
          return number(i, i);
        }
        token(DOT, i, i + 1);
        return i + 1;
      case ':':
        if (isDigit(next) && !prevIsOperand()) {
          int j = i + 1;
          while (j < n && isDigit(s.charAt(j))) {
            j++;
          }
          token(PARAM, i, j);
          return j;
        }
        break;
      case '?':
        token(QMARK, i, i + 1);
        return i + 1;
      case '(':
        token(OPEN, i, i + 1);
        return i + 1;
      case ')':
        token(CLOSE, i, i + 1);
        return i + 1;
      case ',':
        token(COMMA, i, i + 1);
        return i + 1;
      case ';':
        token(SEMI, i, i + 1);
        return i + 1;
      default:
        break;
    }
    token(OTHER, i, i + 1);
    return i + 1;
  }

  // ---- Lexing ----

  private int word(int i) {
    final String s = this.s;
    int j = i + 1;
    while (j < n && isIdentPart(s.charAt(j))) {
      j++;
    }
    if (j < n && s.charAt(j) == '\'') {
      // A prefixed string: X'0F', B'01', N'..', E'..', _utf8'..', Oracle q'[..]'.
      int len = j - i;
      char c0 = s.charAt(i);
      if (isQPrefix(i, len)) {
        int k = qQuote(j + 1);
        token(LITERAL, i, k);
        return k;
      }
      if (len <= 2 || c0 == '_') {
        // PostgreSQL's E'..' always reads backslash escapes, in either mode.
        boolean escapeString = len == 1 && (c0 == 'e' || c0 == 'E');
        int k = escapeString ? string(i, j + 1, true, false) : string(i, j + 1, backslashEscapes, true);
        token(LITERAL, i, k);
        return k;
      }
    }
    int len = j - i;
    if ((len == 4 && s.regionMatches(true, i, "TRUE", 0, 4))
        || (len == 5 && s.regionMatches(true, i, "FALSE", 0, 5))) {
      token(LITERAL, i, j);
    } else {
      token(WORD, i, j);
    }
    return j;
  }

  private boolean isQPrefix(int i, int len) {
    char c0 = s.charAt(i);
    if (len == 1) {
      return c0 == 'q' || c0 == 'Q';
    }
    char c1 = s.charAt(i + 1);
    return len == 2 && (c0 == 'n' || c0 == 'N') && (c1 == 'q' || c1 == 'Q');
  }

  /**
   * Reads a single-quoted string whose content starts at {@code k}; returns the index after its
   * closing quote, or {@code n} (unterminated).
   */
  private int string(int tokenStart, int k, boolean escapes, boolean modeDependent) {
    final String s = this.s;
    final int n = this.n;
    while (k < n) {
      char c = s.charAt(k);
      if (c == '\'') {
        if (k + 1 < n && s.charAt(k + 1) == '\'') {
          k += 2;
          continue;
        }
        return k + 1;
      }
      if (c == '\\' && escapes) {
        if (modeDependent && ambiguousStart < 0 && k + 1 < n && s.charAt(k + 1) == '\'') {
          ambiguousStart = tokenStart;
        }
        k += 2;
        continue;
      }
      k++;
    }
    unterminated = true;
    return n;
  }

  /** Oracle's q'[...]': the content starts at {@code k} with the delimiter. */
  private int qQuote(int k) {
    if (k >= n) {
      unterminated = true;
      return n;
    }
    char open = s.charAt(k);
    char close;
    switch (open) {
      case '[':
        close = ']';
        break;
      case '{':
        close = '}';
        break;
      case '(':
        close = ')';
        break;
      case '<':
        close = '>';
        break;
      default:
        close = open;
    }
    for (int m = k + 1; m + 1 < n; m++) {
      if (s.charAt(m) == close && s.charAt(m + 1) == '\'') {
        return m + 2;
      }
    }
    unterminated = true;
    return n;
  }

  /**
   * A double-quoted or backquoted identifier, kept unless it holds a single quote. Unterminated, the rest of the text is taken
   * as a literal: MySQL reads {@code "..."} as a string, so dropping it is the safe reading.
   */
  private int quoted(int i, char q) {
    final String s = this.s;
    int k = i + 1;
    boolean holdsQuote = false;
    while (k < n) {
      char c = s.charAt(k);
      if (c == q) {
        if (k + 1 < n && s.charAt(k + 1) == q) {
          k += 2;
          continue;
        }
        // A name holding ' is no name anyone writes: more likely the quotes span strings
        // (or it is a MySQL string), so it goes as a literal.
        token(holdsQuote ? LITERAL : QUOTED_IDENT, i, k + 1);
        return k + 1;
      }
      if (c == '\'') {
        holdsQuote = true;
      }
      if (c == '\\' && backslashEscapes && q == '"') {
        if (ambiguousStart < 0 && k + 1 < n && s.charAt(k + 1) == '"') {
          ambiguousStart = i;
        }
        k += 2;
        continue;
      }
      k++;
    }
    unterminated = true;
    token(LITERAL, i, n);
    return n;
  }

  /**
   * {@code [name]} as SQL Server writes identifiers, when the content looks like a name (letters,
   * digits, spaces, {@code _$#@}, not starting with a digit or space); anything else (an array
   * subscript {@code a[1]}, {@code ARRAY['x']}) is lexed as ordinary tokens.
   */
  private int bracket(int i) {
    final String s = this.s;
    int k = i + 1;
    while (k < n) {
      char c = s.charAt(k);
      boolean ok;
      if (c < 128) {
        byte cls = ASCII[c];
        ok =
            cls == C_LETTER
                || c == '$'
                || c == '#'
                || c == '@'
                || ((cls == C_DIGIT || c == ' ') && k > i + 1);
      } else {
        ok = Character.isLetterOrDigit(c) || Character.isSurrogate(c);
      }
      if (!ok) {
        break;
      }
      k++;
    }
    if (k < n && k > i + 1 && s.charAt(k) == ']') {
      token(QUOTED_IDENT, i, k + 1);
      return k + 1;
    }
    token(OTHER, i, i + 1);
    return i + 1;
  }

  /** {@code $1} placeholders and PostgreSQL dollar-quoted strings. */
  private int dollar(int i) {
    final String s = this.s;
    final int n = this.n;
    int j = i + 1;
    if (j < n && isDigit(s.charAt(j))) {
      while (j < n && isDigit(s.charAt(j))) {
        j++;
      }
      token(PARAM, i, j);
      return j;
    }
    while (j < n && isTagChar(s.charAt(j))) {
      j++;
    }
    if (j < n && s.charAt(j) == '$') {
      int tagLength = j + 1 - i;
      if (tagLength - 2 > MAX_DOLLAR_TAG) {
        // Not a tag PostgreSQL accepts: the safe reading is a string to the end.
        unterminated = true;
        token(LITERAL, i, n);
        return n;
      }
      int close = indexOf(i, tagLength, j + 1);
      int end;
      if (close < 0) {
        unterminated = true;
        end = n;
      } else {
        end = close + tagLength;
      }
      token(LITERAL, i, end);
      return end;
    }
    token(OTHER, i, i + 1);
    return i + 1;
  }

  /** Where the tag {@code s[tagStart, tagStart+len)} occurs again from {@code from}, or -1. */
  private int indexOf(int tagStart, int len, int from) {
    final String s = this.s;
    int last = n - len;
    for (int k = from; k <= last; k++) {
      if (s.charAt(k) == '$' && s.regionMatches(k, s, tagStart, len)) {
        return k;
      }
    }
    return -1;
  }

  private int signOrOther(int i) {
    final String s = this.s;
    int j = i + 1;
    boolean numberFollows =
        j < n
            && (isDigit(s.charAt(j))
                || (s.charAt(j) == '.' && j + 1 < n && isDigit(s.charAt(j + 1))));
    if (numberFollows && !prevIsOperand()) {
      return number(i, j);
    }
    token(OTHER, i, j);
    return j;
  }

  /** A number starting at {@code i} (its sign, if any, at {@code tokenStart}). */
  private int number(int tokenStart, int i) {
    final String s = this.s;
    final int n = this.n;
    int j = i;
    char c0 = s.charAt(j);
    char c1 = j + 1 < n ? s.charAt(j + 1) : 0;
    if (c0 == '0' && (c1 == 'x' || c1 == 'X' || c1 == 'b' || c1 == 'B')) {
      j += 2; // the digits after are taken as identifier characters below
    } else {
      while (j < n && isDigit(s.charAt(j))) {
        j++;
      }
      if (j < n && s.charAt(j) == '.') {
        j++;
        while (j < n && isDigit(s.charAt(j))) {
          j++;
        }
      }
      if (j < n && (s.charAt(j) == 'e' || s.charAt(j) == 'E')) {
        int k = j + 1;
        if (k < n && (s.charAt(k) == '+' || s.charAt(k) == '-')) {
          k++;
        }
        if (k < n && isDigit(s.charAt(k))) {
          j = k;
        }
      }
    }
    // 0xFF, 10L, 1e5x, MySQL's 1table: all one token, so no digit is left behind. Not '$': in
    // PostgreSQL 1$$..$$ is a number and a dollar-quoted string.
    while (j < n && isIdentPart(s.charAt(j)) && s.charAt(j) != '$') {
      j++;
    }
    token(LITERAL, tokenStart, j);
    return j;
  }

  private int blockComment(int i) {
    final String s = this.s;
    final int n = this.n;
    // Nesting is counted (PostgreSQL nests); where a dialect does not, this drops more, never
    // less.
    int nesting = 1;
    int k = i + 2;
    while (k < n) {
      char c = s.charAt(k);
      if (c == '*' && k + 1 < n && s.charAt(k + 1) == '/') {
        k += 2;
        if (--nesting == 0) {
          comment(i, k);
          return k;
        }
      } else if (c == '/' && k + 1 < n && s.charAt(k + 1) == '*') {
        nesting++;
        k += 2;
      } else {
        k++;
      }
    }
    unterminated = true;
    comment(i, n);
    return n;
  }

  // ---- Output ----

  private void flush(int upTo) {
    if (upTo > copyFrom) {
      out.append(s, copyFrom, upTo);
    }
    copyFrom = upTo;
  }

  private boolean outEndsBlank() {
    int len = out.length();
    return len == 0 || isSpace(out.charAt(len - 1));
  }

  private void comment(int start, int end) {
    if (out != null) {
      flush(start);
      copyFrom = end;
    }
    afterComment = true;
  }

  private void whitespace(int start, int end) {
    if (afterComment && out != null) {
      flush(start);
      if (outEndsBlank()) {
        copyFrom = end; // one gap where the comment was, not two
      }
    }
    afterComment = false;
  }

  private void token(int kind, int start, int end) {
    if (out != null) {
      if (afterComment) {
        flush(start);
        if (!outEndsBlank()) {
          out.append(' ');
        }
      }
      if (kind == LITERAL) {
        flush(start);
        out.append('?');
        copyFrom = end;
      }
    }
    afterComment = false;
    if (kind == CLOSE) {
      depth--;
    }
    inList(kind, start, end);
    if (state != S_DONE) {
      summary(kind, start, end);
    }
    if (kind == OPEN) {
      depth++;
    }
    prevKind = kind;
    prevStart = start;
    prevEnd = end;
  }

  private void inList(int kind, int start, int end) {
    switch (inState) {
      case IN_KEYWORD:
        if (kind == OPEN) {
          if (out != null) {
            flush(end);
            inMark = out.length();
          }
          inState = IN_EXPECT;
        } else {
          inState = IN_NONE;
        }
        break;
      case IN_EXPECT:
        inState = kind == LITERAL || kind == QMARK ? IN_AFTER : IN_NONE;
        break;
      case IN_AFTER:
        if (kind == COMMA) {
          inState = IN_EXPECT;
        } else {
          if (kind == CLOSE && out != null) {
            flush(start);
            out.setLength(inMark);
            out.append('?');
          }
          inState = IN_NONE;
        }
        break;
      default:
        break;
    }
    if (kind == WORD && end - start == 2 && s.regionMatches(true, start, "IN", 0, 2)) {
      inState = IN_KEYWORD;
    }
  }

  private boolean prevIsOperand() {
    switch (prevKind) {
      case WORD:
        return find(prevStart, prevEnd, SIGN_KEYWORDS) == null;
      case QUOTED_IDENT:
      case LITERAL:
      case CLOSE:
      case QMARK:
      case PARAM:
        return true;
      default:
        return false;
    }
  }

  // ---- Summary: operation and collection ----

  private void summary(int kind, int start, int end) {
    switch (state) {
      case S_FIND_OP:
        findOperation(kind, start, end);
        return;
      case S_WITH:
        if (kind == WORD && depth == opDepth) {
          String body = find(start, end, WITH_BODY);
          if (body != null) {
            operation = body;
            state = S_DONE;
          }
        }
        return;
      case S_SELECT:
        if (depth < opDepth) {
          state = S_DONE;
        } else if (kind == WORD && depth == opDepth && is(start, end, "FROM")) {
          state = S_TABLE;
        }
        return;
      case S_INSERT:
        if (kind == WORD && is(start, end, "INTO")) {
          state = S_TABLE;
        } else if (kind != WORD || find(start, end, INSERT_MODIFIERS) == null) {
          state = S_DONE;
        }
        return;
      case S_UPDATE:
        if (kind == WORD && find(start, end, UPDATE_MODIFIERS) != null) {
          return;
        }
        state = S_TABLE;
        summary(kind, start, end);
        return;
      case S_DELETE:
        if (kind == WORD && is(start, end, "FROM")) {
          state = S_TABLE;
        } else if (kind != WORD || find(start, end, DELETE_MODIFIERS) == null) {
          state = S_DONE;
        }
        return;
      case S_DDL:
        if (kind == WORD && is(start, end, "TABLE")) {
          state = S_DDL_IF;
        } else if (kind != WORD || find(start, end, DDL_MODIFIERS) == null) {
          state = S_DONE;
        }
        return;
      case S_TRUNCATE:
        if (kind == WORD && is(start, end, "TABLE")) {
          state = S_DDL_IF;
          return;
        }
        state = S_DDL_IF;
        summary(kind, start, end);
        return;
      case S_DDL_IF:
        if (kind == WORD && find(start, end, IF_EXISTS) != null) {
          return;
        }
        state = S_TABLE;
        summary(kind, start, end);
        return;
      case S_TABLE:
        if (kind == WORD && is(start, end, "ONLY")) {
          return;
        }
        namePart(kind, start, end);
        return;
      case S_TABLE_PART:
        namePart(kind, start, end);
        return;
      case S_TABLE_END:
        if (kind == DOT) {
          state = S_TABLE_PART;
        } else if (!strict) {
          // INSERT INTO t (...), CREATE TABLE t AS ...: the target is plain; a list is not.
          if (kind == COMMA) {
            state = S_DONE;
          } else {
            accept();
            state = S_DONE;
          }
        } else if (isTerminator(kind, start, end)) {
          accept();
          state = S_TAIL;
        } else if (kind == WORD && is(start, end, "AS")) {
          state = S_ALIAS_AS;
        } else if (kind == QUOTED_IDENT || (kind == WORD && find(start, end, NOT_ALIAS) == null)) {
          state = S_AFTER_ALIAS;
        } else {
          state = S_DONE;
        }
        return;
      case S_ALIAS_AS:
        state = kind == WORD || kind == QUOTED_IDENT ? S_AFTER_ALIAS : S_DONE;
        return;
      case S_AFTER_ALIAS:
        if (isTerminator(kind, start, end)) {
          accept();
          state = S_TAIL;
        } else {
          state = S_DONE;
        }
        return;
      case S_TAIL:
        if (kind == WORD
            && depth == opDepth
            && (is(start, end, "FROM") || is(start, end, "JOIN"))) {
          // A second table at the statement's own level (UNION, UPDATE ... FROM): unclear.
          collection = null;
          state = S_DONE;
        }
        return;
      default:
        return;
    }
  }

  private void findOperation(int kind, int start, int end) {
    if (kind == OPEN || kind == QMARK || (kind == OTHER && isJdbcEscapeChar(start))) {
      return; // (SELECT ...), {call p(?)}, {? = call p(?)}
    }
    if (kind != WORD) {
      state = S_DONE;
      return;
    }
    String op = find(start, end, OPERATIONS);
    operation = op;
    opDepth = depth;
    state = S_DONE;
    if (op == null) {
      return;
    }
    switch (op) {
      case "SELECT":
        strict = true;
        state = S_SELECT;
        break;
      case "INSERT":
      case "REPLACE":
      case "UPSERT":
        state = S_INSERT;
        break;
      case "UPDATE":
        strict = true;
        state = S_UPDATE;
        break;
      case "DELETE":
        strict = true;
        state = S_DELETE;
        break;
      case "CREATE":
      case "DROP":
      case "ALTER":
        state = S_DDL;
        break;
      case "TRUNCATE":
        state = S_TRUNCATE;
        break;
      case "WITH":
        state = S_WITH;
        break;
      default:
        break;
    }
  }

  private boolean isJdbcEscapeChar(int i) {
    char c = s.charAt(i);
    return c == '{' || c == '=';
  }

  private void namePart(int kind, int start, int end) {
    if (kind != WORD && kind != QUOTED_IDENT) {
      state = S_DONE; // (subquery), a literal, t.* ...
      return;
    }
    if (name == null) {
      name = new StringBuilder(32);
    }
    if (state == S_TABLE_PART) {
      name.append('.');
    }
    if (kind == WORD) {
      name.append(s, start, end);
    } else {
      // Strip the quotes; a doubled closing quote inside stands for one.
      char close = s.charAt(end - 1);
      for (int k = start + 1; k < end - 1; k++) {
        char c = s.charAt(k);
        name.append(c);
        if (c == close && close != ']' && k + 1 < end - 1 && s.charAt(k + 1) == close) {
          k++;
        }
      }
    }
    state = name.length() > MAX_COLLECTION_LENGTH ? S_DONE : S_TABLE_END;
  }

  private boolean isTerminator(int kind, int start, int end) {
    return kind == SEMI
        || (kind == CLOSE && depth < opDepth)
        || (kind == WORD && find(start, end, TABLE_TERMINATORS) != null);
  }

  private void accept() {
    if (name != null && name.length() > 0) {
      collection = name.toString();
    }
  }

  private void finishSummary() {
    if (state == S_TABLE_END || state == S_AFTER_ALIAS) {
      accept();
    }
  }

  // ---- Character and keyword helpers ----

  private boolean is(int start, int end, String keyword) {
    int len = keyword.length();
    return end - start == len && s.regionMatches(true, start, keyword, 0, len);
  }

  /** The keyword of {@code set} the word {@code s[start, end)} is, ignoring case, or null. */
  private String find(int start, int end, String[] set) {
    int len = end - start;
    for (String keyword : set) {
      if (keyword.length() == len && s.regionMatches(true, start, keyword, 0, len)) {
        return keyword;
      }
    }
    return null;
  }

  private static int nonAsciiClass(char c) {
    if (Character.isLetter(c) || Character.isSurrogate(c)) {
      return C_LETTER;
    }
    return Character.isWhitespace(c) || Character.isSpaceChar(c) ? C_SPACE : C_OTHER;
  }

  static boolean isSpace(char c) {
    return c < 128 ? ASCII[c] == C_SPACE : Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isIdentPart(char c) {
    if (c < 128) {
      byte cls = ASCII[c];
      return cls == C_LETTER || cls == C_DIGIT || c == '$';
    }
    return Character.isLetterOrDigit(c) || Character.isSurrogate(c);
  }

  private static boolean isTagChar(char c) {
    if (c < 128) {
      byte cls = ASCII[c];
      return cls == C_LETTER || cls == C_DIGIT;
    }
    return Character.isLetterOrDigit(c);
  }
}
