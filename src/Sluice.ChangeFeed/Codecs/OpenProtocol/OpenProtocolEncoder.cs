using System.Globalization;
using System.Text;
using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed.Codecs.OpenProtocol;

/// <summary>
/// TiCDC's open protocol: each event a JSON key (<c>ts</c>, <c>scm</c>, <c>tbl</c>, <c>t</c> 1 row / 2 DDL / 3 resolved)
/// and JSON value (<c>u</c> new values, <c>p</c> old values of an UPDATE when open-output-old-value, <c>d</c> deleted
/// values; <c>q</c> and <c>t</c> for DDL; nothing for resolved), framed as <see cref="OpenProtocolFraming"/> says.
/// Each column is <c>{"t": type, "h": true (handle key only), "f": flags, "v": value}</c>; values follow TiCDC: integers,
/// YEAR, BIT, ENUM index and SET bitmask as JSON numbers, FLOAT/DOUBLE as Go's encoding/json writes them, DECIMAL,
/// temporal and JSON values as text, the BLOB/TEXT family as base64 of its bytes, CHAR/VARCHAR as text and
/// BINARY/VARBINARY as Go's quoted form of the bytes.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/ticdc-open-protocol</remarks>
public sealed class OpenProtocolEncoder : IChangeEncoder
{
    private const int RowMessage = 1;
    private const int DdlMessage = 2;
    private const int ResolvedMessage = 3;

    private readonly EncoderOptions _options;

    public OpenProtocolEncoder(EncoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    public string Protocol => "open-protocol";

    public ValueTask<EncodedMessage> EncodeRowAsync(RowChangedEvent row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        cancellationToken.ThrowIfCancellationRequested();
        var table = row.Table;
        var key = Key(row.CommitTs, table.Schema, table.Name, RowMessage);
        var cached = OpenProtocolTable.Of(table);
        var json = new GoJsonWriter(512).StartObject();
        switch (row.Kind)
        {
            case RowChangeKind.Insert:
                WriteColumns(json.Name("u"), table.Columns, cached, Values(row.After, row), onlyChangedFrom: null);
                break;
            case RowChangeKind.Update:
                var after = Values(row.After, row);
                var newValues = WriteColumns(json.Name("u"), table.Columns, cached, after, onlyChangedFrom: null);
                if (_options.OpenOutputOldValue)
                    WriteColumns(json.Name("p"), table.Columns, cached, Values(row.Before, row), _options.OnlyOutputUpdatedColumns ? newValues : null);
                break;
            case RowChangeKind.Delete:
                WriteColumns(json.Name("d"), table.Columns, cached, Values(row.Before, row), onlyChangedFrom: null);
                break;
            default:
                throw new ArgumentException($"unknown row change kind {row.Kind}", nameof(row));
        }

        json.EndObject();
        var (frameKey, frameValue) = OpenProtocolFraming.Frame(key, json.ToUtf8());
        if (frameKey.Length + frameValue.Length > _options.MaxMessageBytes)
        {
            throw new ChangefeedException(
                "CDC:ErrMessageTooLarge",
                $"an open-protocol message of {table.QualifiedName} at commit ts {row.CommitTs} is {frameKey.Length + frameValue.Length} bytes, more than max-message-bytes {_options.MaxMessageBytes}",
                isRetryable: false);
        }

        return ValueTask.FromResult(new EncodedMessage(frameKey, frameValue, row.CommitTs, table.Schema, table.Name));
    }

    public ValueTask<EncodedMessage?> EncodeDdlAsync(DdlEvent ddl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ddl);
        cancellationToken.ThrowIfCancellationRequested();
        var key = Key(ddl.CommitTs, ddl.Schema, ddl.Table ?? string.Empty, DdlMessage);
        var value = new GoJsonWriter().StartObject()
            .Name("q").String(ddl.Query)
            .Name("t").Number((long)ddl.ActionType)
            .EndObject().ToUtf8();
        var (frameKey, frameValue) = OpenProtocolFraming.Frame(key, value);
        return ValueTask.FromResult<EncodedMessage?>(new EncodedMessage(frameKey, frameValue, ddl.CommitTs, ddl.Schema, ddl.Table, RowCount: 0));
    }

    /// <summary>A resolved event: key <c>{"ts":…,"t":3}</c> and an empty value (its length prefix 0).</summary>
    public EncodedMessage? EncodeResolved(Tso resolvedTs)
    {
        var key = new GoJsonWriter().StartObject().Name("ts").Number(resolvedTs.Value).Name("t").Number(ResolvedMessage).EndObject().ToUtf8();
        var (frameKey, frameValue) = OpenProtocolFraming.Frame(key, []);
        return new EncodedMessage(frameKey, frameValue, resolvedTs, RowCount: 0);
    }

    private static byte[] Key(Tso commitTs, string schema, string table, int type) =>
        new GoJsonWriter().StartObject()
            .Name("ts").Number(commitTs.Value)
            .Name("scm").String(schema)
            .Name("tbl").String(table)
            .Name("t").Number(type)
            .EndObject().ToUtf8();

    private static IReadOnlyList<object?> Values(IReadOnlyList<object?>? values, RowChangedEvent row) =>
        values is not null && values.Count == row.Table.Columns.Count
            ? values
            : throw new ArgumentException($"a {row.Kind} of {row.Table.QualifiedName} needs one value per column in each image it has", nameof(row));

    /// <summary>
    /// Writes the column object; returns each column's value (for comparing old and new). With
    /// <paramref name="onlyChangedFrom"/>, only the columns whose value differs from it are written.
    /// </summary>
    private static ValueText[] WriteColumns(
        GoJsonWriter json, IReadOnlyList<ChangeColumn> columns, OpenProtocolTable cached, IReadOnlyList<object?> values, ValueText[]? onlyChangedFrom)
    {
        var texts = new ValueText[columns.Count];
        json.StartObject();
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            var text = texts[i] = ValueOf(column, cached.TypeCodes[i], values[i]);
            if (onlyChangedFrom is not null && text == onlyChangedFrom[i])
                continue;
            json.Name(cached.Names[i]).StartObject().Name("t").Number(cached.TypeCodes[i]);
            if (column.IsHandleKey)
                json.Name("h").Bool(true);
            json.Name("f").Number(cached.Flags[i]).Name("v");
            if (text.IsString)
                json.String(text.Text);
            else
                json.Raw(text.Text);
            json.EndObject();
        }

        json.EndObject();
        return texts;
    }

    private static ValueText ValueOf(ChangeColumn column, byte code, object? value)
    {
        if (value is null)
            return ValueText.Json("null");
        return code switch
        {
            TiDbTypeCode.Bit => ValueText.Json(Number(TiCdcColumnValue.Bits(value))),
            TiDbTypeCode.Enum or TiDbTypeCode.Set => TiCdcColumnValue.MemberNumber(column, value) is { } number
                ? ValueText.Json(Number(number))
                : ValueText.String(ColumnValueText.Format(value)),
            _ when TiDbTypeCode.IsBlob(code) || code == TiDbTypeCode.Geometry => ValueText.String(Convert.ToBase64String(Bytes(value))),
            _ when TiDbTypeCode.IsChar(code) => value is byte[] bytes && column.IsBinary
                ? ValueText.String(GoQuotedText.Quote(bytes))
                : ValueText.String(value is byte[] raw ? Encoding.UTF8.GetString(raw) : ColumnValueText.Format(value)),
            _ => value switch
            {
                long l => ValueText.Json(l.ToString(CultureInfo.InvariantCulture)),
                ulong u => ValueText.Json(Number(u)),
                int i => ValueText.Json(i.ToString(CultureInfo.InvariantCulture)),
                float f => ValueText.Json(GoFloatText.Json(f, single: true)),
                double d => ValueText.Json(GoFloatText.Json(d, single: code == TiDbTypeCode.Float)),
                _ => ValueText.String(ColumnValueText.Format(value)),
            },
        };
    }

    private static string Number(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    private static byte[] Bytes(object value) => value switch
    {
        byte[] bytes => bytes,
        string text => Encoding.UTF8.GetBytes(text),
        _ => Encoding.UTF8.GetBytes(ColumnValueText.Format(value) ?? string.Empty),
    };

    /// <summary>A column's value: JSON text as is, or a string the writer quotes and escapes (SQL NULL as the JSON null).</summary>
    private readonly record struct ValueText(string Text, bool IsString)
    {
        public static ValueText Json(string json) => new(json, false);

        public static ValueText String(string? text) => text is null ? Json("null") : new(text, true);
    }
}
