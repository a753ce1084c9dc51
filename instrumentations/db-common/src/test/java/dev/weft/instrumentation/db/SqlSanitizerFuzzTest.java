package dev.weft.instrumentation.db;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random input never makes the sanitizer throw, and statements built with known random literals
 * never export one of them. Seeds are fixed so a failure reproduces; the failing statement is in
 * the message.
 */
class SqlSanitizerFuzzTest {

  private static final String CHARS =
      "abcXYZ_019 \t\n'\"`[]$-+/*.,;:?()=<>!@#\\{}eExX名🎉é";

  private static final String[] WORDS = {
    "SELECT", "FROM", "WHERE", "IN", "AND", "OR", "INSERT", "INTO", "VALUES", "UPDATE", "SET",
    "DELETE", "JOIN", "ON", "AS", "t", "users", "public.orders", "\"Quoted\"", "`bq`", "[br]",
    "(", ")", ",", "=", "-", "+", "*", "/", "?", ":p", "$1", "--", "/*", "*/", "$$", "$tag$",
    "'", "\"", "\\", "E", "X", "q", "N", "TRUE", "NULL", ";", "::int", "e", "\n", "ARRAY[", "]"
  };

  @Test
  void randomCharacters_neverThrow() {
    SplittableRandom random = new SplittableRandom(4711);
    for (int i = 0; i < 20_000; i++) {
      int len = random.nextInt(60);
      StringBuilder sb = new StringBuilder(len);
      for (int k = 0; k < len; k++) {
        sb.append(random.nextInt(8) == 0
            ? (char) random.nextInt(0x10000)
            : CHARS.charAt(random.nextInt(CHARS.length())));
      }
      analyzeBoth(sb.toString());
    }
  }

  @Test
  void randomTokenSoups_neverThrow() {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 20_000; i++) {
      int tokens = random.nextInt(40);
      StringBuilder sb = new StringBuilder();
      for (int k = 0; k < tokens; k++) {
        sb.append(WORDS[random.nextInt(WORDS.length)]);
        if (random.nextBoolean()) {
          sb.append(' ');
        }
      }
      analyzeBoth(sb.toString());
    }
  }

  @Test
  void statementsWithKnownLiterals_neverExportOne() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 20_000; i++) {
      List<String> secrets = new ArrayList<>();
      StringBuilder sb = new StringBuilder();
      int parts = 1 + random.nextInt(12);
      for (int k = 0; k < parts; k++) {
        switch (random.nextInt(6)) {
          case 0:
            sb.append(WORDS[random.nextInt(16)]).append(' ');
            break;
          case 1:
            sb.append("col").append(k).append(random.nextBoolean() ? " = " : "=");
            break;
          case 2:
            sb.append(random.nextBoolean() ? ", " : " (");
            break;
          default:
            // Always a space after: two adjacent quoted literals are one literal in SQL
            // ('a''b'), so what follows would not be a literal at all.
            sb.append(literal(random, secrets)).append(random.nextBoolean() ? " " : "\n");
        }
      }
      String sql = sb.toString();
      String text = SqlSanitizer.analyze(sql, true).queryText();
      assertNotNull(text, sql);
      for (String secret : secrets) {
        if (text.contains(secret)) {
          fail("exported literal " + secret + "\n  in:  " + sql + "\n  out: " + text);
        }
      }
    }
  }

  /** A literal holding a marker no identifier or keyword in the statement contains. */
  private static String literal(SplittableRandom random, List<String> secrets) {
    String secret = "zq" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
    String digits = Long.toString(1_000_000 + random.nextInt(1_000_000_000));
    switch (random.nextInt(10)) {
      case 0:
        secrets.add(secret);
        return "'" + secret + "''s " + randomFiller(random) + "'";
      case 1:
        secrets.add(secret);
        return "'" + randomFiller(random) + secret + "\\'x'"; // MySQL escape
      case 2:
        secrets.add(secret);
        return "$$" + secret + "'\"$$";
      case 3:
        secrets.add(secret);
        return "$t$" + secret + " $$ $t$";
      case 4:
        secrets.add(digits);
        return (random.nextBoolean() ? "-" : "") + digits + (random.nextBoolean() ? ".5e-3" : "");
      case 5:
        secrets.add(digits);
        return "0x" + digits + "AF";
      case 6:
        secrets.add(secret);
        return "E'" + secret + "\\' -- /*'";
      case 7:
        secrets.add(secret);
        return "'C:\\" + secret + "\\'"; // standard SQL: the backslash is a character
      case 8:
        secrets.add(digits);
        return "IN (" + digits + ", -" + digits + ")";
      default:
        secrets.add(secret);
        return "N'" + secret + " /* x */ -- y'";
    }
  }

  private static String randomFiller(SplittableRandom random) {
    String[] fillers = {"", " ", "\"", "--", "/*", "$$", "名", "🎉", "\\\\", ")", ","};
    return fillers[random.nextInt(fillers.length)];
  }

  private static void analyzeBoth(String sql) {
    try {
      SqlStatementInfo sanitized = SqlSanitizer.analyze(sql, true);
      assertNotNull(sanitized.queryText(), sql);
      SqlSanitizer.analyze(sql, false);
    } catch (RuntimeException e) {
      throw new AssertionError("threw on: " + sql, e);
    }
  }
}
