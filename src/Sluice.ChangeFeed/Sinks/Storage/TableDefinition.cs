using System.Globalization;
using System.Text;
using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed.Sinks.Storage;

/// <summary>
/// The content of a storage sink schema file: a table's structure at one table version (with the DDL that made it,
/// if any), or a database-level DDL. Written as Go's <c>json.MarshalIndent</c> with four spaces writes TiCDC's own
/// structure, and named <c>schema_{TableVersion}_{checksum}.json</c>, the checksum being the CRC-32 of the
/// definition without its query, version and DDL type, columns sorted by name: equal structures get equal names.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/ticdc-sink-to-cloud-storage#ddl-events</remarks>
public sealed class TableDefinition
{
    /// <summary>The storage sink protocol version TiCDC writes.</summary>
    public const int DefinitionVersion = 1;

    private TableDefinition(string schema, string table, ulong tableVersion, string query, int type, IReadOnlyList<TableDefinitionColumn>? columns)
    {
        Schema = schema;
        Table = table;
        TableVersion = tableVersion;
        Query = query;
        Type = type;
        Columns = columns;
    }

    public string Schema { get; }

    /// <summary>Empty for a database-level definition.</summary>
    public string Table { get; }

    public ulong TableVersion { get; }

    public string Query { get; }

    /// <summary>TiDB's DDL action type; 0 when the structure was found rather than changed.</summary>
    public int Type { get; }

    /// <summary>Null for a database-level definition.</summary>
    public IReadOnlyList<TableDefinitionColumn>? Columns { get; }

    public bool IsTableDefinition => Table.Length > 0;

    /// <summary>A table's structure as first seen (no DDL): the schema file written before its first data file.</summary>
    public static TableDefinition FromTable(ChangeTable table, Tso tableVersion)
    {
        ArgumentNullException.ThrowIfNull(table);
        return new TableDefinition(table.Schema, table.Name, tableVersion.Value, string.Empty, 0, table.Columns.Select(TableDefinitionColumn.From).ToList());
    }

    /// <summary>A DDL's definition: the table's structure after it (before it for a drop), or the database for database DDL.</summary>
    public static TableDefinition FromDdl(DdlEvent ddl)
    {
        ArgumentNullException.ThrowIfNull(ddl);
        if (ddl.Table is null)
            return new TableDefinition(ddl.Schema, string.Empty, ddl.CommitTs.Value, ddl.Query, (int)ddl.ActionType, null);
        var structure = ddl.TableAfter ?? ddl.TableBefore;
        var columns = structure?.Columns.Select(TableDefinitionColumn.From).ToList() ?? [];
        return new TableDefinition(ddl.Schema, ddl.Table, ddl.CommitTs.Value, ddl.Query, (int)ddl.ActionType, columns);
    }

    /// <summary>The file's content.</summary>
    public string ToJson()
    {
        var json = new StringBuilder();
        json.Append("{\n");
        Field(json, "Table").Append(Quote(Table)).Append(",\n");
        Field(json, "Schema").Append(Quote(Schema)).Append(",\n");
        Field(json, "Version").Append(DefinitionVersion).Append(",\n");
        Field(json, "TableVersion").Append(TableVersion.ToString(CultureInfo.InvariantCulture)).Append(",\n");
        Field(json, "Query").Append(Quote(Query)).Append(",\n");
        Field(json, "Type").Append(Type.ToString(CultureInfo.InvariantCulture)).Append(",\n");
        Field(json, "TableColumns");
        AppendColumns(json, Columns);
        json.Append(",\n");
        Field(json, "TableColumnsTotal").Append((Columns?.Count ?? 0).ToString(CultureInfo.InvariantCulture)).Append("\n}");
        return json.ToString();
    }

    /// <summary>The checksum in the file name: CRC-32 of the definition without query, version and type, columns sorted by name.</summary>
    public uint Checksum
    {
        get
        {
            var sorted = (Columns ?? []).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
            var json = new StringBuilder();
            json.Append("{\n");
            Field(json, "Table").Append(Quote(Table)).Append(",\n");
            Field(json, "Schema").Append(Quote(Schema)).Append(",\n");

            // TiCDC leaves the version out of what it hashes, so it reads as Go's zero value.
            Field(json, "Version").Append("0,\n");
            Field(json, "TableColumns");
            AppendColumns(json, sorted);
            json.Append(",\n");
            Field(json, "TableColumnsTotal").Append((Columns?.Count ?? 0).ToString(CultureInfo.InvariantCulture)).Append("\n}");
            return Crc32.Compute(Encoding.UTF8.GetBytes(json.ToString()));
        }
    }

    /// <summary>
    /// The schema file's path under the root, with '/' separators: <c>{schema}/{table}/meta/schema_{version}_{checksum}.json</c>,
    /// or <c>{schema}/meta/…</c> for a database.
    /// </summary>
    public string RelativePath
    {
        get
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"schema_{TableVersion}_{Checksum:D10}.json");
            return IsTableDefinition
                ? $"{StoragePaths.Segment(Schema)}/{StoragePaths.Segment(Table)}/meta/{name}"
                : $"{StoragePaths.Segment(Schema)}/meta/{name}";
        }
    }

    private static StringBuilder Field(StringBuilder json, string name, int indent = 4) =>
        json.Append(' ', indent).Append('"').Append(name).Append("\": ");

    private static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        GoJsonText.AppendString(builder, value);
        return builder.ToString();
    }

    private static void AppendColumns(StringBuilder json, IReadOnlyList<TableDefinitionColumn>? columns)
    {
        if (columns is null)
        {
            json.Append("null");
            return;
        }

        if (columns.Count == 0)
        {
            json.Append("[]");
            return;
        }

        json.Append("[\n");
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            json.Append(' ', 8).Append("{\n");
            Field(json, "ColumnName", 12).Append(Quote(column.Name));
            Field(json.Append(",\n"), "ColumnType", 12).Append(Quote(column.Type));
            if (column.Precision is not null)
                Field(json.Append(",\n"), "ColumnPrecision", 12).Append(Quote(column.Precision));
            if (column.Scale is not null)
                Field(json.Append(",\n"), "ColumnScale", 12).Append(Quote(column.Scale));
            if (column.Nullable is not null)
                Field(json.Append(",\n"), "ColumnNullable", 12).Append(Quote(column.Nullable));
            if (column.IsPk is not null)
                Field(json.Append(",\n"), "ColumnIsPk", 12).Append(Quote(column.IsPk));
            json.Append('\n').Append(' ', 8).Append('}');
            json.Append(i + 1 < columns.Count ? ",\n" : "\n");
        }

        json.Append(' ', 4).Append(']');
    }
}
