using System.Text;
using System.Text.RegularExpressions;
using Sluice.Replication.Filtering;

namespace Sluice.Migration.Load;

/// <summary>
/// The DDL the loader runs, made from the dump's schema files (SHOW CREATE DATABASE / SHOW CREATE TABLE output):
/// only the names change, to the routed ones; the rest of a table's definition is kept as the source gave it.
/// </summary>
internal static partial class SchemaStatements
{
    /// <summary>
    /// CREATE DATABASE IF NOT EXISTS for the target schema with the source schema's default character set and
    /// collation, read from its <c>/*!40100 DEFAULT CHARACTER SET x COLLATE y */</c> part; null keeps the server's.
    /// </summary>
    /// <remarks>https://mariadb.com/kb/en/show-create-database/</remarks>
    public static string CreateDatabase(string targetSchema, string? sourceCreateDatabase)
    {
        var sql = new StringBuilder("CREATE DATABASE IF NOT EXISTS ").Append(Sql.Quote(targetSchema));
        if (sourceCreateDatabase is not null)
        {
            // Charset and collation names are plain words (matched as such), so they can stand in the statement.
            var charset = CharsetPattern().Match(sourceCreateDatabase);
            if (charset.Success)
                sql.Append(" CHARACTER SET ").Append(charset.Groups[1].Value);
            var collation = CollationPattern().Match(sourceCreateDatabase);
            if (collation.Success)
                sql.Append(" COLLATE ").Append(collation.Groups[1].Value);
        }

        return sql.ToString();
    }

    /// <summary>
    /// The source's CREATE TABLE with its head (<c>CREATE TABLE `name`</c>) replaced by
    /// <c>CREATE TABLE IF NOT EXISTS `schema`.`table`</c>, so several shards routed to one table create it once.
    /// </summary>
    public static string CreateTable(string sourceCreateTable, TableName target)
    {
        var head = CreateTableHead().Match(sourceCreateTable);
        if (!head.Success)
            throw new FormatException("no CREATE TABLE statement at the start");
        var rest = sourceCreateTable[head.Length..].TrimEnd().TrimEnd(';').TrimEnd();
        return "CREATE TABLE IF NOT EXISTS " + Sql.Quote(target) + rest;
    }

    /// <summary>
    /// Splits the plain secondary indexes (<c>KEY `name` (...)</c> lines of SHOW CREATE TABLE) off a CREATE TABLE,
    /// so they can be built once after the data rather than row by row during it. Primary, unique, full-text and
    /// spatial keys stay; nothing is split off a table with foreign keys (they need their indexes) or a statement
    /// not laid out one definition a line.
    /// </summary>
    /// <returns>The statement without those lines, and the lines (without their commas) for ALTER TABLE ... ADD.</returns>
    public static (string CreateTable, IReadOnlyList<string> Keys) SplitSecondaryKeys(string createTable)
    {
        var lines = createTable.Split('\n');
        var open = Array.FindIndex(lines, l => l.TrimEnd().EndsWith('('));
        var close = open < 0 ? -1 : Array.FindIndex(lines, open + 1, l => l.StartsWith(')'));
        if (open < 0 || close <= open + 1 || createTable.Contains("FOREIGN KEY", StringComparison.OrdinalIgnoreCase))
            return (createTable, []);

        var definitions = lines[(open + 1)..close].Select(l => l.TrimEnd().TrimEnd(',')).ToList();
        var keys = definitions.Where(l => SecondaryKey().IsMatch(l)).Select(l => l.Trim()).ToList();
        var kept = definitions.Where(l => !SecondaryKey().IsMatch(l)).ToList();
        if (keys.Count == 0 || kept.Count == 0)
            return (createTable, []);

        var statement = string.Join('\n', lines[..(open + 1)]) + "\n" + string.Join(",\n", kept) + "\n" + string.Join('\n', lines[close..]);
        return (statement, keys);
    }

    /// <summary>The name of a <c>KEY `name` (...)</c> definition.</summary>
    public static string KeyName(string key) => SecondaryKey().Match(key).Groups[1].Value.Replace("``", "`", StringComparison.Ordinal);

    [GeneratedRegex(@"\A\s*KEY\s+`((?:[^`]|``)+)`\s*\(", RegexOptions.CultureInvariant)]
    private static partial Regex SecondaryKey();

    [GeneratedRegex(@"CHARACTER\s+SET\s*=?\s*(\w+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CharsetPattern();

    [GeneratedRegex(@"COLLATE\s*=?\s*(\w+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CollationPattern();

    // Leading comments (mydumper-style /*!40101 SET NAMES binary*/; lines too), then the head with a plain or
    // quoted, optionally schema-qualified name: https://mariadb.com/kb/en/create-table/
    [GeneratedRegex(
        @"\A\s*(?:/\*.*?\*/\s*;?\s*|--[^\n]*\n\s*|\#[^\n]*\n\s*)*CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?" +
        @"(?:`(?:[^`]|``)+`|[\w$]+)(?:\s*\.\s*(?:`(?:[^`]|``)+`|[\w$]+))?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex CreateTableHead();
}
