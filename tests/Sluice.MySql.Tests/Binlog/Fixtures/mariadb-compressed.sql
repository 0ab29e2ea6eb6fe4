-- Produces mariadb-compressed.binlog: run right after mariadb-basic.sql on the same server (so the file's GTID_LIST
-- holds 0-3307-10); the file is the one mariadb-basic.sql's last FLUSH BINARY LOGS opened. After this script the
-- server is shut down cleanly (mariadb-admin shutdown), which ends the file with a STOP event.
SET GLOBAL binlog_row_metadata = FULL;
SET GLOBAL log_bin_compress = ON;
SET GLOBAL log_bin_compress_min_len = 10;
-- A new session picks up the global values.
CONNECT;
USE shop;
CREATE TABLE profiles (
  id INT UNSIGNED NOT NULL,
  code CHAR(4) CHARACTER SET latin1 NOT NULL,
  title VARCHAR(40) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
  mood ENUM('sad', 'ok', 'happy'),
  tags SET('a', 'b', 'c'),
  spot POINT,
  score SMALLINT,
  body BLOB,
  PRIMARY KEY (id, code)
) DEFAULT CHARSET = utf8mb3;
INSERT INTO profiles VALUES (7, 'abcd', 'hello compressed world', 'happy', 'a,c', NULL, -5, NULL);
INSERT INTO profiles VALUES (8, 'wxyz', REPEAT('x', 40), 'sad', '', NULL, 300, NULL);
UPDATE profiles SET score = score + 1;
DELETE FROM profiles WHERE id = 8;
