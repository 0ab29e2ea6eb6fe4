-- Produces mariadb-basic.binlog on the server described in mariadb-fixtures.cnf (MariaDB 10.11, log_bin,
-- binlog_format=ROW, binlog_row_image=FULL, binlog_checksum=CRC32, server_id=3307). The fixture is the binlog
-- file opened by the first FLUSH BINARY LOGS and closed (with a ROTATE) by the last one.
FLUSH BINARY LOGS;
CREATE DATABASE shop;
USE shop;
CREATE TABLE items (id INT NOT NULL PRIMARY KEY, name VARCHAR(32), qty BIGINT UNSIGNED, price DOUBLE, note TEXT);
INSERT INTO items VALUES (1, 'apple', 10, 1.5, NULL), (2, 'pear', 20, 2.25, 'ripe');
UPDATE items SET qty = 11 WHERE id = 1;
DELETE FROM items WHERE id = 2;
-- Statement-based events: INTVAR, USER_VAR, RAND.
SET SESSION binlog_format = STATEMENT;
CREATE TABLE counters (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(64)) ENGINE=InnoDB;
SET @greeting = 'hello', @n = -42, @big = 18446744073709551615, @d = 1.25, @r = 0.5e0, @nul = NULL;
INSERT INTO counters (v) VALUES (@greeting);
INSERT INTO counters (v) VALUES (CONCAT(@n, '/', @big, '/', @d, '/', @r, '/', IFNULL(@nul, 'x')));
INSERT INTO counters (v) VALUES (RAND(7) + RAND());
INSERT INTO counters (v) VALUES (LAST_INSERT_ID());
SET SESSION binlog_format = ROW;
FLUSH BINARY LOGS;
