using System.Globalization;
using System.Text;
using MySqlConnector;

namespace Sluice.Migration.Dump;

/// <summary>The SELECT of one chunk, with its parameters and a readable WHERE for the manifest.</summary>
internal sealed record ChunkQuery(string Sql, IReadOnlyList<MySqlParameter> Parameters, string? Where)
{
    /// <summary>The whole table in one chunk.</summary>
    public static ChunkQuery Whole(DumpTableLayout table) =>
        new($"SELECT {table.SelectList} FROM {SqlNames.Quote(table.Name)}", [], null);

    /// <summary>A range of a single integer key: From inclusive, To exclusive, null unbounded.</summary>
    public static ChunkQuery Range(DumpTableLayout table, Int128? from, Int128? to)
    {
        var key = SqlNames.Quote(table.Key!.Columns[0].Name);
        var conditions = new List<string>();
        var described = new List<string>();
        var parameters = new List<MySqlParameter>();
        if (from is { } low)
        {
            conditions.Add($"{key} >= @from");
            described.Add($"{key} >= {low}");
            parameters.Add(IntegerParameter("@from", low));
        }

        if (to is { } high)
        {
            conditions.Add($"{key} < @to");
            described.Add($"{key} < {high}");
            parameters.Add(IntegerParameter("@to", high));
        }

        if (conditions.Count == 0)
            return Whole(table);
        return new ChunkQuery(
            $"SELECT {table.SelectList} FROM {SqlNames.Quote(table.Name)} WHERE {string.Join(" AND ", conditions)}",
            parameters,
            string.Join(" AND ", described));
    }

    /// <summary>
    /// The next <paramref name="limit"/> rows in key order after the key value <paramref name="after"/> (the
    /// dumped bytes of the previous chunk's last row; null for the first chunk). The row comparison is spelled
    /// out as (a &gt; x) OR (a = x AND b &gt; y) ... because that form becomes an index range on MariaDB, which does
    /// not range-scan a row constructor.
    /// </summary>
    public static ChunkQuery Keyset(DumpTableLayout table, IReadOnlyList<byte[]>? after, long limit)
    {
        var key = table.Key!.Columns;
        var orderBy = string.Join(", ", key.Select(c => SqlNames.Quote(c.Name)));
        var sql = new StringBuilder($"SELECT {table.SelectList} FROM {SqlNames.Quote(table.Name)}");
        var parameters = new List<MySqlParameter> { new("@limit", limit) };
        string? where = null;
        if (after is not null)
        {
            var alternatives = new List<string>();
            for (var i = 0; i < key.Count; i++)
            {
                var terms = new List<string>();
                for (var j = 0; j <= i; j++)
                {
                    var comparand = string.Format(CultureInfo.InvariantCulture, key[j].ComparandFormat, $"@k{j}");
                    terms.Add($"{SqlNames.Quote(key[j].Name)} {(j < i ? "=" : ">")} {comparand}");
                }

                alternatives.Add("(" + string.Join(" AND ", terms) + ")");
            }

            sql.Append(" WHERE ").AppendJoin(" OR ", alternatives);
            for (var i = 0; i < key.Count; i++)
                parameters.Add(new MySqlParameter($"@k{i}", MySqlDbType.VarBinary) { Value = after[i] });
            where = $"({orderBy}) > ({string.Join(", ", after.Select(Describe))})";
        }

        sql.Append(" ORDER BY ").Append(orderBy).Append(" LIMIT @limit");
        return new ChunkQuery(sql.ToString(), parameters, where is null ? $"ORDER BY {orderBy} LIMIT {limit}" : $"{where} ORDER BY {orderBy} LIMIT {limit}");
    }

    /// <summary>BIGINT UNSIGNED values above long's range go as ulong.</summary>
    private static MySqlParameter IntegerParameter(string name, Int128 value) =>
        value >= long.MinValue && value <= long.MaxValue ? new MySqlParameter(name, (long)value) : new MySqlParameter(name, (ulong)value);

    /// <summary>A key value for the record: quoted text when printable UTF-8, else hex.</summary>
    private static string Describe(byte[] value)
    {
        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(value);
            if (!text.Any(char.IsControl))
                return "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
        }
        catch (DecoderFallbackException)
        {
        }

        return "0x" + Convert.ToHexString(value);
    }
}
