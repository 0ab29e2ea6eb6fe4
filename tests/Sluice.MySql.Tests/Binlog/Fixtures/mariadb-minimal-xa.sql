-- Produces mariadb-minimal-xa.binlog: run after mariadb-compressed.sql and a restart of the same server.
-- binlog_checksum = NONE (events without CRC32), binlog_row_image = MINIMAL (row images with only some
-- columns present), and an XA transaction (GTID events with the XA flags and XID, an XA_PREPARE event).
SET GLOBAL log_bin_compress = OFF;
SET GLOBAL binlog_row_metadata = MINIMAL;
SET GLOBAL binlog_checksum = NONE;   -- rotates: the fixture is the file this opens
CONNECT;
USE shop;
SET SESSION binlog_row_image = MINIMAL;
CREATE TABLE pairs (k INT NOT NULL PRIMARY KEY, a INT, b VARCHAR(10));
INSERT INTO pairs VALUES (1, 10, 'one'), (2, 20, 'two');
UPDATE pairs SET b = 'uno' WHERE k = 1;
DELETE FROM pairs WHERE k = 2;
XA START 'trx1', 'branch', 7;
INSERT INTO pairs VALUES (3, 30, 'three');
XA END 'trx1', 'branch', 7;
XA PREPARE 'trx1', 'branch', 7;
XA COMMIT 'trx1', 'branch', 7;
FLUSH BINARY LOGS;
