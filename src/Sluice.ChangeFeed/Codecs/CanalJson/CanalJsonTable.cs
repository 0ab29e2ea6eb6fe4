using System.Runtime.CompilerServices;
using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed.Codecs.CanalJson;

/// <summary>
/// What every canal-json message of one table version repeats, encoded once: the database and table values,
/// <c>pkNames</c>, each column's quoted name, the <c>mysqlType</c> object, and the <c>sqlType</c> object when no
/// column's code depends on the value (only UNSIGNED integers' does).
/// </summary>
internal sealed class CanalJsonTable
{
    private static readonly ConditionalWeakTable<ChangeTable, CanalJsonTable> Cache = [];

    private CanalJsonTable(ChangeTable table)
    {
        var columns = table.Columns;
        Database = GoJsonWriter.EncodeString(table.Schema);
        Table = GoJsonWriter.EncodeString(table.Name);
        if (table.HasPrimaryKey)
        {
            var pk = new GoJsonWriter().StartArray();
            foreach (var column in columns)
            {
                if (column.IsPrimaryKey)
                    pk.String(column.Name);
            }

            PkNames = pk.EndArray().ToUtf8();
        }
        else
        {
            PkNames = "null"u8.ToArray();
        }

        Names = [.. columns.Select(c => GoJsonWriter.EncodeName(c.Name))];
        var mysqlType = new GoJsonWriter().StartObject();
        for (var i = 0; i < columns.Count; i++)
            mysqlType.Name(Names[i]).String(CanalJsonValue.MySqlType(columns[i]));
        MySqlTypes = mysqlType.EndObject().ToUtf8();
        if (!columns.Any(c => c.IsUnsigned))
        {
            var sqlType = new GoJsonWriter().StartObject();
            for (var i = 0; i < columns.Count; i++)
                sqlType.Name(Names[i]).Number((long)JavaSqlTypes.Of(columns[i], null));
            SqlTypes = sqlType.EndObject().ToUtf8();
        }
    }

    public byte[] Database { get; }

    public byte[] Table { get; }

    /// <summary>The <c>pkNames</c> array, or <c>null</c> for a table without a primary key.</summary>
    public byte[] PkNames { get; }

    /// <summary>Each column's <c>"name":</c>.</summary>
    public byte[][] Names { get; }

    public byte[] MySqlTypes { get; }

    /// <summary>The <c>sqlType</c> object; null when it depends on the row's values.</summary>
    public byte[]? SqlTypes { get; }

    public static CanalJsonTable Of(ChangeTable table) => Cache.GetValue(table, static t => new CanalJsonTable(t));
}
