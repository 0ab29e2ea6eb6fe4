using System.Text.Json;
using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed.Tests.Codecs.Decoding;

/// <summary>
/// Reads canal-json messages as TiCDC writes them (for tests of encoders and sinks): <see cref="Decode"/> gives the
/// message, <see cref="DecodeRow"/> turns a row message back into a <see cref="RowChangedEvent"/> of a known table.
/// </summary>
public static class CanalJsonDecoder
{
    public static CanalJsonMessage Decode(ReadOnlySpan<byte> value)
    {
        using var document = JsonDocument.Parse(value.ToArray());
        var root = document.RootElement;
        JsonElement? tidb = root.TryGetProperty("_tidb", out var extension) ? extension : null;
        return new CanalJsonMessage(
            root.GetProperty("id").GetInt64(),
            root.GetProperty("database").GetString()!,
            root.GetProperty("table").GetString()!,
            root.GetProperty("pkNames") is { ValueKind: JsonValueKind.Array } pk ? pk.EnumerateArray().Select(e => e.GetString()!).ToList() : null,
            root.GetProperty("isDdl").GetBoolean(),
            root.GetProperty("type").GetString()!,
            root.GetProperty("es").GetInt64(),
            root.GetProperty("ts").GetInt64(),
            root.GetProperty("sql").GetString()!,
            root.GetProperty("sqlType") is { ValueKind: JsonValueKind.Object } sqlType
                ? sqlType.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32(), StringComparer.Ordinal)
                : null,
            root.GetProperty("mysqlType") is { ValueKind: JsonValueKind.Object } mysqlType
                ? mysqlType.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal)
                : null,
            Row(root.GetProperty("data")),
            Row(root.GetProperty("old")),
            tidb is { } t && t.TryGetProperty("commitTs", out var commitTs) ? commitTs.GetUInt64() : null,
            tidb is { } w && w.TryGetProperty("watermarkTs", out var watermarkTs) ? watermarkTs.GetUInt64() : null);
    }

    /// <summary>
    /// The row change a row message describes, with values typed as the binlog decoder types them. The commit ts is
    /// <c>_tidb.commitTs</c> when present, else the physical time <c>es</c> (logical part lost). An UPDATE's old row must
    /// hold every column (not only-output-updated-columns); use <see cref="DecodeValues"/> for partial rows.
    /// </summary>
    public static RowChangedEvent DecodeRow(ChangeTable table, CanalJsonMessage message)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(message);
        if (!message.IsRow)
            throw new ArgumentException($"a {message.Type} message is not a row change", nameof(message));
        var kind = message.Type switch
        {
            "INSERT" => RowChangeKind.Insert,
            "UPDATE" => RowChangeKind.Update,
            "DELETE" => RowChangeKind.Delete,
            _ => throw new ArgumentException($"unknown row type {message.Type}", nameof(message)),
        };
        var data = DecodeValues(table, message.Data ?? throw new ArgumentException("a row message without data", nameof(message)));
        var commitTs = message.CommitTs is { } ts ? new Tso(ts) : Tso.FromUnixMilliseconds(message.Es);
        return new RowChangedEvent
        {
            Table = table,
            Kind = kind,
            CommitTs = commitTs,
            After = kind == RowChangeKind.Delete ? null : ToRow(table, data),
            Before = kind switch
            {
                RowChangeKind.Delete => ToRow(table, data),
                RowChangeKind.Update => ToRow(table, DecodeValues(table, message.Old ?? throw new ArgumentException("an update without old", nameof(message)))),
                _ => null,
            },
        };
    }

    /// <summary>The typed values of the columns a data or old object holds, by column name.</summary>
    public static IReadOnlyDictionary<string, object?> DecodeValues(ChangeTable table, IReadOnlyList<KeyValuePair<string, string?>> values)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(values);
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, text) in values)
        {
            var index = table.IndexOf(name);
            if (index < 0)
                throw new ArgumentException($"{table.QualifiedName} has no column {name}", nameof(values));
            result[name] = ColumnTextParser.Parse(table.Columns[index], text, TextValueForm.CanalJson);
        }

        return result;
    }

    private static object?[] ToRow(ChangeTable table, IReadOnlyDictionary<string, object?> values) =>
        table.Columns.Select(c => values.TryGetValue(c.Name, out var value) ? value : throw new ArgumentException($"column {c.Name} is missing")).ToArray();

    // canal-json rows are a one-element array of a column→text object, or null.
    private static List<KeyValuePair<string, string?>>? Row(JsonElement element) =>
        element.ValueKind == JsonValueKind.Null
            ? null
            : element.EnumerateArray().Single().EnumerateObject()
                .Select(p => new KeyValuePair<string, string?>(p.Name, p.Value.ValueKind == JsonValueKind.Null ? null : p.Value.GetString()))
                .ToList();
}
