using System.Text;
using Sluice.ChangeFeed.Codecs;
using Sluice.ChangeFeed.Codecs.CanalJson;
using Sluice.ChangeFeed.Codecs.Csv;
using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed.Tests.Codecs.Decoding;

/// <summary>What the canal-json and csv encoders write reads back as the values the binlog decoder gave.</summary>
public sealed class DecodingRoundTripTests
{
    [Fact]
    public async Task Canal_json_reads_back_every_type()
    {
        var row = SampleEvents.InsertAllTypes();

        var message = await new CanalJsonEncoder(new EncoderOptions()).EncodeRowAsync(row, default);
        var decoded = CanalJsonDecoder.DecodeRow(SampleEvents.AllTypes, CanalJsonDecoder.Decode(message.Value));

        Assert.Equal(RowChangeKind.Insert, decoded.Kind);
        AssertSameValues(row.After!, decoded.After!);
        Assert.Equal(Tso.FromUnixMilliseconds(SampleEvents.CommitTs.PhysicalMilliseconds), decoded.CommitTs);
    }

    [Fact]
    public async Task Canal_json_reads_back_an_update_with_its_old_row_and_the_exact_commit_ts()
    {
        var row = SampleEvents.UpdateOrder();

        var message = await new CanalJsonEncoder(new EncoderOptions { EnableTidbExtension = true }).EncodeRowAsync(row, default);
        var decoded = CanalJsonDecoder.DecodeRow(SampleEvents.Orders, CanalJsonDecoder.Decode(message.Value));

        Assert.Equal(RowChangeKind.Update, decoded.Kind);
        Assert.Equal(SampleEvents.CommitTs, decoded.CommitTs);
        AssertSameValues(row.Before!, decoded.Before!);
        AssertSameValues(row.After!, decoded.After!);
    }

    [Fact]
    public async Task Canal_json_reads_back_a_delete_and_tells_watermarks_and_DDL_apart()
    {
        var encoder = new CanalJsonEncoder(new EncoderOptions { EnableTidbExtension = true });
        var row = SampleEvents.DeleteOrder();

        var delete = CanalJsonDecoder.DecodeRow(SampleEvents.Orders, CanalJsonDecoder.Decode((await encoder.EncodeRowAsync(row, default)).Value));
        var watermark = CanalJsonDecoder.Decode(encoder.EncodeResolved(SampleEvents.ResolvedTs)!.Value);
        var ddl = CanalJsonDecoder.Decode((await encoder.EncodeDdlAsync(SampleEvents.CreateOrders(), default))!.Value);

        Assert.Equal(RowChangeKind.Delete, delete.Kind);
        Assert.Null(delete.After);
        AssertSameValues(row.Before!, delete.Before!);
        Assert.True(watermark.IsWatermark);
        Assert.Equal(SampleEvents.ResolvedTs.Value, watermark.WatermarkTs);
        Assert.True(ddl.IsDdl);
        Assert.Equal(SampleEvents.CreateOrders().Query, ddl.Sql);
        Assert.Equal(SampleEvents.CommitTs.Value, ddl.CommitTs);
    }

    public static TheoryData<string, string, string, string, bool> CsvOptionSets => new()
    {
        { ",", "\"", "\\N", "base64", false },
        { ",", string.Empty, "\\N", "hex", true },
        { "|#", "'", "NULL", "base64", true },
        { ";", string.Empty, "", "hex", false },
    };

    [Theory]
    [MemberData(nameof(CsvOptionSets))]
    public async Task Csv_reads_back_every_type(string delimiter, string quote, string nullText, string binary, bool includeCommitTs)
    {
        var csv = new CsvOptions { Delimiter = delimiter, Quote = quote, Null = nullText, BinaryEncodingMethod = binary, IncludeCommitTs = includeCommitTs };
        var row = SampleEvents.InsertAllTypes();

        var message = await new CsvEncoder(new EncoderOptions { Csv = csv }).EncodeRowAsync(row, default);
        var decoder = new CsvDecoder(csv);
        var record = decoder.ReadRecord(Encoding.UTF8.GetString(message.Value));

        Assert.Equal(("I", "all_types", "shop"), (record.Operation, record.Table, record.Schema));
        Assert.Equal(includeCommitTs ? SampleEvents.CommitTs.Value : null, record.CommitTs);
        AssertSameValues(row.After!, decoder.DecodeValues(SampleEvents.AllTypes, record));
    }

    [Fact]
    public async Task Csv_reads_back_the_two_records_of_an_update_with_old_values_from_a_file()
    {
        var csv = new CsvOptions { OutputOldValue = true, IncludeCommitTs = true };
        var encoder = new CsvEncoder(new EncoderOptions { Csv = csv });
        var update = SampleEvents.UpdateOrder();
        var file = new StringBuilder();
        foreach (var row in new[] { SampleEvents.InsertOrder(), update, SampleEvents.DeleteOrder() })
            file.Append(Encoding.UTF8.GetString((await encoder.EncodeRowAsync(row, default)).Value)).Append("\r\n");

        var decoder = new CsvDecoder(csv);
        var records = decoder.ReadRecords(file.ToString());

        Assert.Equal(["I", "D", "I", "D"], records.Select(r => r.Operation));
        Assert.Equal([false, true, true, false], records.Select(r => r.IsUpdate!.Value));
        AssertSameValues(update.Before!, decoder.DecodeValues(SampleEvents.Orders, records[1]));
        AssertSameValues(update.After!, decoder.DecodeValues(SampleEvents.Orders, records[2]));
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("")]
    public async Task Csv_text_with_delimiters_quotes_newlines_backslashes_and_the_null_text_reads_back_exactly(string quote)
    {
        var csv = new CsvOptions { Quote = quote };
        string[] texts = ["a,b", "say \"x\"", "line\r\nnext", "back\\slash\\", "\\N", "", ",", "\"", "\\"];
        var encoder = new CsvEncoder(new EncoderOptions { Csv = csv });
        var decoder = new CsvDecoder(csv);

        foreach (var text in texts)
        {
            var row = new RowChangedEvent { Table = SampleEvents.Orders, Kind = RowChangeKind.Insert, CommitTs = SampleEvents.CommitTs, After = [7L, text, null] };
            var record = decoder.ReadRecord(Encoding.UTF8.GetString((await encoder.EncodeRowAsync(row, default)).Value));

            Assert.Equal(text, record.Values[1]);
            Assert.Null(record.Values[2]);
        }
    }

    private static void AssertSameValues(IReadOnlyList<object?> expected, IReadOnlyList<object?> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            if (expected[i] is byte[] bytes)
                Assert.Equal(bytes, Assert.IsType<byte[]>(actual[i]));
            else
                Assert.True(Equals(expected[i], actual[i]), $"value {i}: expected {expected[i]} ({expected[i]?.GetType().Name}), read {actual[i]} ({actual[i]?.GetType().Name})");
        }
    }
}
