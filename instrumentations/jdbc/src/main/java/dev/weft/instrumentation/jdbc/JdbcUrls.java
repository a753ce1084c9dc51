package dev.weft.instrumentation.jdbc;

import java.util.Locale;

/**
 * Reads a JDBC URL ({@code DatabaseMetaData.getURL()}) into a {@link DbInfo}: the database system
 * from the sub-protocol, and where the URL shows them, the database name, host and port (the
 * system's default port when a host is given without one). Hand-written and linear: no regex, no
 * {@code java.net.URI} (JDBC URLs are rarely valid URIs). Runs once per connection, not per
 * statement.
 *
 * <p>Never throws: a URL it cannot read yields what it could read, at least the system ({@code
 * other_sql} when unknown). Stateless; thread-safe. User and password that a URL may carry are
 * never copied into the result (only host, port and database name are).
 */
public final class JdbcUrls {

  static final String OTHER_SQL = "other_sql";

  private JdbcUrls() {}

  /** The database a connection with this URL talks to; {@link DbInfo#UNKNOWN} for null. */
  public static DbInfo parse(String url) {
    if (url == null || !url.regionMatches(true, 0, "jdbc:", 0, 5)) {
      return DbInfo.UNKNOWN;
    }
    try {
      return parseJdbc(url);
    } catch (RuntimeException e) {
      // A URL shape not foreseen: the system is still worth reporting.
      return DbInfo.UNKNOWN;
    }
  }

  private static DbInfo parseJdbc(String url) {
    int colon = url.indexOf(':', 5);
    if (colon < 0) {
      return DbInfo.UNKNOWN;
    }
    String sub = url.substring(5, colon).toLowerCase(Locale.ROOT);
    int rest = colon + 1;
    if (sub.equals("postgresql") || sub.equals("pgsql")) {
      return hostOrLocal(url, rest, "postgresql", 5432);
    }
    if (sub.equals("mysql")) {
      return server(url, skipToSlashes(url, rest), "mysql", 3306);
    }
    if (sub.equals("mariadb")) {
      return server(url, skipToSlashes(url, rest), "mariadb", 3306);
    }
    if (sub.equals("h2")) {
      return embedded(url, rest, "h2", 9092, "mem:", "file:", "tcp:", "ssl:");
    }
    if (sub.equals("hsqldb")) {
      return embedded(url, rest, "hsqldb", 9001, "mem:", "file:", "hsql:", "hsqls:");
    }
    if (sub.equals("derby")) {
      return embedded(url, rest, "derby", 1527, "memory:", "directory:", "", "");
    }
    if (sub.equals("oracle")) {
      return oracle(url, rest);
    }
    if (sub.equals("sqlserver")) {
      return sqlServer(url, rest);
    }
    if (sub.equals("jtds")) {
      boolean sqlServer = url.regionMatches(true, rest, "sqlserver:", 0, 10);
      return server(
          url, skipToSlashes(url, rest), sqlServer ? "microsoft.sql_server" : OTHER_SQL, 1433);
    }
    if (sub.equals("sqlite")) {
      String path = until(url, rest, "?");
      return new DbInfo("sqlite", path.isEmpty() ? null : path, null, -1);
    }
    if (sub.equals("db2")) {
      return server(url, rest, "db2", 50000);
    }
    int slashes = url.indexOf("//", rest);
    return slashes < 0 ? DbInfo.UNKNOWN : server(url, slashes, OTHER_SQL, -1);
  }

  /** {@code //host:port/db?...}, else {@code db} alone (the driver's localhost default). */
  private static DbInfo hostOrLocal(String url, int at, String system, int defaultPort) {
    if (url.startsWith("//", at)) {
      return server(url, at, system, defaultPort);
    }
    String db = until(url, at, "?;");
    return new DbInfo(system, db.isEmpty() ? null : db, null, -1);
  }

  /**
   * An embedded database's URL ({@code mem:name}, {@code file:path}, a bare path) or its server
   * mode ({@code tcp://host:port/path}); options after {@code ;} are dropped.
   */
  private static DbInfo embedded(
      String url,
      int at,
      String system,
      int defaultPort,
      String memory,
      String file,
      String remote1,
      String remote2) {
    if (url.startsWith("//", at)) {
      return server(url, at, system, defaultPort);
    }
    for (String remote : new String[] {remote1, remote2}) {
      if (!remote.isEmpty() && url.regionMatches(true, at, remote, 0, remote.length())) {
        int slashes = url.indexOf("//", at);
        if (slashes >= 0) {
          return server(url, slashes, system, defaultPort);
        }
      }
    }
    int from = at;
    if (url.regionMatches(true, at, memory, 0, memory.length())) {
      from = at + memory.length();
    } else if (url.regionMatches(true, at, file, 0, file.length())) {
      from = at + file.length();
    }
    String name = until(url, from, ";?");
    return new DbInfo(system, name.isEmpty() ? null : name, null, -1);
  }

  /**
   * {@code //host[:port][,host2...][/db][?|;options]} starting at the slashes; IPv6 hosts in
   * brackets. Of several hosts (failover lists) the first is reported.
   */
  private static DbInfo server(String url, int slashes, String system, int defaultPort) {
    if (slashes < 0 || !url.startsWith("//", slashes)) {
      return new DbInfo(system, null, null, -1);
    }
    int i = slashes + 2;
    int n = url.length();
    // user:password@ before the host: skipped, never reported.
    int at = indexOfAny(url, i, "@/?;");
    if (at >= 0 && url.charAt(at) == '@') {
      i = at + 1;
    }
    String host;
    if (i < n && url.charAt(i) == '[') {
      int close = url.indexOf(']', i);
      host = close < 0 ? url.substring(i + 1) : url.substring(i + 1, close);
      i = close < 0 ? n : close + 1;
    } else {
      int end = indexOfAny(url, i, ":/?;,\\");
      end = end < 0 ? n : end;
      host = url.substring(i, end);
      i = end;
    }
    if (i < n && url.charAt(i) == '\\') {
      // SQL Server's host\instance: the instance is not part of the address.
      int end = indexOfAny(url, i, ":/?;,");
      i = end < 0 ? n : end;
    }
    int port = -1;
    if (i < n && url.charAt(i) == ':') {
      int start = ++i;
      while (i < n && url.charAt(i) >= '0' && url.charAt(i) <= '9') {
        i++;
      }
      port = digits(url, start, i);
    }
    String db = null;
    int slash = indexOfAny(url, i, "/?;");
    if (slash >= 0 && url.charAt(slash) == '/') {
      String name = until(url, slash + 1, "?;&:");
      db = name.isEmpty() ? null : name;
    }
    if (host.isEmpty()) {
      return new DbInfo(system, db, null, -1);
    }
    return new DbInfo(system, db, host, port > 0 ? port : defaultPort);
  }

  /** {@code thin:@host:port:sid}, {@code thin:@//host:port/service}, or a TNS descriptor. */
  private static DbInfo oracle(String url, int at) {
    int sign = url.indexOf('@', at);
    if (sign < 0) {
      return new DbInfo("oracle", null, null, -1);
    }
    int i = sign + 1;
    if (url.startsWith("//", i)) {
      return server(url, i, "oracle", 1521);
    }
    if (i < url.length() && url.charAt(i) == '(') {
      // A TNS descriptor: too varied to read reliably; the system alone is certain.
      return new DbInfo("oracle", null, null, -1);
    }
    int end = indexOfAny(url, i, ":/?");
    if (end < 0) {
      String host = url.substring(i);
      return new DbInfo("oracle", null, host.isEmpty() ? null : host, 1521);
    }
    String host = url.substring(i, end);
    int port = 1521;
    int next = end;
    if (url.charAt(end) == ':') {
      int start = end + 1;
      int stop = start;
      while (stop < url.length() && url.charAt(stop) >= '0' && url.charAt(stop) <= '9') {
        stop++;
      }
      int parsed = digits(url, start, stop);
      if (parsed > 0) {
        port = parsed;
        next = stop;
      }
    }
    String db = null;
    if (next < url.length() && (url.charAt(next) == ':' || url.charAt(next) == '/')) {
      String name = until(url, next + 1, "?");
      db = name.isEmpty() ? null : name;
    }
    return new DbInfo("oracle", db, host.isEmpty() ? null : host, port);
  }

  /** {@code //host[\instance][:port][;databaseName=db;...]}. */
  private static DbInfo sqlServer(String url, int at) {
    DbInfo address = server(url, url.startsWith("//", at) ? at : -1, "microsoft.sql_server", 1433);
    String db = property(url, at, "databaseName");
    if (db == null) {
      db = property(url, at, "database");
    }
    return new DbInfo(
        address.system(), db, address.serverAddress(), address.serverPort());
  }

  /** The value of a {@code ;key=value} option, the key compared ignoring case; or null. */
  private static String property(String url, int from, String key) {
    int i = url.indexOf(';', from);
    while (i >= 0) {
      int start = i + 1;
      if (url.regionMatches(true, start, key, 0, key.length())
          && start + key.length() < url.length()
          && url.charAt(start + key.length()) == '=') {
        String value = until(url, start + key.length() + 1, ";");
        return value.isEmpty() ? null : value;
      }
      i = url.indexOf(';', start);
    }
    return null;
  }

  /** Skips sub-protocol qualifiers ({@code loadbalance:}) up to the {@code //} of the host. */
  private static int skipToSlashes(String url, int from) {
    return url.indexOf("//", from);
  }

  private static String until(String url, int from, String terminators) {
    int end = indexOfAny(url, from, terminators);
    return end < 0 ? url.substring(from) : url.substring(from, end);
  }

  private static int indexOfAny(String s, int from, String chars) {
    for (int i = from; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  private static int digits(String s, int start, int end) {
    if (end == start || end - start > 5) {
      return -1;
    }
    int value = 0;
    for (int i = start; i < end; i++) {
      value = value * 10 + (s.charAt(i) - '0');
    }
    return value <= 65535 ? value : -1;
  }
}
