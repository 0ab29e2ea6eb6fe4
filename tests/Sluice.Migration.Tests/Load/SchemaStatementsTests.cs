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
}
