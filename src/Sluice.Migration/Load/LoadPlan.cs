using Sluice.Migration.Dump;
using Sluice.Replication.Filtering;

namespace Sluice.Migration.Load;

/// <summary>A dumped table with where it goes and how its files load.</summary>
internal sealed class TablePlan(DumpedTable dumped, TableName target, IReadOnlyList<ChunkPlan> chunks, long schemaFileBytes)
{
    public DumpedTable Dumped { get; } = dumped;

    public TableName Source { get; } = new(dumped.Schema, dumped.Table);

    public TableName Target { get; } = target;

    public IReadOnlyList<ChunkPlan> Chunks { get; } = chunks;

    /// <summary>Size of the schema file: the end position of the checkpoint row of the table's deferred keys.</summary>
    public long SchemaFileBytes { get; } = schemaFileBytes;

    /// <summary>The source's CREATE TABLE, once read.</summary>
    public string? CreateTable { get; set; }

    /// <summary>Set once the target table exists.</summary>
    public LoadColumns? Columns { get; set; }

    /// <summary>The target table was created without the secondary keys of this source table, to be added after the data.</summary>
    public bool KeysPending { get; set; }
}

/// <summary>One data file of a table.</summary>
/// <param name="FileName">The name the manifest gives it (the checkpoint's filename).</param>
/// <param name="Path">Where it is.</param>
/// <param name="Bytes">Its size: the checkpoint's end_pos.</param>
internal sealed record ChunkPlan(DumpedChunk Chunk, string FileName, string Path, long Bytes);
