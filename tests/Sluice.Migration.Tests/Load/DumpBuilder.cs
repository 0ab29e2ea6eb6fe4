using System.Globalization;
using System.Text;
using System.Text.Json;
using Sluice.Migration.Dump;

namespace Sluice.Migration.Tests.Load;

/// <summary>Builds a dump directory by hand: schema files, data files, metadata and the manifest.</summary>
internal sealed class DumpBuilder : IDisposable
{
    private readonly List<DumpedSchema> _schemas = [];
    private readonly List<DumpedTable> _tables = [];

    public DumpBuilder(string sourceId)
    {
        SourceId = sourceId;
        Directory = System.IO.Directory.CreateTempSubdirectory("sluice-load-test-").FullName;
    }

    public string SourceId { get; }

    public string Directory { get; }

    public int Version { get; set; } = 1;

    public DumpBuilder Schema(string schema, string charset = "utf8mb4", string collation = "utf8mb4_general_ci")
    {
        var file = DataFile.FileNamePart(schema) + "-schema-create.sql";
        File.WriteAllText(
            Path.Combine(Directory, file),
            $"CREATE DATABASE `{schema.Replace("`", "``", StringComparison.Ordinal)}` /*!40100 DEFAULT CHARACTER SET {charset} COLLATE {collation} */;\n");
        _schemas.Add(new DumpedSchema(schema, file));
        return this;
    }

    /// <param name="createTable">SHOW CREATE TABLE's text for the source table.</param>
    /// <param name="columns">Column names, each "name" (raw) or "name:encoding".</param>
    /// <param name="chunks">Rows of each data file.</param>
    public DumpBuilder Table(
        string schema, string table, string createTable, IReadOnlyList<string> columns, params IReadOnlyList<IReadOnlyList<byte[]?>>[] chunks)
    {
        var prefix = DataFile.FileNamePart(schema) + "." + DataFile.FileNamePart(table);
        var schemaFile = prefix + "-schema.sql";
        File.WriteAllText(Path.Combine(Directory, schemaFile), createTable + ";\n");
        var dumpedChunks = new List<DumpedChunk>();
        for (var i = 0; i < chunks.Length; i++)
        {
            var file = prefix + "." + i.ToString("D5", CultureInfo.InvariantCulture) + ".dat";
            var bytes = DataFile.Write(chunks[i]);
            File.WriteAllBytes(Path.Combine(Directory, file), bytes);
            dumpedChunks.Add(new DumpedChunk { Index = i, File = file, Rows = chunks[i].Count, Bytes = bytes.Length });
        }

        _tables.Add(new DumpedTable
        {
            Schema = schema,
            Table = table,
            SchemaFile = schemaFile,
            Columns = columns.Select(c => c.Split(':') is [var name, var encoding]
                ? new DumpedColumn(name, encoding)
                : new DumpedColumn(c, ColumnEncoding.Raw)).ToList(),
            Chunks = dumpedChunks,
            Rows = dumpedChunks.Sum(c => c.Rows),
            Bytes = dumpedChunks.Sum(c => c.Bytes),
        });
        return this;
    }

    /// <summary>Writes metadata and then the manifest, as a finished dump does; returns the directory.</summary>
    public string Finish()
    {
        File.WriteAllText(Path.Combine(Directory, "metadata"), """
            Started dump at: 2026-11-25 10:00:00
            SHOW MASTER STATUS:
            	Log: binlog.000001
            	Pos: 4
            	GTID: 0-1-1

            Finished dump at: 2026-11-25 10:00:01

            """);
        var manifest = new DumpManifest
        {
            Version = Version,
            SourceId = SourceId,
            Consistency = "none",
            BinlogName = "binlog.000001",
            BinlogPos = 4,
            BinlogGtid = "0-1-1",
            StartedAt = DateTimeOffset.UnixEpoch,
            FinishedAt = DateTimeOffset.UnixEpoch,
            Schemas = _schemas,
            Tables = _tables,
        };
        File.WriteAllText(Path.Combine(Directory, DumpManifest.FileName), JsonSerializer.Serialize(manifest), Encoding.UTF8);
        return Directory;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
