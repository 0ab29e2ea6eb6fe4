using System.Text.Json.Serialization;

namespace Sluice.Migration.Dump;

/// <summary>
/// <c>sluice-dump.json</c> in a source's dump directory: what the dump holds and where the source stood, so a
/// load (now, or later in a <c>load</c>-mode task) imports exactly it. The format is described in docs/dump-format.md.
/// </summary>
public sealed record DumpManifest
{
    public const string FileName = "sluice-dump.json";

    /// <summary>Format version; a loader refuses versions it does not know.</summary>
    [JsonPropertyName("version")]
    public int Version { get; init; } = 1;

    [JsonPropertyName("source_id")]
    public required string SourceId { get; init; }

    /// <summary>The consistency mode actually used (auto resolves to one of the others).</summary>
    [JsonPropertyName("consistency")]
    public required string Consistency { get; init; }

    /// <summary>Binlog file and position of the snapshot: replication starts exactly here.</summary>
    [JsonPropertyName("binlog_name")]
    public string? BinlogName { get; init; }

    [JsonPropertyName("binlog_pos")]
    public ulong? BinlogPos { get; init; }

    /// <summary>GTID state of the snapshot (MariaDB list or MySQL set, as the server prints it).</summary>
    [JsonPropertyName("binlog_gtid")]
    public string? BinlogGtid { get; init; }

    [JsonPropertyName("started_at")]
    public required DateTimeOffset StartedAt { get; init; }

    [JsonPropertyName("finished_at")]
    public DateTimeOffset? FinishedAt { get; init; }

    [JsonPropertyName("schemas")]
    public required IReadOnlyList<DumpedSchema> Schemas { get; init; }

    [JsonPropertyName("tables")]
    public required IReadOnlyList<DumpedTable> Tables { get; init; }
}

/// <summary>A source schema: its CREATE DATABASE statement is in <see cref="SchemaFile"/>.</summary>
public sealed record DumpedSchema(
    [property: JsonPropertyName("schema")] string Schema,
    [property: JsonPropertyName("schema_file")] string SchemaFile);

/// <summary>One source table: its CREATE TABLE in <see cref="SchemaFile"/>, its rows in <see cref="Chunks"/>.</summary>
public sealed record DumpedTable
{
    [JsonPropertyName("schema")]
    public required string Schema { get; init; }

    [JsonPropertyName("table")]
    public required string Table { get; init; }

    [JsonPropertyName("schema_file")]
    public required string SchemaFile { get; init; }

    /// <summary>Columns in file order, with how each value is written.</summary>
    [JsonPropertyName("columns")]
    public required IReadOnlyList<DumpedColumn> Columns { get; init; }

    /// <summary>The key the chunks were cut on (primary or unique key columns); empty when the table has none.</summary>
    [JsonPropertyName("chunk_key")]
    public IReadOnlyList<string> ChunkKey { get; init; } = [];

    [JsonPropertyName("chunks")]
    public required IReadOnlyList<DumpedChunk> Chunks { get; init; }

    [JsonPropertyName("rows")]
    public long Rows { get; init; }

    [JsonPropertyName("bytes")]
    public long Bytes { get; init; }
}

/// <summary>A column of a data file.</summary>
/// <param name="Name">Column name.</param>
/// <param name="Encoding">How values are written: see <see cref="ColumnEncoding"/>.</param>
public sealed record DumpedColumn(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("encoding")] string Encoding);

/// <summary>How a column's values are written in a data file.</summary>
public static class ColumnEncoding
{
    /// <summary>The value's bytes as the server stores them (CAST(col AS BINARY)), escaped; loaded with CHARACTER SET binary.</summary>
    public const string Raw = "raw";

    /// <summary>BIT: the unsigned integer in decimal (col + 0); loaded with SET col = CAST(@v AS UNSIGNED).</summary>
    public const string BitInteger = "bit";

    /// <summary>GEOMETRY: hex of the server's internal bytes (4-byte SRID, then WKB); loaded back from them.</summary>
    public const string GeometryHex = "geometry-hex";
}

/// <summary>One data file of a table.</summary>
public sealed record DumpedChunk
{
    /// <summary>Chunk number within the table, from 0.</summary>
    [JsonPropertyName("index")]
    public required int Index { get; init; }

    [JsonPropertyName("file")]
    public required string File { get; init; }

    [JsonPropertyName("rows")]
    public long Rows { get; init; }

    [JsonPropertyName("bytes")]
    public long Bytes { get; init; }

    /// <summary>The WHERE condition that selected the chunk (for the record; the loader does not need it).</summary>
    [JsonPropertyName("where")]
    public string? Where { get; init; }
}
