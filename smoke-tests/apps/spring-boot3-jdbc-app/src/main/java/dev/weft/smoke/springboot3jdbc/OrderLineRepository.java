package dev.weft.smoke.springboot3jdbc;

import java.util.List;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/**
 * The lines of an order, through Spring Data JDBC. The query carries literals of its own ({@code
 * 'OPEN'}, {@code 0}) besides the bind parameter, so the smoke tests can see that a sanitized
 * {@code db.query.text} shows none of them.
 */
interface OrderLineRepository extends Repository<OrderLine, Long> {

  @Query("SELECT id, order_id, product, quantity, status FROM order_lines"
      + " WHERE order_id = :orderId AND status = 'OPEN' AND quantity > 0 ORDER BY id")
  List<OrderLine> findOpenLines(@Param("orderId") long orderId);
}
