package dev.weft.benchmarks;

import dev.weft.instrumentation.db.SqlSanitizer;
import dev.weft.instrumentation.db.SqlStatementInfo;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of the SQL sanitizer on realistic statements (ORM-style SELECTs with joins, INSERTs
 * with literals, UPDATEs, IN lists, a commented statement), in operations per second; the
 * average statement length is printed at setup, so MB/s = ops/s x that length.
 *
 * <p>{@code distinct} analyses {@value #DISTINCT} different statements in turn (literals
 * inlined, as plain {@code Statement}s send them), more than the sanitizer's cache holds, so it
 * measures the lexer itself. {@code repeated} analyses the same few prepared statements, as a
 * pool of {@code PreparedStatement}s does, and measures the cache.
 *
 * <p>One instance per thread; the sanitizer is thread-safe.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SqlSanitizerBenchmark {

  static final int DISTINCT = 4096;

  static final String[] TEMPLATES = {
    "SELECT o.id, o.customer_id, o.status, o.total_amount, o.created_at, c.name, c.email "
        + "FROM orders o JOIN customers c ON c.id = o.customer_id "
        + "WHERE o.status = 'SHIPPED' AND o.created_at >= '2024-01-%d' AND o.total_amount > %d.50 "
        + "ORDER BY o.created_at DESC LIMIT 50",
    "INSERT INTO audit_log (id, user_id, action, payload, created_at) VALUES "
        + "(%d, 4711, 'LOGIN', '{\"ip\": \"10.0.0.%d\", \"agent\": \"Mozilla/5.0\"}', "
        + "TIMESTAMP '2024-05-01 12:00:00')",
    "UPDATE users SET last_login = CURRENT_TIMESTAMP, login_count = login_count + 1, "
        + "display_name = 'Zoë O''Brien' WHERE id = %d AND tenant_id = %d",
    "SELECT p.id, p.sku, p.title, p.price FROM products p WHERE p.category_id IN "
        + "(%d, 12, 13, 14, 15, 16) AND p.active = TRUE AND p.price BETWEEN -1.5e2 AND %d",
    "/* service=checkout route=/api/cart */ SELECT count(*) FROM cart_items "
        + "WHERE cart_id = %d AND sku NOT IN ('A-1', 'B-2', 'C-%d') -- hot path",
    "DELETE FROM sessions WHERE expires_at < now() - interval '%d days' AND user_id = %d",
  };

  static final String[] PREPARED = {
    "SELECT o.id, o.customer_id, o.status, o.total_amount, o.created_at, c.name, c.email "
        + "FROM orders o JOIN customers c ON c.id = o.customer_id "
        + "WHERE o.status = ? AND o.created_at >= ? AND o.total_amount > ? "
        + "ORDER BY o.created_at DESC LIMIT 50",
    "INSERT INTO audit_log (id, user_id, action, payload, created_at) VALUES (?, ?, ?, ?, ?)",
    "UPDATE users SET last_login = CURRENT_TIMESTAMP, login_count = login_count + 1 WHERE id = ?",
    "SELECT p.id, p.sku, p.title, p.price FROM products p WHERE p.category_id IN (?, ?, ?)",
  };

  private String[] distinct;
  private int next;
  private int nextPrepared;

  @Setup
  public void setUp() {
    distinct = new String[DISTINCT];
    long chars = 0;
    for (int i = 0; i < DISTINCT; i++) {
      String template = TEMPLATES[i % TEMPLATES.length];
      distinct[i] = template.replaceFirst("%d", Integer.toString(i)).replaceFirst("%d",
          Integer.toString(i * 7 + 3));
      chars += distinct[i].length();
    }
    System.out.println("average distinct statement length: " + chars / DISTINCT + " chars");
  }

  @Benchmark
  public SqlStatementInfo distinct() {
    String sql = distinct[next];
    next = (next + 1) & (DISTINCT - 1);
    return SqlSanitizer.analyze(sql, true);
  }

  @Benchmark
  public SqlStatementInfo repeated() {
    String sql = PREPARED[nextPrepared];
    nextPrepared = (nextPrepared + 1) & 3;
    return SqlSanitizer.analyze(sql, true);
  }
}
