using System.Globalization;
using System.Text;
using Sluice.ChangeFeed.Model;
using Sluice.MySql.Binlog.Rows;

namespace Sluice.ChangeFeed.Codecs.Csv;

/// <summary>
/// TiCDC's csv for the storage sink: one record per row change, without the line terminator (the sink writes it):
/// operation (<c>I</c>, <c>U</c>, <c>D</c>), table, schema, the commit ts when include-commit-ts, then the values in
/// column order. Text is quoted with the quote character doubled inside (or, with no quote character, backslash-escaped);
/// numbers, BIT and YEAR are written bare; binary strings in base64 or hex; NULL as the null string. With
/// output-old-value an is-update column follows the meta columns and an UPDATE becomes two records, the old row as
/// <c>D</c> and then the new row as <c>I</c>, separated by <see cref="LineTerminator"/>. DDL has no csv record (the
/// storage sink writes schema files) and there are no watermarks.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/ticdc-csv</remarks>
public sealed class CsvEncoder : IChangeEncoder
{
    private readonly CsvOptions _csv;
    private readonly string _doubledQuote;

    /// <param name="options">The protocol options (<see cref="EncoderOptions.Csv"/>).</param>
    /// <param name="lineTerminator">The storage sink's line terminator (TiCDC's <c>terminator</c>, "\r\n" by default);
    /// used only between the two records of an UPDATE with output-old-value.</param>
    public CsvEncoder(EncoderOptions options, string lineTerminator = "\r\n")
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(lineTerminator);
        _csv = options.Csv;
        if (string.IsNullOrEmpty(_csv.Delimiter))
            throw new ArgumentException("the csv delimiter must not be empty", nameof(options));
        if (_csv.Quote.Length > 1)
            throw new ArgumentException("the csv quote must be one character or empty", nameof(options));
        if (_csv.BinaryEncodingMethod is not ("base64" or "hex"))
            throw new ArgumentException($"unsupported csv binary-encoding-method '{_csv.BinaryEncodingMethod}' (base64 or hex)", nameof(options));
        LineTerminator = lineTerminator;
        _doubledQuote = _csv.Quote + _csv.Quote;
    }

    public string Protocol => "csv";

    public string LineTerminator { get; }

    public ValueTask<EncodedMessage> EncodeRowAsync(RowChangedEvent row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        cancellationToken.ThrowIfCancellationRequested();
        var text = new StringBuilder(256);
        var isUpdate = row.Kind == RowChangeKind.Update;
        switch (row.Kind)
        {
            case RowChangeKind.Insert:
                WriteRecord(text, "I", row, Values(row.After, row), isUpdate);
                break;
            case RowChangeKind.Delete:
                WriteRecord(text, "D", row, Values(row.Before, row), isUpdate);
                break;
            case RowChangeKind.Update when _csv.OutputOldValue:
                WriteRecord(text, "D", row, Values(row.Before, row), isUpdate);
                text.Append(LineTerminator);
                WriteRecord(text, "I", row, Values(row.After, row), isUpdate);
                break;
            case RowChangeKind.Update:
                WriteRecord(text, "U", row, Values(row.After, row), isUpdate);
                break;
            default:
                throw new ArgumentException($"unknown row change kind {row.Kind}", nameof(row));
        }

        var value = Utf8(text);
        return ValueTask.FromResult(new EncodedMessage(null, value, row.CommitTs, row.Table.Schema, row.Table.Name));
    }

    private static byte[] Utf8(StringBuilder text)
    {
        // Straight from the builder's chunks: no intermediate string.
        var length = 0;
        foreach (var chunk in text.GetChunks())
            length += Encoding.UTF8.GetByteCount(chunk.Span);
        var bytes = new byte[length];
        var at = 0;
        foreach (var chunk in text.GetChunks())
            at += Encoding.UTF8.GetBytes(chunk.Span, bytes.AsSpan(at));
        return bytes;
    }

    /// <summary>Always null: the storage sink records DDL in its schema files, not in csv.</summary>
    public ValueTask<EncodedMessage?> EncodeDdlAsync(DdlEvent ddl, CancellationToken cancellationToken) =>
        ValueTask.FromResult<EncodedMessage?>(null);

    /// <summary>Always null: csv has no watermark records.</summary>
    public EncodedMessage? EncodeResolved(Tso resolvedTs) => null;

    private static IReadOnlyList<object?> Values(IReadOnlyList<object?>? values, RowChangedEvent row) =>
        values is not null && values.Count == row.Table.Columns.Count
            ? values
            : throw new ArgumentException($"a {row.Kind} of {row.Table.QualifiedName} needs one value per column in each image it has", nameof(row));

    private void WriteRecord(StringBuilder text, string operation, RowChangedEvent row, IReadOnlyList<object?> values, bool isUpdate)
    {
        WriteText(text, operation);
        text.Append(_csv.Delimiter);
        WriteText(text, row.Table.Name);
        text.Append(_csv.Delimiter);
        WriteText(text, row.Table.Schema);
        if (_csv.IncludeCommitTs)
            text.Append(_csv.Delimiter).Append(CultureInfo.InvariantCulture, $"{row.CommitTs.Value}");
        if (_csv.OutputOldValue)
            text.Append(_csv.Delimiter).Append(isUpdate ? "true" : "false");

        var columns = row.Table.Columns;
        for (var i = 0; i < columns.Count; i++)
        {
            text.Append(_csv.Delimiter);
            WriteValue(text, columns[i], values[i]);
        }
    }

    private void WriteValue(StringBuilder text, ChangeColumn column, object? value)
    {
        switch (value)
        {
            case null:
                text.Append(_csv.Null);
                return;
            case byte[] bytes when column.Type != ColumnType.Bit:
                WriteText(text, column.IsBinary || !IsTextType(column) ? EncodeBinary(bytes) : Encoding.UTF8.GetString(bytes));
                return;
        }

        switch (column.Type)
        {
            case ColumnType.Bit:
                text.Append(TiCdcColumnValue.Bits(value).ToString(CultureInfo.InvariantCulture));
                return;
            case ColumnType.Enum or ColumnType.Set:
                WriteText(text, TiCdcColumnValue.MemberNames(column, value));
                return;
        }

        switch (value)
        {
            case long l:
                text.Append(CultureInfo.InvariantCulture, $"{l}");
                break;
            case ulong u:
                text.Append(CultureInfo.InvariantCulture, $"{u}");
                break;
            case int n:
                text.Append(CultureInfo.InvariantCulture, $"{n}");
                break;
            case float f:
                text.Append(GoFloatText.General(f, single: true));
                break;
            case double d:
                text.Append(GoFloatText.General(d, single: column.Type == ColumnType.Float));
                break;
            default:
                WriteText(text, ColumnValueText.Format(value) ?? string.Empty);
                break;
        }
    }

    private static bool IsTextType(ChangeColumn column) => TiDbTypeCode.Of(column) is var code
        && (TiDbTypeCode.IsChar(code) || TiDbTypeCode.IsBlob(code) || code == TiDbTypeCode.Json);

    private string EncodeBinary(byte[] bytes) =>
        _csv.BinaryEncodingMethod == "hex" ? Convert.ToHexStringLower(bytes) : Convert.ToBase64String(bytes);

    // RFC 4180 quoting with the configured quote; without one, TiCDC escapes CR, LF, backslash and the delimiter.
    private void WriteText(StringBuilder text, string value)
    {
        if (_csv.Quote.Length != 0)
        {
            text.Append(_csv.Quote);
            if (value.Contains(_csv.Quote, StringComparison.Ordinal))
                text.Append(value.Replace(_csv.Quote, _doubledQuote, StringComparison.Ordinal));
            else
                text.Append(value);
            text.Append(_csv.Quote);
            return;
        }

        var delimiter = _csv.Delimiter;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (string.CompareOrdinal(value, i, delimiter, 0, delimiter.Length) == 0)
            {
                foreach (var d in delimiter)
                    text.Append('\\').Append(d);
                i += delimiter.Length - 1;
                continue;
            }

            _ = c switch
            {
                '\r' => text.Append("\\r"),
                '\n' => text.Append("\\n"),
                '\\' => text.Append("\\\\"),
                _ => text.Append(c),
            };
        }
    }
}
