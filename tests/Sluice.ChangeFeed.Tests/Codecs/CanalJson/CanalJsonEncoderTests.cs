using System.Text;
using Sluice.ChangeFeed.Codecs;
using Sluice.ChangeFeed.Codecs.CanalJson;
using Sluice.ChangeFeed.Model;
using Sluice.Replication.Ddl;

namespace Sluice.ChangeFeed.Tests.Codecs.CanalJson;

public sealed class CanalJsonEncoderTests
{
    private static readonly EncoderOptions Plain = new();
    private static readonly EncoderOptions WithTidbExtension = new() { EnableTidbExtension = true };

    [Fact]
    public async Task An_insert_of_every_type_writes_each_value_as_TiCDC_does()
    {
        var message = await new CanalJsonEncoder(Plain).EncodeRowAsync(SampleEvents.InsertAllTypes(), default);

        Golden.AssertJson("canal-json/insert-all-types.json", message.Value, "ts");
    }

    [Fact]
    public async Task An_insert_has_no_old_row_and_no_key()
    {
        var message = await new CanalJsonEncoder(Plain).EncodeRowAsync(SampleEvents.InsertOrder(), default);

        Golden.AssertJson("canal-json/insert.json", message.Value, "ts");
        Assert.Null(message.Key);
        Assert.Equal(SampleEvents.CommitTs, message.CommitTs);
        Assert.Equal(("shop", "orders", 1), (message.Schema, message.Table, message.RowCount));
    }

    [Fact]
    public async Task An_update_carries_the_whole_old_row_and_with_the_tidb_extension_the_commit_ts()
    {
        var message = await new CanalJsonEncoder(WithTidbExtension).EncodeRowAsync(SampleEvents.UpdateOrder(), default);

        Golden.AssertJson("canal-json/update-tidb-extension.json", message.Value, "ts");
    }

    [Fact]
    public async Task An_update_with_only_output_updated_columns_keeps_only_the_changed_old_values()
    {
        var encoder = new CanalJsonEncoder(new EncoderOptions { OnlyOutputUpdatedColumns = true });

        var message = await encoder.EncodeRowAsync(SampleEvents.UpdateOrder(), default);

        Golden.AssertJson("canal-json/update-only-updated-columns.json", message.Value, "ts");
    }

    [Fact]
    public async Task A_delete_puts_the_deleted_row_in_data_and_null_in_old()
    {
        var message = await new CanalJsonEncoder(Plain).EncodeRowAsync(SampleEvents.DeleteOrder(), default);

        Golden.AssertJson("canal-json/delete.json", message.Value, "ts");
    }

    [Fact]
    public async Task A_DDL_is_a_message_with_its_statement_and_canal_event_type()
    {
        var message = await new CanalJsonEncoder(WithTidbExtension).EncodeDdlAsync(SampleEvents.CreateOrders(), default);

        Assert.NotNull(message);
        Golden.AssertJson("canal-json/ddl-tidb-extension.json", message.Value, "ts");
        Assert.Null(message.Key);
        Assert.Equal(0, message.RowCount);
    }

    [Theory]
    [InlineData(DdlActionType.CreateSchema, DdlKind.CreateDatabase, "QUERY")]
    [InlineData(DdlActionType.DropTable, DdlKind.DropTable, "ERASE")]
    [InlineData(DdlActionType.TruncateTable, DdlKind.TruncateTable, "TRUNCATE")]
    [InlineData(DdlActionType.RenameTable, DdlKind.RenameTable, "RENAME")]
    [InlineData(DdlActionType.AddColumn, DdlKind.AlterTable, "ALTER")]
    [InlineData(DdlActionType.AddIndex, DdlKind.CreateIndex, "CINDEX")]
    [InlineData(DdlActionType.DropPrimaryKey, DdlKind.AlterTable, "DINDEX")]
    [InlineData(DdlActionType.CreateView, DdlKind.CreateView, "QUERY")]
    [InlineData(DdlActionType.None, DdlKind.AlterTable, "ALTER")]
    [InlineData(DdlActionType.None, DdlKind.OtherDdl, "QUERY")]
    public async Task DDL_types_follow_TiCDCs_mapping_of_action_types(DdlActionType action, DdlKind kind, string expected)
    {
        var ddl = new DdlEvent { CommitTs = SampleEvents.CommitTs, Schema = "shop", Table = "orders", Query = "-- statement", Kind = kind, ActionType = action };

        var message = await new CanalJsonEncoder(Plain).EncodeDdlAsync(ddl, default);

        Assert.Contains($"\"type\":\"{expected}\"", Encoding.UTF8.GetString(message!.Value), StringComparison.Ordinal);
    }

    [Fact]
    public void A_watermark_is_sent_only_with_the_tidb_extension()
    {
        Assert.Null(new CanalJsonEncoder(Plain).EncodeResolved(SampleEvents.ResolvedTs));

        var message = new CanalJsonEncoder(WithTidbExtension).EncodeResolved(SampleEvents.ResolvedTs);

        Assert.NotNull(message);
        Golden.AssertJson("canal-json/watermark.json", message.Value, "ts");
        Assert.Equal(SampleEvents.ResolvedTs, message.CommitTs);
        Assert.Null(message.Schema);
    }

    [Fact]
    public void Messages_are_compact_json_in_the_documented_field_order_with_ts_from_the_clock()
    {
        var clock = new FixedTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_001_000));

        var message = new CanalJsonEncoder(WithTidbExtension, clock).EncodeResolved(SampleEvents.ResolvedTs);

        Assert.Equal(
            "{\"id\":0,\"database\":\"\",\"table\":\"\",\"pkNames\":null,\"isDdl\":false,\"type\":\"TIDB_WATERMARK\"," +
            "\"es\":1700000000456,\"ts\":1700000001000,\"sql\":\"\",\"sqlType\":null,\"mysqlType\":null,\"data\":null,\"old\":null," +
            "\"_tidb\":{\"watermarkTs\":445644800119537665}}",
            Encoding.UTF8.GetString(message!.Value));
    }

    [Fact]
    public async Task Binary_bytes_are_written_as_in_the_documented_example()
    {
        // ticdc-canal-json.md, "Binary and BLOB types": these 16 bytes of a VARBINARY column.
        var message = await new CanalJsonEncoder(Plain).EncodeRowAsync(SampleEvents.InsertAllTypes(), default);

        Assert.Contains("\"c_varbinary\":\"\\u0005\\u0007\\n\\u000f$2+cx\\u003c\\u0026ÿþ-7F\"", Encoding.UTF8.GetString(message.Value), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_is_escaped_as_Gos_json_writer_escapes_it()
    {
        var message = await new CanalJsonEncoder(Plain).EncodeRowAsync(SampleEvents.InsertAllTypes(), default);
        var json = Encoding.UTF8.GetString(message.Value);

        Assert.Contains("\"c_varchar\":\"say \\\"hi\\\", ok\\n\\t日本語 \\u003cb\\u003e\\u0026\\u2028\"", json, StringComparison.Ordinal);
        Assert.Contains("\"c_binary\":\"\\u0000Aÿ\u0080\"", json, StringComparison.Ordinal);
        Assert.Contains("\"c_text\":\"line1\\r\\nline2 \\\\ end\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_row_larger_than_max_message_bytes_is_refused()
    {
        var encoder = new CanalJsonEncoder(new EncoderOptions { MaxMessageBytes = 100 });

        var error = await Assert.ThrowsAsync<ChangefeedException>(async () => await encoder.EncodeRowAsync(SampleEvents.InsertAllTypes(), default));

        Assert.Equal("CDC:ErrMessageTooLarge", error.Code);
        Assert.False(error.IsRetryable);
    }

    [Fact]
    public async Task An_unsigned_value_keeps_its_narrow_java_type_while_it_fits_the_signed_range()
    {
        var values = SampleEvents.AllTypesValues();
        values[2] = 127UL;
        values[5] = 2147483647UL;
        values[7] = 9223372036854775807UL;
        var row = new RowChangedEvent { Table = SampleEvents.AllTypes, Kind = RowChangeKind.Insert, CommitTs = SampleEvents.CommitTs, After = values };

        var json = Encoding.UTF8.GetString((await new CanalJsonEncoder(Plain).EncodeRowAsync(row, default)).Value);

        Assert.Contains("\"c_tinyint_u\":-6,", json, StringComparison.Ordinal);
        Assert.Contains("\"c_int_u\":4,", json, StringComparison.Ordinal);
        Assert.Contains("\"c_bigint_u\":-5,", json, StringComparison.Ordinal);
    }
}
