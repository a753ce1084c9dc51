INSERT INTO orders (id, customer, status, views) VALUES (1, 'Ada Lovelace', 'OPEN', 0);
INSERT INTO orders (id, customer, status, views) VALUES (2, 'Charles Babbage', 'SHIPPED', 0);

INSERT INTO order_lines (id, order_id, product, quantity, status) VALUES (10, 1, 'punched cards', 200, 'OPEN');
INSERT INTO order_lines (id, order_id, product, quantity, status) VALUES (11, 1, 'brass gears', 12, 'OPEN');
INSERT INTO order_lines (id, order_id, product, quantity, status) VALUES (12, 1, 'steam engine', 1, 'CANCELLED');
INSERT INTO order_lines (id, order_id, product, quantity, status) VALUES (20, 2, 'difference engine', 1, 'OPEN');
