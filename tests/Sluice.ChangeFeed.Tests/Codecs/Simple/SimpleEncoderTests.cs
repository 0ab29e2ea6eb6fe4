using Sluice.ChangeFeed.Codecs;
using Sluice.ChangeFeed.Codecs.Simple;
using Sluice.ChangeFeed.Model;
using Sluice.Replication.Ddl;

namespace Sluice.ChangeFeed.Tests.Codecs.Simple;

public sealed class SimpleEncoderTests
{
    private static SimpleEncoder Encoder() => new(new EncoderOptions(), FixedClock.Instance);

    [Theory]
    [InlineData("insert")]
    [InlineData("update")]
    [InlineData("delete")]
    public async Task Row_changes_are_DML_messages_without_a_key(string kind)
    {
        var row = kind switch
        {
            "insert" => CodecEvents.Insert,
            "update" => CodecEvents.Update,
            _ => CodecEvents.Delete,
        };

        var message = await Encoder().EncodeRowAsync(row, TestContext.Current.CancellationToken);

        Golden.AssertJson($"simple/{kind}.json", Golden.Parse(message.Value));
        Assert.Null(message.Key);
        Assert.Equal(CodecEvents.CommitTs, message.CommitTs);
        Assert.Equal(("test", "user"), (message.Schema, message.Table));
    }

    [Fact]
    public async Task Every_column_type_is_written_as_the_simple_protocol_says()
    {
        var message = await Encoder().EncodeRowAsync(CodecEvents.AllTypesInsert, TestContext.Current.CancellationToken);

        Golden.AssertJson("simple/all-types.data.json", Golden.Parse(message.Value)["data"]);
    }

    [Fact]
    public async Task Table_schema_describes_every_column_type()
    {
        var ddl = new DdlEvent
        {
            CommitTs = CodecEvents.DdlCommitTs,
            Schema = "test",
            Table = "t_all",
            Query = "CREATE TABLE `t_all` (…)",
            Kind = DdlKind.CreateTable,
            ActionType = DdlActionType.CreateTable,
            TableAfter = CodecEvents.AllTypes,
        };

        var message = await Encoder().EncodeDdlAsync(ddl, TestContext.Current.CancellationToken);

        Golden.AssertJson("simple/all-types.columns.json", Golden.Parse(message!.Value)["tableSchema"]!["columns"]);
    }

    [Fact]
    public async Task Alter_carries_the_table_schema_after_and_before()
    {
        var message = await Encoder().EncodeDdlAsync(CodecEvents.AddColumn, TestContext.Current.CancellationToken);

        Assert.NotNull(message);
        Golden.AssertJson("simple/ddl-add-column.json", Golden.Parse(message.Value));
        Assert.Null(message.Key);
        Assert.Equal(CodecEvents.DdlCommitTs, message.CommitTs);
    }

    [Fact]
    public async Task Create_table_has_no_pre_table_schema()
    {
        var message = await Encoder().EncodeDdlAsync(CodecEvents.CreateTable, TestContext.Current.CancellationToken);

        Golden.AssertJson("simple/ddl-create-table.json", Golden.Parse(message!.Value));
    }

    [Theory]
    [InlineData(DdlActionType.CreateTable, "CREATE")]
    [InlineData(DdlActionType.RenameTable, "RENAME")]
    [InlineData(DdlActionType.AddIndex, "CINDEX")]
    [InlineData(DdlActionType.DropPrimaryKey, "DINDEX")]
    [InlineData(DdlActionType.DropTable, "ERASE")]
    [InlineData(DdlActionType.TruncateTable, "TRUNCATE")]
    [InlineData(DdlActionType.ModifyColumn, "ALTER")]
    [InlineData(DdlActionType.CreateSchema, "QUERY")]
    [InlineData(DdlActionType.CreateView, "QUERY")]
    public void DDL_types_follow_TiDBs_action_type(DdlActionType action, string type) =>
        Assert.Equal(type, SimpleEncoder.DdlType(action));

    [Fact]
    public void Watermark_carries_the_resolved_ts()
    {
        var message = Encoder().EncodeResolved(CodecEvents.ResolvedTs);

        Assert.NotNull(message);
        Golden.AssertJson("simple/watermark.json", Golden.Parse(message.Value));
        Assert.Null(message.Schema);
    }

    [Theory]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(1e-5, "0.00001")]
    [InlineData(-1.5e-7, "-0.00000015")]
    [InlineData(123.456, "123.456")]
    [InlineData(-2.5e21, "-2500000000000000000000")]
    public void Doubles_are_written_without_an_exponent(double value, string text)
    {
        var column = new ChangeColumn("d", Sluice.MySql.Binlog.Rows.ColumnType.Double, "double", "double", true);

        Assert.Equal(text, SimpleValueText.Text(column, value));
    }
}
