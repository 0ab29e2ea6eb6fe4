using System.Globalization;
using Sluice.Migration.Sync;
using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Binlog.Rows;
using Sluice.MySql.Positions;
using Sluice.Replication.Apply;
using Sluice.Replication.Filtering;

namespace Sluice.Migration.Tests.Sync;

/// <summary>
/// Row changes written as text for the batch tests, one per ';': <c>[safe|once] INSERT t 1 a</c>,
/// <c>UPDATE t 1 a -> 1 b</c>, <c>DELETE t 1 a</c>. Values are integers, <c>null</c>, <c>_</c> (absent from the
/// image) or text. Tables: <c>t</c> (id primary key, v), <c>t'</c> (the same target table through another builder,
/// as a second shard routes it), <c>u</c> (id a NOT NULL unique key, v), <c>m</c> (id primary key, code a nullable
/// unique key, v) and <c>n</c> (no key: a, b).
/// </summary>
internal static class RowJobs
{
    private static readonly Dictionary<string, RowStatementBuilder> Builders = new(StringComparer.Ordinal)
    {
        ["t"] = Builder("t", [Int(0, "id", primaryKey: true), Text(1, "v")], [new(UniqueKey.PrimaryName, ["id"])]),
        ["t'"] = Builder("t", [Int(0, "id", primaryKey: true), Text(1, "v")], [new(UniqueKey.PrimaryName, ["id"])]),
        ["u"] = Builder("u", [Int(0, "id"), Text(1, "v")], [new("id_key", ["id"])]),
        ["m"] = Builder("m", [Int(0, "id", primaryKey: true), Text(1, "code"), Text(2, "v")], [new(UniqueKey.PrimaryName, ["id"]), new("code_key", ["code"])]),
        ["n"] = Builder("n", [Int(0, "a", nullable: true), Text(1, "b")], []),
    };

    public static List<RowJob> Parse(string text) =>
        [.. text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ParseOne)];

    public static string Describe(IEnumerable<RowJob> jobs) => string.Join("; ", jobs.Select(Describe));

    public static string Describe(RowJob job) => job.Kind switch
    {
        RowsEventKind.Insert => $"{(job.SafeMode ? "REPLACE" : "INSERT")} {job.Builder.Table.Name.Table} {Image(job.After!)}",
        RowsEventKind.Delete => $"DELETE {job.Builder.Table.Name.Table} {Image(job.Before!)}",
        _ => $"{(job.SafeMode ? "safe " : string.Empty)}UPDATE {job.Builder.Table.Name.Table} {Image(job.Before!)} -> {Image(job.After!)}",
    };

    private static RowJob ParseOne(string change)
    {
        var words = change.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var safe = words[0] == "safe";
        var once = words[0] == "once";
        if (safe || once)
            words.RemoveAt(0);
        var builder = Builders[words[1]];
        var width = builder.Table.Columns.Count;
        var values = words.Skip(2).Where(w => w != "->").ToArray();
        var exactlyOnce = once ? (new TableName("src", words[1]), new BinlogPosition("binlog.000001", 4)) : ((TableName, BinlogPosition)?)null;
        return words[0] switch
        {
            "INSERT" => new RowJob(builder, RowsEventKind.Insert, null, ImageOf(values), safe, exactlyOnce),
            "DELETE" => new RowJob(builder, RowsEventKind.Delete, ImageOf(values), null, safe, exactlyOnce),
            "UPDATE" => new RowJob(builder, RowsEventKind.Update, ImageOf(values[..width]), ImageOf(values[width..]), safe, exactlyOnce),
            _ => throw new ArgumentException($"unknown change: {change}", nameof(change)),
        };
    }

    private static RowImage ImageOf(string[] words) =>
        new([.. words.Select(w => w switch
        {
            "null" or "_" => null,
            _ when long.TryParse(w, CultureInfo.InvariantCulture, out var n) => (object)n,
            _ => w,
        })], [.. words.Select(w => w != "_")]);

    private static string Image(RowImage image) =>
        string.Join(' ', Enumerable.Range(0, image.Count).Select(i => !image.IsPresent(i) ? "_" : image[i] switch
        {
            null => "null",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            var v => v.ToString(),
        }));

    private static RowStatementBuilder Builder(string table, ColumnInfo[] columns, UniqueKey[] keys) =>
        new(TargetTable.Create(new TableName("db", table), columns, keys));

    private static ColumnInfo Int(int index, string name, bool primaryKey = false, bool nullable = false) => new()
    {
        Index = index,
        Name = name,
        Type = ColumnType.Long,
        WireType = ColumnType.Long,
        Metadata = 0,
        IsPrimaryKey = primaryKey,
        IsNullable = nullable,
    };

    private static ColumnInfo Text(int index, string name) => new()
    {
        Index = index,
        Name = name,
        Type = ColumnType.VarChar,
        WireType = ColumnType.VarChar,
        Metadata = 80,
        Encoding = System.Text.Encoding.UTF8,
        IsNullable = true,
    };
}
