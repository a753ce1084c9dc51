package dev.weft.instrumentation.jdbc;

/**
 * What a JDBC URL says about the database a connection talks to: {@code db.system.name}, {@code
 * db.namespace}, {@code server.address} and {@code server.port}. Parsed once per connection by
 * {@link JdbcUrls}. Immutable and thread-safe.
 */
public final class DbInfo {

  /** For a connection whose URL could not be read. */
  public static final DbInfo UNKNOWN = new DbInfo(JdbcUrls.OTHER_SQL, null, null, -1);

  private final String system;
  private final String namespace;
  private final String serverAddress;
  private final int serverPort;

  public DbInfo(String system, String namespace, String serverAddress, int serverPort) {
    this.system = system;
    this.namespace = namespace;
    this.serverAddress = serverAddress;
    this.serverPort = serverPort;
  }

  /** {@code db.system.name}: {@code postgresql}, {@code h2}, ... or {@code other_sql}; never null. */
  public String system() {
    return system;
  }

  /** {@code db.namespace}, the database name; null when the URL does not name one. */
  public String namespace() {
    return namespace;
  }

  /** {@code server.address}; null for embedded and in-memory databases. */
  public String serverAddress() {
    return serverAddress;
  }

  /** {@code server.port}; -1 when unknown. */
  public int serverPort() {
    return serverPort;
  }

  @Override
  public String toString() {
    return system + '/' + namespace + '@' + serverAddress + ':' + serverPort;
  }
}
