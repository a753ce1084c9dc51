CREATE TABLE session (token VARCHAR(64) PRIMARY KEY, user_name VARCHAR(64) NOT NULL);
INSERT INTO session VALUES ('tok-alice', 'alice'), ('tok-bob', 'bob');
