using Sluice.Migration.Load;
using Sluice.Replication.Filtering;

namespace Sluice.Migration.Tests.Load;

public sealed class SchemaStatementsTests
{
    [Theory]
    [InlineData("CREATE TABLE `t` (\n  `id` int\n) ENGINE=InnoDB;\n")]
    [InlineData("create table t (\n  `id` int\n) ENGINE=InnoDB")]
    [InlineData("CREATE TABLE IF NOT EXISTS `src`.`t` (\n  `id` int\n) ENGINE=InnoDB;")]
    [InlineData("/*!40101 SET NAMES binary*/;\n/*!40014 SET FOREIGN_KEY_CHECKS=0*/;\nCREATE TABLE `t` (\n  `id` int\n) ENGINE=InnoDB;")]
    public void The_head_of_create_table_takes_the_routed_name_and_the_rest_is_kept(string source)
    {
        Assert.Equal(
            "CREATE TABLE IF NOT EXISTS `dst`.`t2` (\n  `id` int\n) ENGINE=InnoDB",
            SchemaStatements.CreateTable(source, new TableName("dst", "t2")));
    }

    [Fact]
    public void Quoted_names_with_backticks_and_dots_are_replaced_whole()
    {
        Assert.Equal(
            "CREATE TABLE IF NOT EXISTS `a``b`.`c.d` (`x` int)",
            SchemaStatements.CreateTable("CREATE TABLE `we``ird.t` (`x` int)", new TableName("a`b", "c.d")));
    }

    [Theory]
    [InlineData("CREATE ALGORITHM=UNDEFINED VIEW `v` AS select 1")]
    [InlineData("")]
    public void A_file_without_create_table_is_refused(string source)
    {
        Assert.Throws<FormatException>(() => SchemaStatements.CreateTable(source, new TableName("a", "b")));
    }

    [Theory]
    [InlineData("CREATE DATABASE `s` /*!40100 DEFAULT CHARACTER SET latin1 COLLATE latin1_german1_ci */",
        "CREATE DATABASE IF NOT EXISTS `x``y` CHARACTER SET latin1 COLLATE latin1_german1_ci")]
    [InlineData("CREATE DATABASE `s` /*!40100 DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci */ /*!80016 DEFAULT ENCRYPTION='N' */",
        "CREATE DATABASE IF NOT EXISTS `x``y` CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci")]
    [InlineData("CREATE DATABASE `s` /*!40100 DEFAULT CHARACTER SET utf8 */", "CREATE DATABASE IF NOT EXISTS `x``y` CHARACTER SET utf8")]
    [InlineData("CREATE DATABASE `s`", "CREATE DATABASE IF NOT EXISTS `x``y`")]
    [InlineData(null, "CREATE DATABASE IF NOT EXISTS `x``y`")]
    public void Create_database_takes_the_routed_name_and_the_source_charset(string? source, string expected)
    {
        Assert.Equal(expected, SchemaStatements.CreateDatabase("x`y", source));
    }

    [Fact]
    public void Plain_secondary_keys_are_split_off_and_the_rest_stays_valid()
    {
        const string Sysbench = "CREATE TABLE `sbtest1` (\n  `id` int(11) NOT NULL AUTO_INCREMENT,\n  `k` int(11) NOT NULL DEFAULT 0,\n" +
            "  `c` char(120) NOT NULL DEFAULT '',\n  PRIMARY KEY (`id`),\n  UNIQUE KEY `c` (`c`),\n  KEY `k_1` (`k`),\n" +
            "  KEY `we``ird` (`c`(10),`k`) COMMENT 'x'\n) ENGINE=InnoDB AUTO_INCREMENT=5 DEFAULT CHARSET=utf8mb4";

        var (statement, keys) = SchemaStatements.SplitSecondaryKeys(Sysbench);

        Assert.Equal(
            "CREATE TABLE `sbtest1` (\n  `id` int(11) NOT NULL AUTO_INCREMENT,\n  `k` int(11) NOT NULL DEFAULT 0,\n" +
            "  `c` char(120) NOT NULL DEFAULT '',\n  PRIMARY KEY (`id`),\n  UNIQUE KEY `c` (`c`)\n) ENGINE=InnoDB AUTO_INCREMENT=5 DEFAULT CHARSET=utf8mb4",
            statement);
        Assert.Equal(["KEY `k_1` (`k`)", "KEY `we``ird` (`c`(10),`k`) COMMENT 'x'"], keys);
        Assert.Equal(["k_1", "we`ird"], keys.Select(SchemaStatements.KeyName));
    }

    [Theory]
    [InlineData("CREATE TABLE `c` (\n  `id` int NOT NULL,\n  `p` int,\n  KEY `p` (`p`),\n  CONSTRAINT `fk` FOREIGN KEY (`p`) REFERENCES `p` (`id`)\n) ENGINE=InnoDB")]
    [InlineData("CREATE TABLE `t` (`id` int, KEY `i` (`id`))")]
    [InlineData("CREATE TABLE `t` (\n  `id` int NOT NULL,\n  PRIMARY KEY (`id`),\n  FULLTEXT KEY `f` (`id`)\n) ENGINE=InnoDB")]
    public void Nothing_is_split_off_tables_with_foreign_keys_one_line_statements_or_no_plain_keys(string createTable)
    {
        Assert.Equal((createTable, 0), (SchemaStatements.SplitSecondaryKeys(createTable).CreateTable, SchemaStatements.SplitSecondaryKeys(createTable).Keys.Count));
    }
}
