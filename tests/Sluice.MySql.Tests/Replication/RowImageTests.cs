using MySqlConnector;
using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Binlog.Rows;
using Sluice.MySql.Replication;
using Sluice.Testing;

namespace Sluice.MySql.Tests.Replication;

/// <summary>Partial row images (binlog_row_image MINIMAL and NOBLOB) and column facts carried by binlog_row_metadata=FULL.</summary>
public sealed class RowImageTests(MariaDbServers servers)
{
    [Fact]
    public async Task Minimal_images_carry_only_the_key_before_and_the_changed_columns_after()
    {
        var events = await WriteAndReadAsync("row_image_minimal", "MINIMAL");

        var update = events.OfType<RowsEvent>().Single(e => e.Kind == RowsEventKind.Update);
        Assert.Equal([true, false, false, false], update.ColumnsPresent);
        Assert.Equal([false, true, false, false], update.ColumnsPresentAfter!);
        var change = update.Rows.Single();
        Assert.Equal(1L, change.Before![0]);
        Assert.False(change.Before.IsPresent(1));
        Assert.Equal("changed", change.After![1]);
        Assert.False(change.After.IsPresent(0));

        var delete = events.OfType<RowsEvent>().Single(e => e.Kind == RowsEventKind.Delete);
        Assert.Equal([true, false, false, false], delete.ColumnsPresent);
        Assert.Equal(2L, delete.Rows.Single().Before![0]);
    }

    [Fact]
    public async Task Noblob_images_leave_out_unchanged_blobs()
    {
        var events = await WriteAndReadAsync("row_image_noblob", "NOBLOB");

        var update = events.OfType<RowsEvent>().Single(e => e.Kind == RowsEventKind.Update);
        Assert.Equal([true, true, true, false], update.ColumnsPresent);
        Assert.Equal([true, true, true, false], update.ColumnsPresentAfter!);
        var change = update.Rows.Single();
        Assert.Equal("first", change.Before![1]);
        Assert.Equal("changed", change.After![1]);
        Assert.Equal(10L, change.After[2]);
        Assert.Null(change.After[3]);
        Assert.False(change.After.IsPresent(3));

        var insert = events.OfType<RowsEvent>().First(e => e.Kind == RowsEventKind.Insert);
        Assert.All(insert.ColumnsPresent, Assert.True);
        Assert.Equal([0xAB, 0xCD], (byte[])insert.Rows[0].After![3]!);
    }

    [Fact]
    public async Task Full_row_metadata_names_columns_without_information_schema()
    {
        var source = servers.Source;
        await source.ExecuteAsync("DROP DATABASE IF EXISTS row_metadata; CREATE DATABASE row_metadata; CREATE TABLE row_metadata.t (id INT UNSIGNED PRIMARY KEY, color ENUM('red','green'), tags SET('a','b'), name VARCHAR(10) CHARACTER SET latin1)");
        var start = await SourceStream.EndAsync(source);
        await using (var connection = await source.OpenConnectionAsync())
        {
            await using var command = new MySqlCommand(
                "SET GLOBAL binlog_row_metadata = FULL; INSERT INTO row_metadata.t VALUES (4294967295, 'green', 'a,b', 'café'); SET GLOBAL binlog_row_metadata = MINIMAL",
                connection);
            await command.ExecuteNonQueryAsync();
        }

        var options = SourceStream.Options(source, start) with { ResolveColumnNames = false };
        await using var client = new BinlogClient(options);
        var events = await SourceStream.ReadUntilAsync(client, e => SourceStream.IsRowsOf(e, "row_metadata", "t"));

        var rows = (RowsEvent)events[^1];
        Assert.NotNull(rows.Table.OptionalMetadata?.ColumnNames);
        Assert.Equal(["id", "color", "tags", "name"], rows.Table.Columns.Select(c => c.Name));
        var after = rows.Rows.Single().After!;
        Assert.Equal(4294967295UL, after[0]);
        Assert.Equal("green", after[1]);
        Assert.Equal("a,b", after[2]);
        Assert.Equal("café", after[3]);
        Assert.True(rows.Table.Columns[0].IsPrimaryKey);
    }

    private async Task<List<BinlogEvent>> WriteAndReadAsync(string schema, string image)
    {
        var source = servers.Source;
        await source.ExecuteAsync($"DROP DATABASE IF EXISTS {schema}; CREATE DATABASE {schema}; CREATE TABLE {schema}.t (id INT PRIMARY KEY, name VARCHAR(20), n INT, doc BLOB)");
        var start = await SourceStream.EndAsync(source);
        await using (var connection = await source.OpenConnectionAsync())
        {
            await using var command = new MySqlCommand(
                $"SET SESSION binlog_row_image = {image};" +
                $"INSERT INTO {schema}.t VALUES (1, 'first', 10, 0xABCD), (2, 'second', 20, NULL);" +
                $"UPDATE {schema}.t SET name = 'changed' WHERE id = 1;" +
                $"DELETE FROM {schema}.t WHERE id = 2;" +
                $"INSERT INTO {schema}.t VALUES (99, 'end', 0, NULL)",
                connection);
            await command.ExecuteNonQueryAsync();
        }

        await using var client = new BinlogClient(SourceStream.Options(source, start));
        var events = await SourceStream.ReadUntilAsync(client, e => e is RowsEvent r && r.Table.SchemaName == schema && r.Kind == RowsEventKind.Insert && (long)r.Rows[0].After![0]! == 99);
        return events.Where(e => e is not RowsEvent r || r.Table.SchemaName == schema).ToList();
    }
}
