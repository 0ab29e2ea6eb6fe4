using Sluice.MySql.Binlog;
using Sluice.MySql.Binlog.Events;
using Sluice.MySql.Binlog.Rows;
using Sluice.MySql.Positions;

namespace Sluice.MySql.Tests.Binlog;

public sealed class BinlogFileReaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sluice-binlog-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>
    /// Golden file: every event of mariadb-basic.binlog (see mariadb-basic.sql) with its end position, as
    /// `mariadb-binlog mariadb-bin.000002` lists them.
    /// </summary>
    [Fact]
    public void Decodes_the_whole_basic_fixture()
    {
        var events = new BinlogFileReader(Fixtures.PathOf("mariadb-basic.binlog")).ReadEvents().ToList();

        (BinlogEventType Type, uint End)[] expected =
        [
            (BinlogEventType.FormatDescription, 256),
            (BinlogEventType.MariaDbGtidList, 285),
            (BinlogEventType.MariaDbBinlogCheckpoint, 330),
            (BinlogEventType.MariaDbBinlogCheckpoint, 375),
            (BinlogEventType.MariaDbGtid, 417), (BinlogEventType.Query, 504), // CREATE DATABASE shop
            (BinlogEventType.MariaDbGtid, 546), (BinlogEventType.Query, 734), // CREATE TABLE items
            (BinlogEventType.MariaDbGtid, 776), (BinlogEventType.MariaDbAnnotateRows, 882), (BinlogEventType.TableMap, 938), (BinlogEventType.WriteRowsV1, 1030), (BinlogEventType.Xid, 1061),
            (BinlogEventType.MariaDbGtid, 1103), (BinlogEventType.MariaDbAnnotateRows, 1164), (BinlogEventType.TableMap, 1220), (BinlogEventType.UpdateRowsV1, 1308), (BinlogEventType.Xid, 1339),
            (BinlogEventType.MariaDbGtid, 1381), (BinlogEventType.MariaDbAnnotateRows, 1434), (BinlogEventType.TableMap, 1490), (BinlogEventType.DeleteRowsV1, 1555), (BinlogEventType.Xid, 1586),
            (BinlogEventType.MariaDbGtid, 1628), (BinlogEventType.Query, 1790), // CREATE TABLE counters
            (BinlogEventType.MariaDbGtid, 1832), (BinlogEventType.IntVar, 1864), (BinlogEventType.UserVar, 1914), (BinlogEventType.Query, 2024), (BinlogEventType.Xid, 2055),
            (BinlogEventType.MariaDbGtid, 2097), (BinlogEventType.IntVar, 2129), (BinlogEventType.UserVar, 2176), (BinlogEventType.UserVar, 2225), (BinlogEventType.UserVar, 2267),
            (BinlogEventType.UserVar, 2313), (BinlogEventType.UserVar, 2344), (BinlogEventType.Query, 2508), (BinlogEventType.Xid, 2539),
            (BinlogEventType.MariaDbGtid, 2581), (BinlogEventType.IntVar, 2613), (BinlogEventType.Rand, 2652), (BinlogEventType.Query, 2769), (BinlogEventType.Xid, 2800),
            (BinlogEventType.MariaDbGtid, 2842), (BinlogEventType.IntVar, 2874), (BinlogEventType.IntVar, 2906), (BinlogEventType.Query, 3023), (BinlogEventType.Xid, 3054),
            (BinlogEventType.Rotate, 3103),
        ];
        Assert.Equal(expected, events.Select(e => (e.EventType, e.Header.LogPosition)));
        Assert.All(events, e => Assert.Equal(3307u, e.Header.ServerId));

        var gtids = events.OfType<MariaDbGtidEvent>().Select(g => g.Gtid).ToList();
        Assert.Equal(Enumerable.Range(1, 10).Select(n => new MariaDbGtid(0, 3307, (ulong)n)), gtids);
        Assert.Empty(events.OfType<MariaDbGtidListEvent>().Single().GtidList.Gtids);
        Assert.Equal(["mariadb-bin.000001", "mariadb-bin.000002"], events.OfType<BinlogCheckpointEvent>().Select(c => c.FileName));

        var queries = events.OfType<QueryEvent>().ToList();
        Assert.Equal("CREATE DATABASE shop", queries[0].Query);
        Assert.Equal("shop", queries[0].Schema); // MariaDB logs CREATE DATABASE with the new database as the default
        Assert.Equal("shop", queries[1].Schema);
        Assert.Equal("INSERT INTO counters (v) VALUES (RAND(7) + RAND())", queries[5].Query);

        Assert.All(events.OfType<TableMapEvent>(), m => Assert.Equal(("shop", "items", 5), (m.SchemaName, m.TableName, m.ColumnCount)));
        Assert.Equal([2, 1, 1], events.OfType<RowsEvent>().Select(r => r.Rows.Count));
        Assert.Equal([1UL, 2, 3, 3, 4], events.OfType<IntVarEvent>().Select(i => i.Value));
        Assert.Equal(IntVarKind.LastInsertId, events.OfType<IntVarEvent>().ElementAt(3).Kind);
        var rand = events.OfType<RandEvent>().Single();
        Assert.Equal((963160456UL, 638549333UL), (rand.Seed1, rand.Seed2));
        Assert.Equal([13UL, 14UL, 15UL, 16UL], events.OfType<XidEvent>().Skip(3).Select(x => x.Xid));

        var rotate = Assert.IsType<RotateEvent>(events[^1]);
        Assert.Equal(("mariadb-bin.000003", 4UL), (rotate.NextFileName, rotate.Position));
        Assert.False(rotate.IsFake);
    }

    [Fact]
    public void Decodes_the_compressed_fixture_to_its_stop_event()
    {
        var events = new BinlogFileReader(Fixtures.PathOf("mariadb-compressed.binlog")).ReadEvents().ToList();

        Assert.Equal(27, events.Count);
        Assert.Equal([new MariaDbGtid(0, 3307, 10)], events.OfType<MariaDbGtidListEvent>().Single().GtidList.Gtids);
        Assert.Equal(Enumerable.Range(11, 5).Select(n => new MariaDbGtid(0, 3307, (ulong)n)), events.OfType<MariaDbGtidEvent>().Select(g => g.Gtid));
        Assert.Single(events.OfType<QueryEvent>(), q => q.EventType == BinlogEventType.MariaDbQueryCompressed);
        Assert.Equal([1, 1, 2, 1], events.OfType<RowsEvent>().Select(r => r.Rows.Count));
        var stop = Assert.IsType<StopEvent>(events[^1]);
        Assert.Equal(2324u, stop.Header.LogPosition);
    }

    [Fact]
    public async Task Async_reading_yields_the_same_events()
    {
        var reader = new BinlogFileReader(Fixtures.PathOf("mariadb-minimal-xa.binlog"));
        var expected = reader.ReadEvents().Select(e => (e.EventType, e.Header.LogPosition)).ToList();

        var actual = new List<(BinlogEventType, uint)>();
        await foreach (var e in reader.ReadEventsAsync(TestContext.Current.CancellationToken))
            actual.Add((e.EventType, e.Header.LogPosition));

        Assert.Equal(expected, actual);
        Assert.Equal(BinlogEventType.XaPrepare, actual.Single(e => e.Item2 == 1570).Item1);
        Assert.Equal(1765u, actual[^1].Item2);
    }

    [Fact]
    public void Start_position_returns_the_format_description_then_the_events_from_there()
    {
        // mariadb-basic.binlog: the GTID of the UPDATE transaction starts at 1061.
        var events = new BinlogFileReader(Fixtures.PathOf("mariadb-basic.binlog")).ReadEvents(startPosition: 1061).ToList();

        Assert.IsType<FormatDescriptionEvent>(events[0]);
        Assert.Equal(new MariaDbGtid(0, 3307, 4), Assert.IsType<MariaDbGtidEvent>(events[1]).Gtid);
        Assert.Equal(1103u, events[1].Header.LogPosition);
        Assert.Equal(3103u, events[^1].Header.LogPosition);
    }

    [Fact]
    public async Task Start_position_beyond_the_buffer_seeks()
    {
        var path = Path.Combine(_directory, "big.binlog");
        var file = File.ReadAllBytes(Fixtures.PathOf("mariadb-basic.binlog"));
        File.WriteAllBytes(path, file);

        var events = new List<BinlogEvent>();
        await foreach (var e in new BinlogFileReader(path).ReadEventsAsync(2800, TestContext.Current.CancellationToken))
            events.Add(e);

        Assert.Equal([BinlogEventType.FormatDescription, BinlogEventType.MariaDbGtid, BinlogEventType.IntVar, BinlogEventType.IntVar, BinlogEventType.Query, BinlogEventType.Xid, BinlogEventType.Rotate], events.Select(e => e.EventType));
    }

    [Fact]
    public void Start_position_inside_the_format_description_is_rejected()
    {
        var reader = new BinlogFileReader(Fixtures.PathOf("mariadb-basic.binlog"));

        Assert.Throws<ArgumentOutOfRangeException>(() => reader.ReadEvents(100).ToList());
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.ReadEvents(3));
    }

    [Fact]
    public void Truncated_last_event_throws()
    {
        var path = Path.Combine(_directory, "truncated.binlog");
        var file = File.ReadAllBytes(Fixtures.PathOf("mariadb-basic.binlog"));
        File.WriteAllBytes(path, file[..^10]);

        var seen = new List<BinlogEvent>();
        var ex = Assert.Throws<MySqlDecodingException>(() =>
        {
            foreach (var e in new BinlogFileReader(path).ReadEvents())
                seen.Add(e);
        });

        Assert.Contains("file offset 3054", ex.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3054u, seen[^1].Header.LogPosition);
    }

    [Fact]
    public void Truncated_header_throws()
    {
        var path = Path.Combine(_directory, "header.binlog");
        var file = File.ReadAllBytes(Fixtures.PathOf("mariadb-basic.binlog"));
        File.WriteAllBytes(path, file[..(3054 + 7)]);

        Assert.Throws<MySqlDecodingException>(() => new BinlogFileReader(path).ReadEvents().ToList());
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0xFE, 0x62 })]
    [InlineData(new byte[] { 0xFE, 0x62, 0x69, 0x6F, 0, 0, 0, 0 })]
    public void Wrong_magic_throws(byte[] content)
    {
        var path = Path.Combine(_directory, "magic.binlog");
        File.WriteAllBytes(path, content);

        var ex = Assert.Throws<MySqlDecodingException>(() => new BinlogFileReader(path).ReadEvents().ToList());

        Assert.Contains("magic", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Magic_alone_is_an_empty_binlog()
    {
        var path = Path.Combine(_directory, "empty.binlog");
        File.WriteAllBytes(path, [0xFE, 0x62, 0x69, 0x6E]);

        Assert.Empty(new BinlogFileReader(path).ReadEvents());
    }

    [Fact]
    public void Corrupt_event_names_the_file_offset()
    {
        var path = Path.Combine(_directory, "corrupt.binlog");
        var file = File.ReadAllBytes(Fixtures.PathOf("mariadb-basic.binlog"));
        file[1030 + 19] ^= 0xFF; // the first body byte of the XID event at 1030
        File.WriteAllBytes(path, file);

        var ex = Assert.Throws<MySqlDecodingException>(() => new BinlogFileReader(path).ReadEvents().ToList());

        Assert.Contains("file offset 1030", ex.Message, StringComparison.Ordinal);
        Assert.Contains("checksum mismatch", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Event_size_below_the_header_throws()
    {
        var path = Path.Combine(_directory, "size.binlog");
        var file = File.ReadAllBytes(Fixtures.PathOf("mariadb-basic.binlog"));
        BitConverter.TryWriteBytes(file.AsSpan(256 + 9), 5u);
        File.WriteAllBytes(path, file);

        var ex = Assert.Throws<MySqlDecodingException>(() => new BinlogFileReader(path).ReadEvents().ToList());

        Assert.Contains("found 5", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_provider_enriches_table_maps()
    {
        var asked = new List<string>();
        var schema = new TableSchema("shop", "items",
        [
            new("id", "int", "int(11)", null, null, false, "PRI"),
            new("name", "varchar", "varchar(32)", "utf8mb3", "utf8mb3_general_ci", true, ""),
            new("qty", "bigint", "bigint(20) unsigned", null, null, true, ""),
            new("price", "double", "double", null, null, true, ""),
            new("note", "text", "text", "utf8mb3", "utf8mb3_general_ci", true, ""),
        ]);
        var reader = new BinlogFileReader(Fixtures.PathOf("mariadb-basic.binlog"), tableSchemaProvider: map =>
        {
            asked.Add(map.QualifiedName);
            return schema;
        });

        var events = reader.ReadEvents().ToList();

        // Asked once: the later TABLE_MAPs of the table repeat the first byte for byte and share its columns.
        Assert.Equal(["shop.items"], asked);
        Assert.All(events.OfType<RowsEvent>(), rows => Assert.Equal("id", rows.Table.Columns[0].Name));
        var insert = events.OfType<RowsEvent>().First();
        Assert.Equal(["id", "name", "qty", "price", "note"], insert.Table.Columns.Select(c => c.Name));
        Assert.Equal("apple", insert.Rows[0].After![1]);
        Assert.Equal(10UL, insert.Rows[0].After![2]); // unsigned, as the schema says (the binlog does not)
        Assert.Equal("ripe", insert.Rows[1].After![4]); // TEXT in utf8mb3, not bytes
    }

    [Fact]
    public void Events_bigger_than_the_buffer_grow_it()
    {
        // One QUERY event of 3 MiB (the buffer starts at 1 MiB), then a STOP.
        var statement = new string('x', 3 << 20);
        var query = EventBytes.Build(BinlogEventType.Query, EventBytes.Concat(
            EventBytes.U32(1), EventBytes.U32(0), [0], EventBytes.U16(0), EventBytes.U16(0), [0], EventBytes.Ascii(statement)), checksum: true);
        var path = Path.Combine(_directory, "big-event.binlog");
        File.WriteAllBytes(path, EventBytes.Concat(
            [0xFE, 0x62, 0x69, 0x6E],
            EventBytes.MySqlFormatDescription(),
            query,
            EventBytes.Build(BinlogEventType.Stop, [], checksum: true)));

        var events = new BinlogFileReader(path).ReadEvents().ToList();

        Assert.Equal(3, events.Count);
        Assert.Equal(statement, Assert.IsType<QueryEvent>(events[1]).Query);
    }
}
