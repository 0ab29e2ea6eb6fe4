using System.Text;
using Sluice.ChangeFeed.Codecs;
using Sluice.ChangeFeed.Codecs.Csv;

namespace Sluice.ChangeFeed.Tests.Codecs.Csv;

public sealed class CsvEncoderTests
{
    private static readonly EncoderOptions Defaults = new();

    [Fact]
    public async Task An_insert_of_every_type_quotes_text_and_writes_numbers_bare()
    {
        var message = await new CsvEncoder(Defaults).EncodeRowAsync(SampleEvents.InsertAllTypes(), default);

        AssertRecord("csv/insert-all-types.csv", message);
        Assert.Null(message.Key);
        Assert.Equal(("shop", "all_types", 1), (message.Schema, message.Table, message.RowCount));
    }

    [Fact]
    public async Task Without_a_quote_character_text_is_backslash_escaped_and_binary_can_be_hex()
    {
        var options = new EncoderOptions
        {
            Csv = new CsvOptions { Quote = string.Empty, Null = "NULL", BinaryEncodingMethod = "hex", IncludeCommitTs = true },
        };

        var message = await new CsvEncoder(options).EncodeRowAsync(SampleEvents.InsertAllTypes(), default);

        AssertRecord("csv/insert-all-types-unquoted-hex.csv", message);
    }

    [Fact]
    public async Task An_update_is_one_U_record_with_the_new_values()
    {
        var message = await new CsvEncoder(Defaults).EncodeRowAsync(SampleEvents.UpdateOrder(), default);

        AssertRecord("csv/update.csv", message);
    }

    [Fact]
    public async Task A_delete_is_a_D_record_with_the_old_values()
    {
        var message = await new CsvEncoder(Defaults).EncodeRowAsync(SampleEvents.DeleteOrder(), default);

        AssertRecord("csv/delete.csv", message);
    }

    [Fact]
    public async Task With_output_old_value_an_update_is_the_old_row_as_D_then_the_new_row_as_I_both_marked_as_updates()
    {
        var options = new EncoderOptions { Csv = new CsvOptions { OutputOldValue = true, IncludeCommitTs = true } };

        var message = await new CsvEncoder(options).EncodeRowAsync(SampleEvents.UpdateOrder(), default);

        AssertRecord("csv/update-old-value.csv", message);
        Assert.Equal(1, message.RowCount);
    }

    [Fact]
    public async Task With_output_old_value_other_changes_are_marked_as_not_updates()
    {
        var options = new EncoderOptions { Csv = new CsvOptions { OutputOldValue = true } };

        var message = await new CsvEncoder(options).EncodeRowAsync(SampleEvents.InsertOrder(), default);

        AssertRecord("csv/insert-old-value.csv", message);
    }

    [Fact]
    public async Task The_two_records_of_an_update_are_separated_by_the_sinks_terminator()
    {
        var options = new EncoderOptions { Csv = new CsvOptions { OutputOldValue = true } };

        var message = await new CsvEncoder(options, "\n").EncodeRowAsync(SampleEvents.UpdateOrder(), default);

        Assert.Equal("\"D\",\"orders\",\"shop\",true,1,\"apple\",\\N\n\"I\",\"orders\",\"shop\",true,1,\"pear\",4", Encoding.UTF8.GetString(message.Value));
    }

    [Fact]
    public async Task A_multi_character_delimiter_inside_unquoted_text_has_each_character_escaped()
    {
        var options = new EncoderOptions { Csv = new CsvOptions { Quote = string.Empty, Delimiter = "|#" } };
        var row = SampleEvents.InsertOrder();
        row = new Sluice.ChangeFeed.Model.RowChangedEvent { Table = row.Table, Kind = row.Kind, CommitTs = row.CommitTs, After = [1L, "a|#b|c", null] };

        var message = await new CsvEncoder(options).EncodeRowAsync(row, default);

        Assert.Equal("I|#orders|#shop|#1|#a\\|\\#b|c|#\\N", Encoding.UTF8.GetString(message.Value));
    }

    [Fact]
    public async Task DDL_and_watermarks_have_no_csv_record()
    {
        var encoder = new CsvEncoder(Defaults);

        Assert.Null(await encoder.EncodeDdlAsync(SampleEvents.CreateOrders(), default));
        Assert.Null(encoder.EncodeResolved(SampleEvents.ResolvedTs));
    }

    [Fact]
    public void An_unknown_binary_encoding_is_refused()
    {
        var options = new EncoderOptions { Csv = new CsvOptions { BinaryEncodingMethod = "base32" } };

        Assert.Throws<ArgumentException>(() => new CsvEncoder(options));
    }

    private static void AssertRecord(string golden, EncodedMessage message) =>
        Assert.Equal(Golden.Text(golden), Encoding.UTF8.GetString(message.Value));
}
