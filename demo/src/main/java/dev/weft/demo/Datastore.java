package dev.weft.demo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A service's own embedded H2 database, in memory. Its tables and rows come from the script
 * {@code datastores/<name>.sql}, which H2 itself runs when the database is first opened (as a
 * schema migration at deploy time would have), so the service's traces hold only its requests.
 * Each call takes a fresh connection, as a small service without a pool would.
 */
final class Datastore {

  private final String url;

  private Datastore(String url) {
    this.url = url;
  }

  /** The database {@code name} of this JVM, created from its script. */
  static Datastore create(String name) throws SQLException {
    String url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
    DriverManager.getConnection(url + ";INIT=RUNSCRIPT FROM 'classpath:/datastores/" + name + ".sql'", "demo", "")
        .close();
    return new Datastore(url);
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url, "demo", "");
  }
}
