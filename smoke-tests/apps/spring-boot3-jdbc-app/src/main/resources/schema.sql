CREATE TABLE orders (
  id BIGINT PRIMARY KEY,
  customer VARCHAR(100) NOT NULL,
  status VARCHAR(20) NOT NULL,
  views INT NOT NULL
);

CREATE TABLE order_lines (
  id BIGINT PRIMARY KEY,
  order_id BIGINT NOT NULL REFERENCES orders (id),
  product VARCHAR(100) NOT NULL,
  quantity INT NOT NULL,
  status VARCHAR(20) NOT NULL
);
