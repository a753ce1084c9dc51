CREATE TABLE quota (client VARCHAR(64) PRIMARY KEY, used INT NOT NULL, allowed INT NOT NULL);
INSERT INTO quota VALUES ('web-app', 0, 1000), ('partner-batch', 0, 1000);
