package dev.weft.instrumentation.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;

/** PostgreSQL behind HikariCP: one span per statement through Hikari's proxies. */
class JdbcPostgresHikariTest extends JdbcPostgresTest {

  private static final HikariDataSource POOL;

  static {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(SERVER.getJdbcUrl("postgres", "postgres"));
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
