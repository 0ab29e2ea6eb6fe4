using System.Buffers.Binary;
using System.Text;
using Sluice.ChangeFeed.Codecs;
using Sluice.ChangeFeed.Codecs.OpenProtocol;

namespace Sluice.ChangeFeed.Tests.Codecs.OpenProtocol;

public sealed class OpenProtocolEncoderTests
{
    private static readonly EncoderOptions Defaults = new();

    [Fact]
    public async Task An_insert_of_every_type_writes_each_column_as_TiCDC_does()
    {
        var message = await new OpenProtocolEncoder(Defaults).EncodeRowAsync(SampleEvents.InsertAllTypes(), default);

        var (key, value) = Assert.Single(Unframe(message));
        Assert.Equal(Golden.Text("open-protocol/insert-all-types.key.json"), key);
        Golden.AssertJson("open-protocol/insert-all-types.value.json", Encoding.UTF8.GetBytes(value));
    }

    [Theory]
    [InlineData("insert", "insert.value.json")]
    [InlineData("update", "update.value.json")]
    [InlineData("delete", "delete.value.json")]
    public async Task Each_row_change_kind_has_its_value_object(string kind, string golden)
    {
        var row = kind switch
        {
            "insert" => SampleEvents.InsertOrder(),
            "update" => SampleEvents.UpdateOrder(),
            _ => SampleEvents.DeleteOrder(),
        };

        var message = await new OpenProtocolEncoder(Defaults).EncodeRowAsync(row, default);

        var (key, value) = Assert.Single(Unframe(message));
        Assert.Equal(Golden.Text("open-protocol/orders.key.json"), key);
        Golden.AssertJson("open-protocol/" + golden, Encoding.UTF8.GetBytes(value));
        Assert.Equal(("shop", "orders", 1), (message.Schema, message.Table, message.RowCount));
    }

    [Fact]
    public async Task An_update_without_open_output_old_value_has_no_old_values()
    {
        var encoder = new OpenProtocolEncoder(new EncoderOptions { OpenOutputOldValue = false });

        var message = await encoder.EncodeRowAsync(SampleEvents.UpdateOrder(), default);

        Golden.AssertJson("open-protocol/update-without-old-value.value.json", Encoding.UTF8.GetBytes(Assert.Single(Unframe(message)).Value));
    }

    [Fact]
    public async Task An_update_with_only_output_updated_columns_keeps_only_the_changed_old_values()
    {
        var encoder = new OpenProtocolEncoder(new EncoderOptions { OnlyOutputUpdatedColumns = true });

        var message = await encoder.EncodeRowAsync(SampleEvents.UpdateOrder(), default);

        Golden.AssertJson("open-protocol/update-only-updated-columns.value.json", Encoding.UTF8.GetBytes(Assert.Single(Unframe(message)).Value));
    }

    [Fact]
    public async Task A_DDL_carries_its_statement_and_action_type()
    {
        var message = await new OpenProtocolEncoder(Defaults).EncodeDdlAsync(SampleEvents.CreateOrders(), default);

        var (key, value) = Assert.Single(Unframe(message!));
        Assert.Equal(Golden.Text("open-protocol/ddl.key.json"), key);
        Assert.Equal(Golden.Text("open-protocol/ddl.value.json"), value);
    }

    [Fact]
    public void A_resolved_event_has_a_key_and_an_empty_value()
    {
        var message = new OpenProtocolEncoder(Defaults).EncodeResolved(SampleEvents.ResolvedTs);

        Assert.NotNull(message);
        var (key, value) = Assert.Single(Unframe(message));
        Assert.Equal(Golden.Text("open-protocol/resolved.key.json"), key);
        Assert.Equal(string.Empty, value);
        Assert.Equal(new byte[8], message.Value);
    }

    [Fact]
    public async Task The_key_starts_with_version_1_then_the_key_length_big_endian()
    {
        var message = await new OpenProtocolEncoder(Defaults).EncodeRowAsync(SampleEvents.InsertOrder(), default);
        var keyJson = Golden.Bytes("open-protocol/orders.key.json");

        Assert.Equal(new byte[] { 0, 0, 0, 0, 0, 0, 0, 1 }, message.Key![..8]);
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0, 0, 0, (byte)keyJson.Length }, message.Key[8..16]);
        Assert.Equal(keyJson, message.Key[16..]);
        Assert.Equal((ulong)(message.Value.Length - 8), BinaryPrimitives.ReadUInt64BigEndian(message.Value));
    }

    [Fact]
    public async Task Messages_batch_into_one_with_the_version_once_and_the_events_in_order()
    {
        var encoder = new OpenProtocolEncoder(Defaults);
        var insert = await encoder.EncodeRowAsync(SampleEvents.InsertOrder(), default);
        var delete = await encoder.EncodeRowAsync(SampleEvents.DeleteOrder(), default);

        var batch = OpenProtocolFraming.Batch([insert, delete]);

        var events = Unframe(batch);
        Assert.Equal(2, events.Count);
        Golden.AssertJson("open-protocol/insert.value.json", Encoding.UTF8.GetBytes(events[0].Value));
        Golden.AssertJson("open-protocol/delete.value.json", Encoding.UTF8.GetBytes(events[1].Value));
        Assert.Equal(insert.Key!.Length + delete.Key!.Length - 8, batch.Key!.Length);
        Assert.Equal(2, batch.RowCount);
        Assert.Equal(("shop", "orders"), (batch.Schema, batch.Table));
    }

    [Fact]
    public async Task A_row_larger_than_max_message_bytes_is_refused()
    {
        var encoder = new OpenProtocolEncoder(new EncoderOptions { MaxMessageBytes = 64 });

        var error = await Assert.ThrowsAsync<ChangefeedException>(async () => await encoder.EncodeRowAsync(SampleEvents.InsertOrder(), default));

        Assert.Equal("CDC:ErrMessageTooLarge", error.Code);
    }

    [Theory]
    [InlineData(new byte[] { 0x61, 0x22, 0x5C }, "a\\\"\\\\")]
    [InlineData(new byte[] { 0x07, 0x08, 0x0B, 0x0C, 0x01, 0x7F }, "\\a\\b\\v\\f\\x01\\x7f")]
    [InlineData(new byte[] { 0xE6, 0x97, 0xA5, 0xC3 }, "日\\xc3")]
    [InlineData(new byte[] { 0xC2, 0xA0, 0xF0, 0x9F, 0x98, 0x80 }, "\\u00a0😀")]
    public void Binary_strings_are_quoted_as_Gos_strconv_Quote_does(byte[] bytes, string expected)
    {
        Assert.Equal(expected, GoQuotedText.Quote(bytes));
    }

    /// <summary>Splits an open-protocol message into its events' key and value texts.</summary>
    private static List<(string Key, string Value)> Unframe(EncodedMessage message)
    {
        var key = message.Key.AsSpan();
        Assert.Equal(OpenProtocolFraming.Version, BinaryPrimitives.ReadUInt64BigEndian(key));
        key = key[8..];
        var value = message.Value.AsSpan();
        var events = new List<(string, string)>();
        while (!key.IsEmpty)
        {
            var keyLength = (int)BinaryPrimitives.ReadUInt64BigEndian(key);
            var valueLength = (int)BinaryPrimitives.ReadUInt64BigEndian(value);
            events.Add((Encoding.UTF8.GetString(key.Slice(8, keyLength)), Encoding.UTF8.GetString(value.Slice(8, valueLength))));
            key = key[(8 + keyLength)..];
            value = value[(8 + valueLength)..];
        }

        Assert.True(value.IsEmpty, "the value has more events than the key");
        return events;
    }
}
