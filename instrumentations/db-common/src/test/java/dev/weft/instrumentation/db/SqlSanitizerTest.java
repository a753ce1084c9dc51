package dev.weft.instrumentation.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class SqlSanitizerTest {

  private static String sanitized(String sql) {
    return SqlSanitizer.analyze(sql, true).queryText();
  }

  private static final String[][] REPLACEMENTS = {
      // strings, quotes inside strings, escapes
      {"SELECT * FROM t WHERE name = 'Alice'", "SELECT * FROM t WHERE name = ?"},
      {"SELECT * FROM t WHERE name = 'O''Brien'", "SELECT * FROM t WHERE name = ?"},
      {"SELECT * FROM t WHERE a = 'x \"y\" -- /* z'", "SELECT * FROM t WHERE a = ?"},
      {"SELECT * FROM t WHERE name = 'O\\'Brien' AND b = 'c'", "SELECT * FROM t WHERE name = ?"},
      {"SELECT * FROM t WHERE path = 'C:\\' AND b = 'secret'", "SELECT * FROM t WHERE path = ?"},
      {"SELECT 'a\\\\' , 'b'", "SELECT ? , ?"},
      {"SELECT ''", "SELECT ?"},
      {"SELECT X'0F', x'ff', B'0101', N'näme', E'it\\'s', _utf8mb4'abc'", "SELECT ?, ?, ?, ?, ?, ?"},
      {"SELECT q'[it's]' FROM dual", "SELECT ? FROM dual"},
      // dollar quoting and placeholders
      {"SELECT $$it's a secret$$", "SELECT ?"},
      {"SELECT $body$ x $$ y $body$, $1, $2", "SELECT ?, $1, $2"},
      {"SELECT $a$ unterminated secret", "SELECT ?"},
      {"SELECT * FROM t WHERE a = ? AND b = :name AND c = $1 AND d = :1", "SELECT * FROM t WHERE a = ? AND b = :name AND c = $1 AND d = :1"},
      {"SELECT a::text FROM t", "SELECT a::text FROM t"},
      // numbers
      {"SELECT * FROM t WHERE id = 42", "SELECT * FROM t WHERE id = ?"},
      {"SELECT * FROM t WHERE x = -42 AND y = -.5", "SELECT * FROM t WHERE x = ? AND y = ?"},
      {"SELECT a-1, a - 2, (3)-4, f(-5)", "SELECT a-?, a - ?, (?)-?, f(?)"},
      {"SELECT 1.5, .25, 1e-5, 2.5E+10, 3e5", "SELECT ?, ?, ?, ?, ?"},
      {"SELECT 0xFF, 0XdeadBEEF, 0b101, 10L", "SELECT ?, ?, ?, ?"},
      {"SELECT col1, t2.col_3 FROM t2", "SELECT col1, t2.col_3 FROM t2"},
      {"SELECT * FROM t LIMIT 10 OFFSET -1", "SELECT * FROM t LIMIT ? OFFSET ?"},
      // booleans and NULL
      {"UPDATE t SET a = TRUE, b = false, c = NULL", "UPDATE t SET a = ?, b = ?, c = NULL"},
      {"SELECT \"true\", truename FROM t", "SELECT \"true\", truename FROM t"},
      // IN lists
      {"SELECT * FROM t WHERE id IN (1, 2, 3)", "SELECT * FROM t WHERE id IN (?)"},
      {"SELECT * FROM t WHERE id in('a','b') AND x NOT IN (?, ?, ?)", "SELECT * FROM t WHERE id in(?) AND x NOT IN (?)"},
      {"SELECT * FROM t WHERE id IN (-1, 2.5e3, /* c */ 7)", "SELECT * FROM t WHERE id IN (?)"},
      {"SELECT * FROM t WHERE id IN (SELECT id FROM u WHERE v = 1)", "SELECT * FROM t WHERE id IN (SELECT id FROM u WHERE v = ?)"},
      {"SELECT * FROM t WHERE (a, b) IN ((1, 2), (3, 4))", "SELECT * FROM t WHERE (a, b) IN ((?, ?), (?, ?))"},
      {"SELECT * FROM t WHERE id IN (a, 1)", "SELECT * FROM t WHERE id IN (a, ?)"},
      // identifiers
      {"SELECT \"Name\", `order`, [Order Details].[Qty] FROM \"My \"\"T\"\"\"", "SELECT \"Name\", `order`, [Order Details].[Qty] FROM \"My \"\"T\"\"\""},
      {"SELECT arr[1], arr[i + 2], ARRAY['x'] FROM t", "SELECT arr[?], arr[i + ?], ARRAY[?] FROM t"},
      // comments dropped
      {"SELECT a /* secret 'x' */ FROM t", "SELECT a FROM t"},
      {"SELECT a/*c*/FROM t", "SELECT a FROM t"},
      {"SELECT a -- Bob's comment\nFROM t", "SELECT a FROM t"},
      {"-- header\nSELECT 1", "SELECT ?"},
      {"SELECT 1 /* a /* nested */ still 'x' */ , 2", "SELECT ? , ?"},
      {"SELECT 1 /* unterminated secret", "SELECT ?"},
      {"SELECT a, -- one\n  b\nFROM t", "SELECT a, b\nFROM t"},
      // unicode
      {"SELECT naïve, 名前 FROM 表 WHERE 名前 = 'Zoë 🎉' AND n = 5", "SELECT naïve, 名前 FROM 表 WHERE 名前 = ? AND n = ?"},
      {"SELECT '🎉' || 🎉col", "SELECT ? || 🎉col"},
      // whitespace kept
      {"  SELECT\ta\n  FROM t  ", "SELECT\ta\n  FROM t"},
  };

  @Test
  void analyze_replacesEveryLiteralAndKeepsTheRest() {
    List<String> failures = new ArrayList<>();
    for (String[] row : REPLACEMENTS) {
      String actual = sanitized(row[0]);
      if (!row[1].equals(actual)) {
        failures.add("\n  in:       " + row[0] + "\n  expected: " + row[1] + "\n  actual:   " + actual);
      }
    }
    assertTrue(failures.isEmpty(), failures.toString());
  }

  private static final String[][] SUMMARIES = {
      {"SELECT * FROM orders", "SELECT", "orders"},
      {"select * from orders where id = 1", "SELECT", "orders"},
      {"SELECT a FROM public.orders o WHERE o.id = 1", "SELECT", "public.orders"},
      {"SELECT a FROM \"public\".\"Orders\" AS o ORDER BY a", "SELECT", "public.Orders"},
      {"SELECT a FROM `db`.`users`", "SELECT", "db.users"},
      {"SELECT a FROM [dbo].[Order Details]", "SELECT", "dbo.Order Details"},
      {"SELECT a FROM orders;", "SELECT", "orders"},
      {"SELECT count(*) FROM orders WHERE id IN (SELECT id FROM other)", "SELECT", "orders"},
      {"SELECT EXTRACT(YEAR FROM d) FROM orders", "SELECT", "orders"},
      {"(SELECT a FROM orders)", "SELECT", "orders"},
      {"SELECT a FROM orders FOR UPDATE", "SELECT", "orders"},
      {"SELECT a FROM orders o, users u", "SELECT", null},
      {"SELECT a FROM orders o JOIN users u ON o.u = u.id", "SELECT", null},
      {"SELECT a FROM orders LEFT OUTER JOIN users ON 1 = 1", "SELECT", null},
      {"SELECT a FROM (SELECT * FROM orders) x", "SELECT", null},
      {"SELECT a FROM orders UNION SELECT a FROM users", "SELECT", null},
      {"SELECT a FROM generate_series(1, 10)", "SELECT", null},
      {"SELECT 1", "SELECT", null},
      {"INSERT INTO users (a, b) VALUES (1, 'x')", "INSERT", "users"},
      {"insert ignore into app.users values (1)", "INSERT", "app.users"},
      {"INSERT OR REPLACE INTO users VALUES (1)", "INSERT", "users"},
      {"INSERT INTO users SELECT * FROM old_users", "INSERT", "users"},
      {"REPLACE INTO users VALUES (1)", "REPLACE", "users"},
      {"UPDATE users SET name = 'x' WHERE id = 1", "UPDATE", "users"},
      {"UPDATE users u SET name = 'x'", "UPDATE", "users"},
      {"UPDATE users SET a = b FROM other WHERE other.id = users.id", "UPDATE", null},
      {"UPDATE users u JOIN other o ON o.id = u.id SET u.a = 1", "UPDATE", null},
      {"UPDATE a, b SET a.x = b.x", "UPDATE", null},
      {"DELETE FROM t WHERE id = 1", "DELETE", "t"},
      {"DELETE FROM t", "DELETE", "t"},
      {"DELETE t1 FROM t1 JOIN t2 ON 1 = 1", "DELETE", null},
      {"DELETE FROM t USING u WHERE t.id = u.id", "DELETE", null},
      {"CREATE TABLE IF NOT EXISTS s.t (id INT)", "CREATE", "s.t"},
      {"CREATE TEMPORARY TABLE t AS SELECT 1", "CREATE", "t"},
      {"CREATE INDEX i ON t (a)", "CREATE", null},
      {"DROP TABLE t", "DROP", "t"},
      {"DROP TABLE a, b", "DROP", null},
      {"ALTER TABLE t ADD COLUMN c INT", "ALTER", "t"},
      {"TRUNCATE TABLE t", "TRUNCATE", "t"},
      {"TRUNCATE t", "TRUNCATE", "t"},
      {"MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE", "MERGE", null},
      {"WITH x AS (SELECT * FROM orders) SELECT * FROM x", "SELECT", null},
      {"WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) DELETE FROM t", "DELETE", null},
      {"{call my_proc(?, ?)}", "CALL", null},
      {"{? = call my_func(?)}", "CALL", null},
      {"/* c */ -- d\n select a from t", "SELECT", "t"},
      {"COMMIT", "COMMIT", null},
      {"EXPLAIN SELECT * FROM t", "EXPLAIN", null},
      {"Robert'); DROP TABLE students;--", null, null},
      {"frobnicate the table", null, null},
      {"'just a string'", null, null},
      {"", null, null},
  };

  @Test
  void analyze_reportsOperationAndPlainCollection() {
    List<String> failures = new ArrayList<>();
    for (String[] row : SUMMARIES) {
      SqlStatementInfo info = SqlSanitizer.analyze(row[0] == null ? "" : row[0], true);
      if (!Objects.equals(row[1], info.operationName())
          || !Objects.equals(row[2], info.collectionName())) {
        failures.add("\n  " + row[0] + " -> " + info.operationName() + " / " + info.collectionName()
            + " (expected " + row[1] + " / " + row[2] + ")");
      }
    }
    assertTrue(failures.isEmpty(), failures.toString());
  }

  @Test
  void spanName_isOperationAndCollection() {
    assertEquals("SELECT orders", SqlSanitizer.analyze("SELECT * FROM orders", true).spanName("db"));
    assertEquals("SELECT", SqlSanitizer.analyze("SELECT 1", true).spanName("db"));
    assertEquals("db", SqlSanitizer.analyze("nonsense", true).spanName("db"));
  }

  @Test
  void analyze_null_isEmpty() {
    SqlStatementInfo info = SqlSanitizer.analyze(null, true);
    assertNull(info.queryText());
    assertNull(info.operationName());
    assertNull(info.collectionName());
  }

  @Test
  void analyze_withoutSanitizing_exportsTheOriginalText() {
    String sql = "SELECT * FROM users /* c */ WHERE name = 'Alice' AND id IN (1, 2)";
    SqlStatementInfo info = SqlSanitizer.analyze(sql, false);
    assertEquals(sql, info.queryText());
    assertEquals("SELECT", info.operationName());
    assertEquals("users", info.collectionName());
  }

  @Test
  void analyze_veryLongStatement_isBoundedAndStillSanitized() {
    StringBuilder sb = new StringBuilder("INSERT INTO big VALUES ");
    while (sb.length() < 100_000) {
      sb.append("('secret', 12345), ");
    }
    String sql = sb.toString();
    SqlStatementInfo info = SqlSanitizer.analyze(sql, true);
    assertTrue(info.queryText().length() <= SqlSanitizer.MAX_LENGTH, "bounded");
    assertFalse(info.queryText().contains("secret"));
    assertFalse(info.queryText().contains("12345"));
    assertTrue(info.queryText().startsWith("INSERT INTO big VALUES (?, ?), (?, ?)"));
    assertEquals("big", info.collectionName());
    assertEquals(SqlSanitizer.MAX_LENGTH, SqlSanitizer.analyze(sql, false).queryText().length());

    // A literal cut by the bound is still a literal.
    String cut = "SELECT '" + repeat('x', 20_000) + "'";
    assertEquals("SELECT ?", sanitized(cut));
  }

  @Test
  void analyze_boundDoesNotSplitASurrogatePair() {
    String sql = "SELECT " + repeat('a', SqlSanitizer.MAX_LENGTH - 8) + "🎉🎉🎉";
    String text = SqlSanitizer.analyze(sql, false).queryText();
    assertFalse(Character.isHighSurrogate(text.charAt(text.length() - 1)));
  }

  @Test
  void analyze_backslashReadingsBothPlausible_cutsAtTheAmbiguousString() {
    // MySQL reads one string "a\', " then secret; standard SQL reads 'a\' and 'secret'.
    // Both close every string, so neither reading is trusted past the first.
    String text = sanitized("SELECT * FROM t WHERE a = 'a\\', 'secret', 'b\\', 'c'");
    assertFalse(text.contains("secret"), text);
    assertTrue(text.startsWith("SELECT * FROM t WHERE a = ?"), text);
  }

  @Test
  void analyze_repeatedStatement_isServedFromTheCache() {
    String sql = "SELECT * FROM cached WHERE id = ?";
    SqlStatementInfo first = SqlSanitizer.analyze(sql, true);
    assertSame(first, SqlSanitizer.analyze(new String(sql.toCharArray()), true));
    SqlStatementInfo raw = SqlSanitizer.analyze(sql, false);
    assertEquals(sql, raw.queryText());
  }

  static String repeat(char c, int n) {
    char[] chars = new char[n];
    java.util.Arrays.fill(chars, c);
    return new String(chars);
  }
}
