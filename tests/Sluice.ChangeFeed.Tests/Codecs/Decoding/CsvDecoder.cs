using System.Globalization;
using System.Text;
using Sluice.ChangeFeed.Codecs;
using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed.Tests.Codecs.Decoding;

/// <summary>
/// Reads TiCDC csv as the csv encoder writes it with <paramref name="options"/> (for tests of encoders and of the
/// storage sink's files): <see cref="ReadRecords"/> splits text into records (terminators inside quotes belong to the
/// value), <see cref="DecodeValues"/> types a record's values for a known table.
/// </summary>
/// <remarks>https://docs.pingcap.com/tidb/stable/ticdc-csv</remarks>
public sealed class CsvDecoder(CsvOptions options)
{
    private readonly CsvOptions _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>The records of <paramref name="text"/>, separated by <paramref name="terminator"/> (a final terminator is optional).</summary>
    public IReadOnlyList<CsvRecord> ReadRecords(string text, string terminator = "\r\n")
    {
        ArgumentNullException.ThrowIfNull(text);
        var records = new List<CsvRecord>();
        var position = 0;
        while (position < text.Length)
        {
            var fields = ReadFields(text, ref position, terminator);
            records.Add(ToRecord(fields));
        }

        return records;
    }

    /// <summary>One record (no terminator).</summary>
    public CsvRecord ReadRecord(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var position = 0;
        return ToRecord(ReadFields(line, ref position, terminator: null));
    }

    /// <summary>A record's values typed as the binlog decoder types them, one per column of <paramref name="table"/>.</summary>
    public object?[] DecodeValues(ChangeTable table, CsvRecord record)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(record);
        if (record.Values.Count != table.Columns.Count)
            throw new FormatException($"{table.QualifiedName} has {table.Columns.Count} columns, the record {record.Values.Count} values");
        var form = TextValueForm.Csv(_options.BinaryEncodingMethod);
        return table.Columns.Select((c, i) => ColumnTextParser.Parse(c, record.Values[i], form)).ToArray();
    }

    private CsvRecord ToRecord(List<string?> fields)
    {
        var next = 3;
        ulong? commitTs = null;
        bool? isUpdate = null;
        if (_options.IncludeCommitTs)
            commitTs = ulong.Parse(fields[next++]!, CultureInfo.InvariantCulture);
        if (_options.OutputOldValue)
            isUpdate = bool.Parse(fields[next++]!);
        return new CsvRecord(fields[0]!, fields[1]!, fields[2]!, commitTs, isUpdate, fields.Skip(next).ToList());
    }

    private List<string?> ReadFields(string text, ref int position, string? terminator)
    {
        var fields = new List<string?>();
        var delimiter = _options.Delimiter;
        var quote = _options.Quote;
        while (true)
        {
            string? field;
            if (quote.Length != 0 && string.CompareOrdinal(text, position, quote, 0, quote.Length) == 0)
            {
                var value = new StringBuilder();
                position += quote.Length;
                while (true)
                {
                    if (position >= text.Length)
                        throw new FormatException("a quoted csv value is not closed");
                    if (string.CompareOrdinal(text, position, quote, 0, quote.Length) == 0)
                    {
                        if (string.CompareOrdinal(text, position + quote.Length, quote, 0, quote.Length) == 0)
                        {
                            value.Append(quote);
                            position += 2 * quote.Length;
                            continue;
                        }

                        position += quote.Length;
                        break;
                    }

                    value.Append(text[position++]);
                }

                field = value.ToString();
            }
            else
            {
                var start = position;
                var value = new StringBuilder();
                while (position < text.Length && !At(text, position, delimiter) && !At(text, position, terminator))
                {
                    if (quote.Length == 0 && text[position] == '\\' && position + 1 < text.Length)
                    {
                        value.Append(text[position + 1] switch { 'n' => '\n', 'r' => '\r', var c => c });
                        position += 2;
                        continue;
                    }

                    value.Append(text[position++]);
                }

                // The null string is recognised on the raw text: a text value equal to it is quoted or escaped.
                field = text.AsSpan(start, position - start).SequenceEqual(_options.Null) ? null : value.ToString();
            }

            fields.Add(field);
            if (position >= text.Length)
                return fields;
            if (terminator is not null && At(text, position, terminator))
            {
                position += terminator.Length;
                return fields;
            }

            if (!At(text, position, delimiter))
                throw new FormatException($"expected a delimiter at offset {position}");
            position += delimiter.Length;
        }
    }

    private static bool At(string text, int position, string? token) =>
        token is not null && string.CompareOrdinal(text, position, token, 0, token.Length) == 0;
}
