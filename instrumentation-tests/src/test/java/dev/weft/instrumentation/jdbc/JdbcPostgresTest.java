package dev.weft.instrumentation.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;

/**
 * A real PostgreSQL 14 server started from jars, through the real PostgreSQL driver (42.7), no
 * pool. One server for all PostgreSQL test classes of this JVM; it stops with the JVM.
 */
class JdbcPostgresTest extends JdbcSuite {

  static final EmbeddedPostgres SERVER = start();

  private static EmbeddedPostgres start() {
    try {
      EmbeddedPostgres server = EmbeddedPostgres.builder().start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          server.close();
        } catch (IOException ignored) {
          // The JVM is going away anyway.
        }
      }));
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected DataSource dataSource() {
    return SERVER.getPostgresDatabase();
  }

  @Override
  protected String expectedSystem() {
    return "postgresql";
  }

  @Override
  protected String expectedNamespace() {
    return "postgres";
  }

  @Override
  protected String expectedAddress() {
    return "localhost";
  }

  @Override
  protected int expectedPort() {
    return SERVER.getPort();
  }
}
