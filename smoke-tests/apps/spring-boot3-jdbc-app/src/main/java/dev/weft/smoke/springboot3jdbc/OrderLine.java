package dev.weft.smoke.springboot3jdbc;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A row of table {@code order_lines}. Immutable. */
@Table("order_lines")
record OrderLine(@Id long id, long orderId, String product, int quantity, String status) {}
