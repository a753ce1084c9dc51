CREATE TABLE project (name VARCHAR(64) PRIMARY KEY, archived BOOLEAN NOT NULL);
INSERT INTO project VALUES ('checkout', FALSE), ('payments', FALSE), ('legacy-billing', TRUE);
CREATE TABLE person (id INT PRIMARY KEY, name VARCHAR(64) NOT NULL);
INSERT INTO person VALUES (1, 'alice'), (2, 'bob'), (3, 'carol');
CREATE TABLE ticket (id INT PRIMARY KEY, project VARCHAR(64) NOT NULL, title VARCHAR(200) NOT NULL,
  status VARCHAR(16) NOT NULL, assignee INT);
INSERT INTO ticket VALUES
  (101, 'checkout', 'Coupon field rejects lower case', 'open', 1),
  (102, 'checkout', 'Pay button twice on slow networks', 'open', 2),
  (103, 'checkout', 'Totals rounded per line', 'closed', 3),
  (201, 'payments', 'Retry webhook on 503', 'open', 2),
  (202, 'payments', 'Refunds above 10k need review', 'open', 3);
CREATE TABLE comment (id INT PRIMARY KEY, ticket INT NOT NULL, body VARCHAR(200));
INSERT INTO comment VALUES (1, 101, 'seen'), (2, 101, 'fix ready'), (3, 102, 'repro'), (4, 201, 'which provider?');
-- The tickets of archived projects moved to cold storage, and their table ticket_archive was dropped.
