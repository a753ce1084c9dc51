package dev.weft.smoke.springboot3jdbc;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A row of table {@code orders}; {@code views} counts how often the order was shown. Immutable. */
@Table("orders")
record Order(@Id long id, String customer, String status, int views) {}
