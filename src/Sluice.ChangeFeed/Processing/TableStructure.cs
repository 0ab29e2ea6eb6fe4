using Sluice.ChangeFeed.Model;
using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Binlog.Rows;

namespace Sluice.ChangeFeed.Processing;

/// <summary>Builds <see cref="ChangeTable"/>s from information_schema rows, or from a TABLE_MAP alone.</summary>
internal static class TableStructure
{
    public static ChangeTable FromSchema(
        TableSchema schema,
        IReadOnlyList<(long? Precision, long? Scale, long? Fsp, long? Length)> details,
        IReadOnlyList<TableKey> keys,
        Tso version)
    {
        var handle = HandleKey(keys, schema.Columns);
        var columns = new ChangeColumn[schema.Columns.Count];
        for (var i = 0; i < columns.Length; i++)
        {
            var c = schema.Columns[i];
            var dataType = c.DataType.ToLowerInvariant();
            var type = TypeOf(dataType);
            var flags = ColumnKeyFlags.None;
            foreach (var key in keys)
            {
                if (!key.Columns.Contains(c.Name, StringComparer.OrdinalIgnoreCase))
                    continue;
                flags |= key.IsPrimary ? ColumnKeyFlags.PrimaryKey : key.IsUnique ? ColumnKeyFlags.UniqueKey : ColumnKeyFlags.MultipleKey;
            }

            if (handle.Contains(c.Name, StringComparer.OrdinalIgnoreCase))
                flags |= ColumnKeyFlags.HandleKey;
            var (precision, scale, fsp, length) = details[i];
            columns[i] = new ChangeColumn(
                c.Name,
                type,
                dataType,
                c.ColumnTypeText,
                c.IsNullable,
                IsUnsigned: ColumnTypeText.IsUnsigned(c.ColumnTypeText),
                IsBinary: c.CharacterSetName is null && IsStringType(type),
                Charset: c.CharacterSetName,
                Collation: c.CollationName,
                Key: flags,
                Precision: (int)(type is ColumnType.NewDecimal ? precision ?? 0 : fsp ?? 0),
                Scale: (int)(scale ?? 0),
                Length: type == ColumnType.Bit ? (int)(precision ?? 0) : (int)Math.Min(length ?? 0, int.MaxValue),
                Members: type is ColumnType.Enum or ColumnType.Set ? ColumnTypeText.ParseMembers(c.ColumnTypeText) : null);
        }

        return new ChangeTable(schema.SchemaName, schema.TableName, columns, version);
    }

    /// <summary>A table known only from its TABLE_MAP (events older than the table's current structure).</summary>
    public static ChangeTable FromMap(TableMapEvent map, Tso version)
    {
        var columns = new ChangeColumn[map.ColumnCount];
        for (var i = 0; i < columns.Length; i++)
        {
            var c = map.Columns[i];
            var type = c.Type switch
            {
                ColumnType.VarString => ColumnType.VarChar,
                ColumnType.Timestamp2 => ColumnType.Timestamp,
                ColumnType.DateTime2 => ColumnType.DateTime,
                ColumnType.Time2 => ColumnType.Time,
                ColumnType.NewDate => ColumnType.Date,
                _ => c.Type,
            };
            var flags = c.IsPrimaryKey ? ColumnKeyFlags.PrimaryKey | ColumnKeyFlags.HandleKey : ColumnKeyFlags.None;
            columns[i] = new ChangeColumn(
                c.DisplayName,
                type,
                DataTypeOf(type),
                DataTypeOf(type),
                c.IsNullable,
                IsUnsigned: c.IsUnsigned,
                IsBinary: c.Encoding is null && IsStringType(type),
                Charset: c.Encoding is null ? null : "utf8mb4",
                Key: flags,
                Members: (IReadOnlyList<string>?)c.EnumValues ?? c.SetValues);
        }

        return new ChangeTable(map.SchemaName, map.TableName, columns, version, (long)map.TableId);
    }

    /// <summary>The primary key, else the first unique key whose columns are all NOT NULL (TiCDC's handle key).</summary>
    private static List<string> HandleKey(IReadOnlyList<TableKey> keys, IReadOnlyList<TableSchemaColumn> columns)
    {
        if (keys.FirstOrDefault(k => k.IsPrimary) is { } primary)
            return primary.Columns;
        foreach (var key in keys.Where(k => k.IsUnique).OrderBy(k => k.Name, StringComparer.Ordinal))
        {
            if (key.Columns.All(name => columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)) is { IsNullable: false }))
                return key.Columns;
        }

        return [];
    }

    private static bool IsStringType(ColumnType type) => type is ColumnType.String or ColumnType.VarChar or ColumnType.VarString
        or ColumnType.TinyBlob or ColumnType.Blob or ColumnType.MediumBlob or ColumnType.LongBlob or ColumnType.Geometry
        or ColumnType.BlobCompressed or ColumnType.VarCharCompressed;

    /// <summary>The MySQL type code of an information_schema DATA_TYPE, as a column definition reports it.</summary>
    private static ColumnType TypeOf(string dataType) => dataType switch
    {
        "tinyint" => ColumnType.Tiny,
        "smallint" => ColumnType.Short,
        "mediumint" => ColumnType.Int24,
        "int" or "integer" => ColumnType.Long,
        "bigint" => ColumnType.LongLong,
        "float" => ColumnType.Float,
        "double" or "real" => ColumnType.Double,
        "decimal" or "numeric" => ColumnType.NewDecimal,
        "date" => ColumnType.Date,
        "time" => ColumnType.Time,
        "datetime" => ColumnType.DateTime,
        "timestamp" => ColumnType.Timestamp,
        "year" => ColumnType.Year,
        "char" or "binary" => ColumnType.String,
        "varchar" or "varbinary" => ColumnType.VarChar,
        "tinytext" or "tinyblob" => ColumnType.TinyBlob,
        "text" or "blob" => ColumnType.Blob,
        "mediumtext" or "mediumblob" => ColumnType.MediumBlob,
        "longtext" or "longblob" => ColumnType.LongBlob,
        "json" => ColumnType.Json,
        "enum" => ColumnType.Enum,
        "set" => ColumnType.Set,
        "bit" => ColumnType.Bit,
        _ => ColumnType.Geometry,
    };

    private static string DataTypeOf(ColumnType type) => type switch
    {
        ColumnType.Tiny => "tinyint",
        ColumnType.Short => "smallint",
        ColumnType.Int24 => "mediumint",
        ColumnType.Long => "int",
        ColumnType.LongLong => "bigint",
        ColumnType.Float => "float",
        ColumnType.Double => "double",
        ColumnType.NewDecimal or ColumnType.Decimal => "decimal",
        ColumnType.Date => "date",
        ColumnType.Time => "time",
        ColumnType.DateTime => "datetime",
        ColumnType.Timestamp => "timestamp",
        ColumnType.Year => "year",
        ColumnType.String => "char",
        ColumnType.VarChar => "varchar",
        ColumnType.TinyBlob => "tinyblob",
        ColumnType.MediumBlob => "mediumblob",
        ColumnType.LongBlob => "longblob",
        ColumnType.Blob or ColumnType.BlobCompressed => "blob",
        ColumnType.Json => "json",
        ColumnType.Enum => "enum",
        ColumnType.Set => "set",
        ColumnType.Bit => "bit",
        _ => "geometry",
    };
}
