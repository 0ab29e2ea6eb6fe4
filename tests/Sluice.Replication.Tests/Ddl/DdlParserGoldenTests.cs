using Sluice.Replication.Ddl;

namespace Sluice.Replication.Tests.Ddl;

/// <summary>
/// Golden cases: statement and current schema in, one line per resulting statement out
/// (<c>Kind [tables] =&gt; rewritten under <see cref="DdlGolden.Router"/></c>). The current schema is shard_1.
/// </summary>
public sealed class DdlParserGoldenTests
{
    public static TheoryData<string, string> Cases => new()
    {
        // CREATE TABLE: names, options, comments, quoting.
        {
            "CREATE TABLE t_1 (id INT PRIMARY KEY, v VARCHAR(10) COMMENT 'from t_2') ENGINE=InnoDB",
            "CreateTable [shard_1.t_1] => CREATE TABLE `merged`.`t` (id INT PRIMARY KEY, v VARCHAR(10) COMMENT 'from t_2') ENGINE=InnoDB"
        },
        {
            "create table if not exists `shard_2`.`t_9` (a int)",
            "CreateTable [shard_2.t_9] => create table if not exists `merged`.`t` (a int)"
        },
        {
            "CREATE OR REPLACE TABLE shard_2 . t_3 (a INT)",
            "CreateTable [shard_2.t_3] => CREATE OR REPLACE TABLE `merged`.`t` (a INT)"
        },
        {
            "CREATE TABLE `shard_2` .t_5 (a INT)",
            "CreateTable [shard_2.t_5] => CREATE TABLE `merged`.`t` (a INT)"
        },
        {
            "cReAtE tAbLe T_1 (a int)",
            "CreateTable [shard_1.T_1] => cReAtE tAbLe `merged`.`t` (a int)"
        },
        {
            "CREATE TABLE t_1 LIKE shop.orders",
            "CreateTable [shard_1.t_1, shop.orders] => CREATE TABLE `merged`.`t` LIKE `shop`.`orders`"
        },
        {
            "CREATE TABLE t_1 (LIKE t_2)",
            "CreateTable [shard_1.t_1, shard_1.t_2] => CREATE TABLE `merged`.`t` (LIKE `merged`.`t`)"
        },
        {
            "CREATE TABLE t_1 (a INT) SELECT a FROM shop.src s WHERE a > 1",
            "CreateTable [shard_1.t_1, shop.src] => CREATE TABLE `merged`.`t` (a INT) SELECT a FROM `shop`.`src` s WHERE a > 1"
        },
        {
            "CREATE TABLE t_1 AS SELECT x.a, y.b FROM src x JOIN other AS y ON x.id = y.id",
            "CreateTable [shard_1.t_1, shard_1.src, shard_1.other] => CREATE TABLE `merged`.`t` AS SELECT x.a, y.b FROM `merged`.`src` x JOIN `merged`.`other` AS y ON x.id = y.id"
        },
        {
            "CREATE TABLE t_1 (d DATE, y INT AS (EXTRACT(YEAR FROM d)) VIRTUAL, s VARCHAR(9) DEFAULT (TRIM(LEADING 'x' FROM 'xy')))",
            "CreateTable [shard_1.t_1] => CREATE TABLE `merged`.`t` (d DATE, y INT AS (EXTRACT(YEAR FROM d)) VIRTUAL, s VARCHAR(9) DEFAULT (TRIM(LEADING 'x' FROM 'xy')))"
        },
        {
            "CREATE TABLE child (id INT, pid INT REFERENCES parent(id), FOREIGN KEY (pid) REFERENCES shop.parent (id) ON DELETE CASCADE)",
            "CreateTable [shard_1.child, shard_1.parent, shop.parent] => CREATE TABLE `merged`.`child` (id INT, pid INT REFERENCES `merged`.`parent`(id), FOREIGN KEY (pid) REFERENCES `shop`.`parent` (id) ON DELETE CASCADE)"
        },
        {
            "CREATE TABLE self (id INT PRIMARY KEY, up INT, FOREIGN KEY (up) REFERENCES self (id))",
            "CreateTable [shard_1.self] => CREATE TABLE `merged`.`self` (id INT PRIMARY KEY, up INT, FOREIGN KEY (up) REFERENCES `merged`.`self` (id))"
        },
        {
            "/* leading */ CREATE TABLE -- why\n t_1 # here\n (a INT /* the a */) COMMENT='x' /*!50100 PARTITION BY HASH (a) */",
            "CreateTable [shard_1.t_1] => /* leading */ CREATE TABLE -- why\n `merged`.`t` # here\n (a INT /* the a */) COMMENT='x' /*!50100 PARTITION BY HASH (a) */"
        },
        {
            "CREATE TABLE /*!32312 IF NOT EXISTS*/ t_1 (a INT)",
            "CreateTable [shard_1.t_1] => CREATE TABLE /*!32312 IF NOT EXISTS*/ `merged`.`t` (a INT)"
        },
        {
            "CREATE /*M!100100 OR REPLACE */ TABLE /*M!100100 `t_1` */ (a INT)",
            "CreateTable [shard_1.t_1] => CREATE /*M!100100 OR REPLACE */ TABLE /*M!100100 `merged`.`t` */ (a INT)"
        },
        {
            "CREATE TABLE `we``ird` (a INT)",
            "CreateTable [shard_1.we`ird] => CREATE TABLE `merged`.`we``ird` (a INT)"
        },
        {
            "CREATE TABLE `select`.`from` (`table` INT, `references` INT)",
            "CreateTable [select.from] => CREATE TABLE `select`.`from` (`table` INT, `references` INT)"
        },
        {
            "CREATE TABLE `a.b`.`c d` (a INT)",
            "CreateTable [a.b.c d] => CREATE TABLE `a.b`.`c d` (a INT)"
        },
        {
            "CREATE TABLE shard_1.таблица (名前 VARCHAR(5))",
            "CreateTable [shard_1.таблица] => CREATE TABLE `merged`.`таблица` (名前 VARCHAR(5))"
        },
        {
            "CREATE TABLE $t1 (a INT)",
            "CreateTable [shard_1.$t1] => CREATE TABLE `merged`.`$t1` (a INT)"
        },
        {
            "CREATE TABLE 1t (a INT)",
            "CreateTable [shard_1.1t] => CREATE TABLE `merged`.`1t` (a INT)"
        },
        {
            "CREATE TABLE t_1 (a INT COMMENT 'it\\'s t_2; REFERENCES x', b INT COMMENT \"say \"\"FROM y\"\"\", c INT COMMENT 'a ``b` -- c')",
            "CreateTable [shard_1.t_1] => CREATE TABLE `merged`.`t` (a INT COMMENT 'it\\'s t_2; REFERENCES x', b INT COMMENT \"say \"\"FROM y\"\"\", c INT COMMENT 'a ``b` -- c')"
        },
        {
            "CREATE TABLE t_1 (a INT, CHECK (a > 0)) PARTITION BY RANGE (a) (PARTITION p0 VALUES LESS THAN (10), PARTITION p1 VALUES LESS THAN MAXVALUE)",
            "CreateTable [shard_1.t_1] => CREATE TABLE `merged`.`t` (a INT, CHECK (a > 0)) PARTITION BY RANGE (a) (PARTITION p0 VALUES LESS THAN (10), PARTITION p1 VALUES LESS THAN MAXVALUE)"
        },
        {
            "CREATE TEMPORARY TABLE tmp (a INT)",
            "TemporaryTable [shard_1.tmp] => CREATE TEMPORARY TABLE `merged`.`tmp` (a INT)"
        },

        // DROP TABLE: one statement per table, IF EXISTS and trailing text kept on each.
        { "DROP TABLE t_1", "DropTable [shard_1.t_1] => DROP TABLE `merged`.`t`" },
        {
            "DROP TABLE IF EXISTS `t_1`,`shop`.`orders` /* generated by server */",
            "DropTable [shard_1.t_1] => DROP TABLE IF EXISTS `merged`.`t` /* generated by server */\n" +
            "DropTable [shop.orders] => DROP TABLE IF EXISTS `shop`.`orders` /* generated by server */"
        },
        {
            "drop tables a , b CASCADE",
            "DropTable [shard_1.a] => drop tables `merged`.`a` CASCADE\nDropTable [shard_1.b] => drop tables `merged`.`b` CASCADE"
        },
        {
            "DROP TABLE /* COMMENT TO SAVE */ t_1, t_2 NOWAIT",
            "DropTable [shard_1.t_1] => DROP TABLE /* COMMENT TO SAVE */ `merged`.`t` NOWAIT\n" +
            "DropTable [shard_1.t_2] => DROP TABLE /* COMMENT TO SAVE */ `merged`.`t` NOWAIT"
        },
        { "DROP TEMPORARY TABLE IF EXISTS tmp", "TemporaryTable [shard_1.tmp] => DROP TEMPORARY TABLE IF EXISTS `merged`.`tmp`" },
        { "DROP TABLE a;", "DropTable [shard_1.a] => DROP TABLE `merged`.`a`;" },

        // TRUNCATE.
        { "TRUNCATE t_1", "TruncateTable [shard_1.t_1] => TRUNCATE `merged`.`t`" },
        { "truncate table `shard_3`.`t_1`", "TruncateTable [shard_3.t_1] => truncate table `merged`.`t`" },

        // RENAME TABLE: one statement per pair.
        {
            "RENAME TABLE a TO b, shop.c TO shop.d",
            "RenameTable [shard_1.a, shard_1.b] => RENAME TABLE `merged`.`a` TO `merged`.`b`\n" +
            "RenameTable [shop.c, shop.d] => RENAME TABLE `shop`.`c` TO `shop`.`d`"
        },
        { "RENAME TABLE IF EXISTS a NOWAIT TO b", "RenameTable [shard_1.a, shard_1.b] => RENAME TABLE IF EXISTS `merged`.`a` NOWAIT TO `merged`.`b`" },
        { "rename tables a WAIT 5 to shop.b", "RenameTable [shard_1.a, shop.b] => rename tables `merged`.`a` WAIT 5 to `shop`.`b`" },

        // ALTER TABLE.
        {
            "ALTER TABLE t_1 ADD COLUMN c INT NOT NULL DEFAULT 0 AFTER b",
            "AlterTable [shard_1.t_1] => ALTER TABLE `merged`.`t` ADD COLUMN c INT NOT NULL DEFAULT 0 AFTER b"
        },
        { "ALTER TABLE t_1 RENAME TO t_2", "RenameTable [shard_1.t_1, shard_1.t_2] => ALTER TABLE `merged`.`t` RENAME TO `merged`.`t`" },
        { "ALTER TABLE a RENAME AS shop.b", "RenameTable [shard_1.a, shop.b] => ALTER TABLE `merged`.`a` RENAME AS `shop`.`b`" },
        {
            "ALTER TABLE a ADD c INT, RENAME TO b",
            "AlterTable [shard_1.a] => ALTER TABLE `merged`.`a` ADD c INT\nRenameTable [shard_1.a, shard_1.b] => ALTER TABLE `merged`.`a` RENAME TO `merged`.`b`"
        },
        {
            "ALTER TABLE a RENAME b, ADD c INT",
            "AlterTable [shard_1.a] => ALTER TABLE `merged`.`a` ADD c INT\nRenameTable [shard_1.a, shard_1.b] => ALTER TABLE `merged`.`a` RENAME `merged`.`b`"
        },
        {
            "ALTER TABLE a ADD c INT, RENAME TO shop.b, ADD d INT",
            "AlterTable [shard_1.a] => ALTER TABLE `merged`.`a` ADD c INT, ADD d INT\nRenameTable [shard_1.a, shop.b] => ALTER TABLE `merged`.`a` RENAME TO `shop`.`b`"
        },
        { "ALTER TABLE a RENAME COLUMN x TO y", "AlterTable [shard_1.a] => ALTER TABLE `merged`.`a` RENAME COLUMN x TO y" },
        {
            "ALTER TABLE a RENAME INDEX i1 TO i2, RENAME KEY k1 TO k2",
            "AlterTable [shard_1.a] => ALTER TABLE `merged`.`a` RENAME INDEX i1 TO i2, RENAME KEY k1 TO k2"
        },
        {
            "ALTER TABLE t_1 ADD CONSTRAINT fk FOREIGN KEY (pid) REFERENCES parent (id)",
            "AlterTable [shard_1.t_1, shard_1.parent] => ALTER TABLE `merged`.`t` ADD CONSTRAINT fk FOREIGN KEY (pid) REFERENCES `merged`.`parent` (id)"
        },
        {
            "ALTER TABLE t_1 EXCHANGE PARTITION p0 WITH TABLE shop.archive",
            "AlterTable [shard_1.t_1, shop.archive] => ALTER TABLE `merged`.`t` EXCHANGE PARTITION p0 WITH TABLE `shop`.`archive`"
        },
        {
            "ALTER ONLINE IGNORE TABLE IF EXISTS t_1 DROP PARTITION p1, p2",
            "AlterTable [shard_1.t_1] => ALTER ONLINE IGNORE TABLE IF EXISTS `merged`.`t` DROP PARTITION p1, p2"
        },
        {
            "ALTER TABLE t_1 ADD INDEX idx (a, b), ALGORITHM=INPLACE, LOCK=NONE",
            "AlterTable [shard_1.t_1] => ALTER TABLE `merged`.`t` ADD INDEX idx (a, b), ALGORITHM=INPLACE, LOCK=NONE"
        },
        {
            "ALTER TABLE t_1 MODIFY c ENUM('x,RENAME TO y', 'z')",
            "AlterTable [shard_1.t_1] => ALTER TABLE `merged`.`t` MODIFY c ENUM('x,RENAME TO y', 'z')"
        },
        {
            "/*!40000 ALTER TABLE `t_1` DISABLE KEYS */",
            "AlterTable [shard_1.t_1] => /*!40000 ALTER TABLE `merged`.`t` DISABLE KEYS */"
        },

        // Indexes.
        { "CREATE UNIQUE INDEX idx ON t_1 (a, b DESC)", "CreateIndex [shard_1.t_1] => CREATE UNIQUE INDEX idx ON `merged`.`t` (a, b DESC)" },
        { "CREATE FULLTEXT INDEX ft ON shop.docs (body) WITH PARSER ngram", "CreateIndex [shop.docs] => CREATE FULLTEXT INDEX ft ON `shop`.`docs` (body) WITH PARSER ngram" },
        { "CREATE INDEX IF NOT EXISTS i USING BTREE ON `t_1` (a)", "CreateIndex [shard_1.t_1] => CREATE INDEX IF NOT EXISTS i USING BTREE ON `merged`.`t` (a)" },
        { "CREATE OR REPLACE SPATIAL INDEX sp ON geo (g)", "CreateIndex [shard_1.geo] => CREATE OR REPLACE SPATIAL INDEX sp ON `merged`.`geo` (g)" },
        { "DROP INDEX idx ON t_1", "DropIndex [shard_1.t_1] => DROP INDEX idx ON `merged`.`t`" },
        { "DROP INDEX IF EXISTS `PRIMARY` ON shop.t ALGORITHM=INPLACE", "DropIndex [shop.t] => DROP INDEX IF EXISTS `PRIMARY` ON `shop`.`t` ALGORITHM=INPLACE" },

        // Databases: routed by schema rules.
        { "CREATE DATABASE shard_1", "CreateDatabase [] db=shard_1 => CREATE DATABASE `merged`" },
        {
            "CREATE SCHEMA IF NOT EXISTS `shard_2` /*!40100 DEFAULT CHARACTER SET utf8mb4 */",
            "CreateDatabase [] db=shard_2 => CREATE SCHEMA IF NOT EXISTS `merged` /*!40100 DEFAULT CHARACTER SET utf8mb4 */"
        },
        { "create database `my``db`", "CreateDatabase [] db=my`db => create database `my``db`" },
        { "DROP DATABASE IF EXISTS shop", "DropDatabase [] db=shop => DROP DATABASE IF EXISTS `shop`" },
        { "DROP SCHEMA shard_7", "DropDatabase [] db=shard_7 => DROP SCHEMA `merged`" },
        { "ALTER DATABASE shard_1 CHARACTER SET utf8mb4", "AlterDatabase [] db=shard_1 => ALTER DATABASE `merged` CHARACTER SET utf8mb4" },
        { "ALTER DATABASE DEFAULT CHARACTER SET = latin1", "AlterDatabase [] db=shard_1 => ALTER DATABASE `merged` DEFAULT CHARACTER SET = latin1" },
        { "ALTER SCHEMA COMMENT 'x'", "AlterDatabase [] db=shard_1 => ALTER SCHEMA `merged` COMMENT 'x'" },
        { "ALTER DATABASE comment COMMENT = 'x'", "AlterDatabase [] db=comment => ALTER DATABASE `comment` COMMENT = 'x'" },

        // Views.
        {
            "CREATE ALGORITHM=UNDEFINED DEFINER=`root`@`localhost` SQL SECURITY DEFINER VIEW `v` AS select `a` AS `a` from `shop`.`src`",
            "CreateView [shard_1.v, shop.src] => CREATE ALGORITHM=UNDEFINED DEFINER=`root`@`localhost` SQL SECURITY DEFINER VIEW `merged`.`v` AS select `a` AS `a` from `shop`.`src`"
        },
        {
            "CREATE OR REPLACE VIEW v (x) AS SELECT a FROM t_1, other o WHERE a IN (SELECT b FROM third) WITH CHECK OPTION",
            "CreateView [shard_1.v, shard_1.t_1, shard_1.other, shard_1.third] => CREATE OR REPLACE VIEW `merged`.`v` (x) AS SELECT a FROM `merged`.`t`, `merged`.`other` o WHERE a IN (SELECT b FROM `merged`.`third`) WITH CHECK OPTION"
        },
        {
            "DROP VIEW IF EXISTS v1, shop.v2",
            "DropView [shard_1.v1] => DROP VIEW IF EXISTS `merged`.`v1`\nDropView [shop.v2] => DROP VIEW IF EXISTS `shop`.`v2`"
        },
        { "ALTER VIEW v AS SELECT 1 FROM DUAL", "OtherDdl [shard_1.v] => ALTER VIEW `merged`.`v` AS SELECT 1 FROM DUAL" },

        // Other DDL: applied as written.
        {
            "CREATE DEFINER=`root`@`%` TRIGGER tr BEFORE INSERT ON t_1 FOR EACH ROW SET NEW.a = 1",
            "OtherDdl [] => CREATE DEFINER=`root`@`%` TRIGGER tr BEFORE INSERT ON t_1 FOR EACH ROW SET NEW.a = 1"
        },
        { "DROP PROCEDURE IF EXISTS p", "OtherDdl [] => DROP PROCEDURE IF EXISTS p" },
        { "CREATE FUNCTION f() RETURNS INT RETURN 1", "OtherDdl [] => CREATE FUNCTION f() RETURNS INT RETURN 1" },
        { "CREATE SEQUENCE s", "OtherDdl [] => CREATE SEQUENCE s" },

        // Not DDL.
        { "BEGIN", "NotDdl" },
        { "COMMIT", "NotDdl" },
        { "ROLLBACK TO SAVEPOINT sp1", "NotDdl" },
        { "SAVEPOINT sp1", "NotDdl" },
        { "XA START 'x'", "NotDdl" },
        { "XA COMMIT 'x'", "NotDdl" },
        { "START TRANSACTION", "NotDdl" },
        { "GRANT SELECT ON *.* TO 'u'@'%'", "NotDdl" },
        { "CREATE USER 'u'@'%' IDENTIFIED BY 'p'", "NotDdl" },
        { "ALTER USER u ACCOUNT LOCK", "NotDdl" },
        { "DROP USER u", "NotDdl" },
        { "RENAME USER a TO b", "NotDdl" },
        { "FLUSH PRIVILEGES", "NotDdl" },
        { "ANALYZE TABLE t_1", "NotDdl" },
        { "OPTIMIZE TABLE t_1", "NotDdl" },
        { "REPAIR TABLE t_1", "NotDdl" },
        { "SET PASSWORD FOR 'u'@'%' = PASSWORD('x')", "NotDdl" },
        { "INSERT INTO t_1 VALUES (1)", "NotDdl" },
        { "UPDATE t_1 SET a = 1", "NotDdl" },
        { "/* x */ delete FROM t_1", "NotDdl" },

        // Unknown: never guessed at.
        { "", "Unknown" },
        { "   -- only a comment\n", "Unknown" },
        { "CREATE TABLE t_1 (a INT); DROP TABLE t_1", "Unknown" },
        { "CREATE TABLE 'str' (a INT)", "Unknown" },
        { "SELECT 'unterminated", "Unknown" },
        { "CREATE TABLE `t_1 (a INT)", "Unknown" },
        { "CREATE TABLE t_1 (a INT) /*!50100 COMMENT 'x'", "Unknown" },
        { "CREATE TABLE t_1 (a INT) /* never closed", "Unknown" },
        { "FOO BAR", "Unknown" },
        { "DROP TABLE ``", "Unknown" },
        { "CREATE TABLE x.", "Unknown" },
        { "RENAME TABLE a b", "Unknown" },
        { "DROP TEMPORARY VIEW v", "Unknown" },
        { "CREATE TABLE `s`/*!.`t` */ (a INT)", "Unknown" },
        { "DROP TABLE a /*!, b */", "Unknown" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Statement_parses_to_its_golden_lines(string sql, string expected) =>
        Assert.Equal(expected, DdlGolden.Describe(DdlParser.Parse(sql, "shard_1")));

    /// <summary>
    /// What a rewrite writes parses again to the same kinds and tables: routing with the identity qualifies every
    /// name and changes nothing else the parser can see, under any current schema.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void Rewritten_statement_parses_back_to_the_same_kinds_and_tables(string sql, string expected)
    {
        _ = expected;
        foreach (var statement in DdlParser.Parse(sql, "shard_1").Where(s => s.Kind is not (DdlKind.Unknown or DdlKind.NotDdl)))
        {
            var again = DdlParser.Parse(statement.Rewrite(t => t, s => s), "elsewhere");
            var only = Assert.Single(again);
            Assert.Equal(statement.Kind, only.Kind);
            Assert.Equal(statement.Tables, only.Tables);
            Assert.Equal(statement.Schema, only.Schema);
        }
    }
}
