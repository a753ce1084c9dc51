package dev.weft.smoke.springboot3jdbc;

import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/**
 * The orders, through Spring Data JDBC. The SQL is written out (not derived) so that the smoke
 * tests know exactly which statement text reaches the driver: Spring turns {@code :id} into a
 * {@code ?} bind parameter and keeps everything else, including the literal {@code 1}.
 */
interface OrderRepository extends Repository<Order, Long> {

  @Query("SELECT id, customer, status, views FROM orders WHERE id = :id")
  Optional<Order> findOrder(@Param("id") long id);

  /** Counts one view; the literal 1 must not reach a trace unsanitized. */
  @Modifying
  @Query("UPDATE orders SET views = views + 1 WHERE id = :id")
  boolean countView(@Param("id") long id);
}
