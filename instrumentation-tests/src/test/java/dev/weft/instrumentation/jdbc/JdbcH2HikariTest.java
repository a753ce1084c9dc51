package dev.weft.instrumentation.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;

/**
 * H2 behind HikariCP: Hikari's proxy statements call H2's, and both are woven; every statement
 * must still yield exactly one span (the suite's counts are exact).
 */
class JdbcH2HikariTest extends JdbcH2Test {

  private static final HikariDataSource POOL;

  static {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(URL);
    config.setMaximumPoolSize(2);
    POOL = new HikariDataSource(config);
  }

  @AfterAll
  static void closePool() {
    POOL.close();
  }

  @Override
  protected DataSource dataSource() {
    return POOL;
  }
}
