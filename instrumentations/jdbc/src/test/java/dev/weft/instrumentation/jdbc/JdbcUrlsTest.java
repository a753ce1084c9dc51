package dev.weft.instrumentation.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JdbcUrlsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "jdbc:postgresql://db.example:5433/orders?ssl=true | postgresql | orders | db.example | 5433",
        "jdbc:postgresql://db.example/orders | postgresql | orders | db.example | 5432",
        "jdbc:postgresql://h1:5432,h2:5433/orders | postgresql | orders | h1 | 5432",
        "jdbc:postgresql:orders | postgresql | orders | - | -1",
        "jdbc:mysql://user:secret@mysql.local:3307/shop | mysql | shop | mysql.local | 3307",
        "jdbc:mysql:loadbalance://a:3306,b:3306/shop | mysql | shop | a | 3306",
        "jdbc:mariadb://[::1]:3306/shop | mariadb | shop | ::1 | 3306",
        "jdbc:h2:mem:test;DB_CLOSE_DELAY=-1 | h2 | test | - | -1",
        "jdbc:h2:file:/data/app | h2 | /data/app | - | -1",
        "jdbc:h2:tcp://dbhost:9093/~/app | h2 | ~/app | dbhost | 9093",
        "jdbc:hsqldb:mem:unit | hsqldb | unit | - | -1",
        "jdbc:hsqldb:hsql://localhost/xdb | hsqldb | xdb | localhost | 9001",
        "jdbc:derby:memory:demo;create=true | derby | demo | - | -1",
        "jdbc:derby://derby.local:1528/demo | derby | demo | derby.local | 1528",
        "jdbc:oracle:thin:@ora.local:1522:ORCL | oracle | ORCL | ora.local | 1522",
        "jdbc:oracle:thin:@//ora.local/service | oracle | service | ora.local | 1521",
        "jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS=(HOST=x))) | oracle | - | - | -1",
        "jdbc:sqlserver://mssql.local:1434;databaseName=sales;encrypt=true | microsoft.sql_server | sales | mssql.local | 1434",
        "jdbc:sqlserver://mssql.local\\SQLEXPRESS;database=sales | microsoft.sql_server | sales | mssql.local | 1433",
        "jdbc:jtds:sqlserver://mssql.local:1433/sales | microsoft.sql_server | sales | mssql.local | 1433",
        "jdbc:sqlite:/tmp/app.db | sqlite | /tmp/app.db | - | -1",
        "jdbc:db2://db2.local:50001/SAMPLE | db2 | SAMPLE | db2.local | 50001",
        "jdbc:vertica://v.local:5433/analytics | other_sql | analytics | v.local | 5433",
        "jdbc:weird | other_sql | - | - | -1",
        "not a url | other_sql | - | - | -1",
        "jdbc:postgresql://host:99999999/db | postgresql | db | host | 5432",
      })
  void parse_readsSystemNamespaceAndServer(
      String url, String system, String namespace, String address, int port) {
    DbInfo info = JdbcUrls.parse(url);
    assertEquals(system, info.system(), "system");
    assertEquals(namespace, info.namespace(), "namespace");
    assertEquals(address, info.serverAddress(), "address");
    assertEquals(port, info.serverPort(), "port");
  }

  @ParameterizedTest
  @CsvSource({"jdbc:", "jdbc:postgresql:", "jdbc:postgresql://", "jdbc:mysql://:/", "jdbc:h2:tcp://"})
  void parse_truncatedUrls_neverThrow(String url) {
    JdbcUrls.parse(url);
  }
}
