package dev.weft.smoke.springboot3jdbc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The JDBC smoke-test application: Spring MVC on embedded Tomcat, Spring Data JDBC over HikariCP
 * and the H2 driver, on an in-memory database that {@code schema.sql} and {@code data.sql} create
 * and fill at startup (orders 1 and 2).
 *
 * <ul>
 *   <li>{@code GET /orders/{id}} runs exactly three statements in one transaction: select the
 *       order, select its open lines, count a view; answers the order as JSON (404 when there is
 *       no such order, after the first statement only).
 *   <li>{@code GET /orders/{id}/fail} runs one statement on a table that does not exist; the
 *       driver's {@code SQLException} (thrown by {@code Statement.executeQuery}) reaches Spring,
 *       and the handler answers 500 with JSON.
 *   <li>{@code GET /orders/{id}/summary} and {@code GET /ping}: the same three statements and
 *       two HTTP calls back to the app, fanned out to the app's own pool through a {@code
 *       CompletableFuture} chain ({@link OrderSummaryController}).
 * </ul>
 *
 * <p>Listens on 127.0.0.1 at the port of system property {@code app.port} (0 picks a free one),
 * prints {@code READY <port>} on stdout once it accepts requests (after the database is filled),
 * and stops on SIGTERM (Boot's shutdown hook).
 */
@SpringBootApplication
@RestController
public class SpringBoot3JdbcApp {

  private final OrderRepository orders;
  private final OrderLineRepository lines;
  private final NamedParameterJdbcTemplate jdbc;
  private final TransactionTemplate transaction;

  SpringBoot3JdbcApp(
      OrderRepository orders,
      OrderLineRepository lines,
      NamedParameterJdbcTemplate jdbc,
      TransactionTemplate transaction) {
    this.orders = orders;
    this.lines = lines;
    this.jdbc = jdbc;
    this.transaction = transaction;
  }

  public static void main(String[] args) {
    SpringApplication.run(SpringBoot3JdbcApp.class, args);
  }

  @GetMapping(path = "/orders/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> order(@PathVariable("id") long id) {
    Map<String, Object> answer = transaction.execute(status -> {
      Optional<Order> order = orders.findOrder(id); // statement 1
      if (order.isEmpty()) {
        return null;
      }
      List<OrderLine> openLines = lines.findOpenLines(id); // statement 2
      orders.countView(id); // statement 3
      return toJson(order.get(), openLines);
    });
    if (answer == null) {
      return ResponseEntity.status(404).body(Map.of("error", "no order " + id));
    }
    return ResponseEntity.ok(answer);
  }

  /**
   * One statement that fails in the driver: table {@code order_archive} does not exist. A plain
   * {@code Statement} (JdbcTemplate without arguments), because H2 rejects a prepared statement's
   * bad SQL already in {@code prepareStatement}, before anything is executed; a plain statement
   * fails in {@code executeQuery}. The literal is there to be sanitized.
   */
  @GetMapping(path = "/orders/{id}/fail", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> failingOrder(@PathVariable("id") long id) {
    try {
      List<Map<String, Object>> rows =
          jdbc.getJdbcTemplate()
              .queryForList("SELECT id, customer FROM order_archive WHERE status = 'OPEN'");
      return ResponseEntity.ok(Map.of("rows", rows));
    } catch (DataAccessException e) {
      return ResponseEntity.status(500)
          .body(Map.of("error", e.getClass().getSimpleName(), "order", id));
    }
  }

  private static Map<String, Object> toJson(Order order, List<OrderLine> openLines) {
    List<Map<String, Object>> jsonLines = new ArrayList<>();
    for (OrderLine line : openLines) {
      Map<String, Object> jsonLine = new LinkedHashMap<>();
      jsonLine.put("product", line.product());
      jsonLine.put("quantity", line.quantity());
      jsonLines.add(jsonLine);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", order.id());
    json.put("customer", order.customer());
    json.put("status", order.status());
    json.put("lines", jsonLines);
    return json;
  }

  /** Prints the port the tests wait for. */
  @Bean
  ApplicationListener<WebServerInitializedEvent> readyPrinter() {
    return event -> System.out.println("READY " + event.getWebServer().getPort());
  }
}
