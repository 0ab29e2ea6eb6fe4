using System.Text.Json.Nodes;
using Sluice.ChangeFeed.Codecs;
using Sluice.ChangeFeed.Codecs.Debezium;
using Sluice.ChangeFeed.Model;

namespace Sluice.ChangeFeed.Tests.Codecs.Debezium;

public sealed class DebeziumEncoderTests
{
    private static DebeziumEncoder Encoder(EncoderOptions? options = null) => new(options ?? new EncoderOptions(), FixedClock.Instance);

    [Fact]
    public async Task Insert_has_the_handle_key_as_key_and_the_envelope_with_its_schema_as_value()
    {
        var message = await Encoder().EncodeRowAsync(CodecEvents.Insert, TestContext.Current.CancellationToken);

        Golden.AssertJson("debezium/insert.key.json", Golden.Parse(message.Key!));
        Golden.AssertJson("debezium/insert.value.json", Golden.Parse(message.Value));
        Assert.Equal(CodecEvents.CommitTs, message.CommitTs);
        Assert.Equal(("test", "user"), (message.Schema, message.Table));
    }

    [Fact]
    public async Task Update_carries_before_and_after()
    {
        var message = await Encoder().EncodeRowAsync(CodecEvents.Update, TestContext.Current.CancellationToken);

        var value = Golden.Parse(message.Value);
        Golden.AssertJson("debezium/update.payload.json", value["payload"]);
        Golden.AssertJson(Golden.Load("debezium/insert.value.json")["schema"], value["schema"], "update schema");
        Golden.AssertJson("debezium/insert.key.json", Golden.Parse(message.Key!));
    }

    [Fact]
    public async Task Update_leaves_before_out_when_the_old_value_is_not_wanted()
    {
        var encoder = Encoder(new EncoderOptions { DebeziumOutputOldValue = false });

        var message = await encoder.EncodeRowAsync(CodecEvents.Update, TestContext.Current.CancellationToken);

        Golden.AssertJson("debezium/update-without-old-value.payload.json", Golden.Parse(message.Value)["payload"]);
    }

    [Fact]
    public async Task Delete_carries_before_and_a_null_after()
    {
        var message = await Encoder().EncodeRowAsync(CodecEvents.Delete, TestContext.Current.CancellationToken);

        var value = Golden.Parse(message.Value);
        Golden.AssertJson("debezium/delete.payload.json", value["payload"]);
        Golden.AssertJson(Golden.Load("debezium/insert.value.json")["schema"], value["schema"], "delete schema");
        Golden.AssertJson("debezium/insert.key.json", Golden.Parse(message.Key!));
    }

    [Fact]
    public async Task Every_column_type_has_Debeziums_value_and_field_schema()
    {
        var message = await Encoder().EncodeRowAsync(CodecEvents.AllTypesInsert, TestContext.Current.CancellationToken);

        var value = Golden.Parse(message.Value);
        var golden = Golden.Load("debezium/all-types.json");
        Golden.AssertJson(golden["after"], value["payload"]!["after"], "all-types values");
        Golden.AssertJson(golden["fields"], value["schema"]!["fields"]![1]!["fields"], "all-types field schemas");
        Assert.Equal("default.test.t_all.Envelope", (string?)value["schema"]!["name"]);
    }

    [Fact]
    public async Task Cluster_id_names_the_source_and_the_schemas()
    {
        var encoder = Encoder(new EncoderOptions { ClusterId = "prod-1" });

        var message = await encoder.EncodeRowAsync(CodecEvents.Insert, TestContext.Current.CancellationToken);

        var value = Golden.Parse(message.Value);
        Assert.Equal("prod-1", (string?)value["payload"]!["source"]!["name"]);
        Assert.Equal("prod-1", (string?)value["payload"]!["source"]!["cluster_id"]);
        Assert.Equal("prod_1.test.user.Envelope", (string?)value["schema"]!["name"]);
        Assert.Equal("prod_1.test.user.Key", (string?)Golden.Parse(message.Key!)["schema"]!["name"]);
    }

    [Fact]
    public async Task Add_column_is_a_schema_change_message_with_the_new_table()
    {
        var message = await Encoder().EncodeDdlAsync(CodecEvents.AddColumn, TestContext.Current.CancellationToken);

        Assert.NotNull(message);
        Golden.AssertJson("debezium/ddl.key.json", Golden.Parse(message.Key!));
        Golden.AssertJson("debezium/ddl-add-column.value.json", Golden.Parse(message.Value));
        Assert.Equal(CodecEvents.DdlCommitTs, message.CommitTs);
    }

    [Fact]
    public async Task Drop_table_names_the_table_without_its_structure()
    {
        var message = await Encoder().EncodeDdlAsync(CodecEvents.DropTable, TestContext.Current.CancellationToken);

        Golden.AssertJson("debezium/ddl-drop-table.payload.json", Golden.Parse(message!.Value)["payload"]);
    }

    [Fact]
    public async Task Database_statements_and_truncate_carry_no_table_change()
    {
        var createDatabase = new DdlEvent
        {
            CommitTs = CodecEvents.DdlCommitTs,
            Schema = "shop",
            Query = "CREATE DATABASE `shop`",
            Kind = Sluice.Replication.Ddl.DdlKind.CreateDatabase,
            ActionType = DdlActionType.CreateSchema,
        };
        var truncate = new DdlEvent
        {
            CommitTs = CodecEvents.DdlCommitTs,
            Schema = "test",
            Table = "user",
            Query = "TRUNCATE TABLE `user`",
            Kind = Sluice.Replication.Ddl.DdlKind.TruncateTable,
            ActionType = DdlActionType.TruncateTable,
            TableBefore = CodecEvents.User,
            TableAfter = CodecEvents.User,
        };

        var database = await Encoder().EncodeDdlAsync(createDatabase, TestContext.Current.CancellationToken);
        var truncated = await Encoder().EncodeDdlAsync(truncate, TestContext.Current.CancellationToken);

        var payload = Golden.Parse(database!.Value)["payload"]!;
        Assert.Equal("shop", (string?)payload["databaseName"]);
        Assert.Equal("", (string?)payload["source"]!["table"]);
        Assert.Empty(payload["tableChanges"]!.AsArray());
        Assert.Equal("shop", (string?)Golden.Parse(database.Key!)["payload"]!["databaseName"]);
        Assert.Empty(Golden.Parse(truncated!.Value)["payload"]!["tableChanges"]!.AsArray());
    }

    [Fact]
    public async Task Rename_names_the_old_and_the_new_table()
    {
        var rename = new DdlEvent
        {
            CommitTs = CodecEvents.DdlCommitTs,
            Schema = "test",
            Table = "user",
            Query = "RENAME TABLE `old`.`people` TO `test`.`user`",
            Kind = Sluice.Replication.Ddl.DdlKind.RenameTable,
            ActionType = DdlActionType.RenameTable,
            PreviousName = ("old", "people"),
            TableAfter = CodecEvents.User,
        };

        var message = await Encoder().EncodeDdlAsync(rename, TestContext.Current.CancellationToken);

        var change = Golden.Parse(message!.Value)["payload"]!["tableChanges"]![0]!;
        Assert.Equal("ALTER", (string?)change["type"]);
        Assert.Equal("\"old\".\"people\",\"test\".\"user\"", (string?)change["id"]);
        Assert.Equal(4, change["table"]!["columns"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_DDL_the_protocol_cannot_name_stops_the_changefeed()
    {
        var ddl = new DdlEvent
        {
            CommitTs = CodecEvents.DdlCommitTs,
            Schema = "test",
            Table = "user",
            Query = "ALTER TABLE `user` ADD CONSTRAINT `fk` FOREIGN KEY (`age`) REFERENCES `ages` (`id`)",
            Kind = Sluice.Replication.Ddl.DdlKind.AlterTable,
            ActionType = DdlActionType.AddForeignKey,
        };

        var error = await Assert.ThrowsAsync<ChangefeedException>(() => Encoder().EncodeDdlAsync(ddl, TestContext.Current.CancellationToken).AsTask());

        Assert.Equal("CDC:ErrDDLUnsupportType", error.Code);
        Assert.False(error.IsRetryable);
    }

    [Fact]
    public void Watermark_is_sent_only_with_the_TiDB_extension()
    {
        Assert.Null(Encoder().EncodeResolved(CodecEvents.ResolvedTs));

        var message = Encoder(new EncoderOptions { EnableTidbExtension = true }).EncodeResolved(CodecEvents.ResolvedTs);

        Assert.NotNull(message);
        Golden.AssertJson("debezium/watermark.key.json", Golden.Parse(message.Key!));
        Golden.AssertJson("debezium/watermark.value.json", Golden.Parse(message.Value));
        Assert.Equal(CodecEvents.ResolvedTs, message.CommitTs);
    }

    [Fact]
    public async Task Zero_dates_are_null_in_nullable_columns_and_0_in_NOT_NULL_ones()
    {
        var table = new ChangeTable(
            "test",
            "z",
            [
                CodecEvents.Id,
                new("d", Sluice.MySql.Binlog.Rows.ColumnType.Date, "date", "date", IsNullable: true),
                new("dt", Sluice.MySql.Binlog.Rows.ColumnType.DateTime2, "datetime", "datetime", IsNullable: false),
                new("ts", Sluice.MySql.Binlog.Rows.ColumnType.Timestamp2, "timestamp", "timestamp", IsNullable: false),
            ],
            CodecEvents.TableVersion);
        var row = new RowChangedEvent
        {
            Table = table,
            Kind = RowChangeKind.Insert,
            CommitTs = CodecEvents.CommitTs,
            After = [1L, new Sluice.MySql.Binlog.Rows.MySqlDate(0, 0, 0), new Sluice.MySql.Binlog.Rows.MySqlDateTime(0, 0, 0, 0, 0, 0, 0, 0), new Sluice.MySql.Binlog.Rows.MySqlTimestamp(0, 0, 0)],
        };

        var message = await Encoder().EncodeRowAsync(row, TestContext.Current.CancellationToken);

        var after = Golden.Parse(message.Value)["payload"]!["after"];
        Golden.AssertJson(JsonNode.Parse("""{"id":1,"d":null,"dt":0,"ts":"1970-01-01T00:00:00Z"}"""), after, "zero dates");
    }

    [Fact]
    public async Task A_message_larger_than_max_message_bytes_is_refused()
    {
        var encoder = Encoder(new EncoderOptions { MaxMessageBytes = 100 });

        var error = await Assert.ThrowsAsync<ChangefeedException>(() => encoder.EncodeRowAsync(CodecEvents.Insert, TestContext.Current.CancellationToken).AsTask());

        Assert.Equal("CDC:ErrMessageTooLarge", error.Code);
    }
}
