package dev.weft.instrumentation.jdbc;

import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** H2 2.x in memory, through its own data source (no pool). */
class JdbcH2Test extends JdbcSuite {

  static final String URL = "jdbc:h2:mem:weftjdbc;DB_CLOSE_DELAY=-1";

  private static final JdbcDataSource DATA_SOURCE = new JdbcDataSource();

  static {
    DATA_SOURCE.setURL(URL);
  }

  @Override
  protected DataSource dataSource() {
    return DATA_SOURCE;
  }

  @Override
  protected String expectedSystem() {
    return "h2";
  }

  @Override
  protected String expectedNamespace() {
    return "weftjdbc";
  }

  @Override
  protected String expectedAddress() {
    return null;
  }

  @Override
  protected int expectedPort() {
    return -1;
  }
}
