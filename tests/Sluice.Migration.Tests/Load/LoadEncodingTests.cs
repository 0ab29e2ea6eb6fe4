using System.Buffers.Binary;
using System.Security.Cryptography;
using Sluice.Migration.Dump;
using Sluice.Testing;
using static Sluice.Migration.Tests.Load.DataFile;

namespace Sluice.Migration.Tests.Load;

/// <summary>Every value the dump format can carry arrives byte for byte in the target.</summary>
public sealed class LoadEncodingTests(MariaDbServers servers)
{
    private const string CreateTable = """
        CREATE TABLE `enc` (
          `id` int(11) NOT NULL AUTO_INCREMENT,
          `t` text CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DEFAULT NULL,
          `l` varchar(50) CHARACTER SET latin1 COLLATE latin1_swedish_ci DEFAULT NULL,
          `b` blob DEFAULT NULL,
          `d` date DEFAULT NULL,
          `dt` datetime DEFAULT NULL,
          `ts` timestamp NULL DEFAULT NULL,
          `bits` bit(10) DEFAULT NULL,
          `g` geometry DEFAULT NULL,
          `n` varchar(10) DEFAULT NULL,
          PRIMARY KEY (`id`)
        ) ENGINE=InnoDB AUTO_INCREMENT=42 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci
        """;

    private static readonly string[] Columns =
        ["id", "t", "l", "b", "d", "dt", "ts", "bits:" + ColumnEncoding.BitInteger, "g:" + ColumnEncoding.GeometryHex, "n"];

    [Fact]
    public async Task Every_escape_null_zero_date_bit_geometry_and_charset_arrive_as_written()
    {
        var everyEscape = T("a\tb\nc\rd\\e\0f\u001Ag\\N");
        var latin1 = new byte[] { 0xE9, 0x20, 0xFC, 0x5C, 0x09 }; // é, space, ü, backslash, tab in latin1
        var allBytes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var point = Geometry(4326, 1.5, -2.25);
        var origin = Geometry(0, 3, 4);
        using var dump = new DumpBuilder("enc-src").Schema("ld_enc_src").Table("ld_enc_src", "enc", CreateTable, Columns,
            [
                [T("1"), everyEscape, latin1, allBytes, T("0000-00-00"), T("0000-00-00 00:00:00"), T("2024-01-01 00:00:00"), T("5"), T(Convert.ToHexString(point)), null],
                [T("2"), T("😀 ü"), T("plain"), [0, 0, 0], T("2024-02-29"), T("2020-01-00 12:34:56"), null, T("1023"), null, T("\\N")],
            ],
            [
                // id 0 stays 0 even with a SET clause in the statement (BIT and GEOMETRY need one).
                [T("0"), [], [], [], T("1000-01-01"), T("9999-12-31 23:59:59"), T("1970-01-01 00:00:01"), T("0"), T(Convert.ToHexString(origin)), T("N")],
            ]);
        var task = LoadKit.Task(servers.Target, "ld_enc", dump.SourceId);

        await LoadKit.LoadAsync(task, dump.SourceId, dump.Finish(), _ => "ld_enc");

        var rows = await LoadKit.RowsAsync(servers.Target, """
            SELECT id, HEX(t), HEX(l), HEX(b), CAST(d AS CHAR), CAST(dt AS CHAR), UNIX_TIMESTAMP(ts),
                   bits + 0, HEX(g), ST_SRID(g), ST_AsText(g), n IS NULL, HEX(n)
            FROM ld_enc.enc ORDER BY id
            """);
        Assert.Equal(
            [
                $"0||||1000-01-01|9999-12-31 23:59:59|1|0|{Convert.ToHexString(origin)}|0|POINT(3 4)|0|4E",
                $"1|{Hex(everyEscape)}|{Hex(latin1)}|{Hex(allBytes)}|0000-00-00|0000-00-00 00:00:00|1704067200|5|{Convert.ToHexString(point)}|4326|POINT(1.5 -2.25)|1|NULL",
                $"2|{Hex(T("😀 ü"))}|{Hex(T("plain"))}|000000|2024-02-29|2020-01-00 12:34:56|NULL|1023|NULL|NULL|NULL|0|5C4E",
            ],
            rows);
        // The latin1 bytes are latin1 text in the target, not reinterpreted.
        Assert.Equal("é ü\\\t", await servers.Target.ScalarAsync("SELECT CONVERT(l USING utf8mb4) FROM ld_enc.enc WHERE id = 1", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_17_MiB_value_full_of_bytes_to_escape_arrives_whole()
    {
        var big = new byte[17 * 1024 * 1024 + 3];
        new Random(17).NextBytes(big);
        big[0] = 0;
        big[1] = (byte)'\\';
        big[^1] = (byte)'\n';
        using var dump = new DumpBuilder("big-src").Schema("ld_big_src").Table("ld_big_src", "big",
            "CREATE TABLE `big` (\n  `id` int NOT NULL,\n  `v` longblob,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB",
            ["id", "v"],
            [[T("1"), big], [T("2"), T("small")]]);
        var task = LoadKit.Task(servers.Target, "ld_big", dump.SourceId);

        await LoadKit.LoadAsync(task, dump.SourceId, dump.Finish(), _ => "ld_big");

        Assert.Equal(
            [$"1|{big.Length}|{Convert.ToHexStringLower(SHA256.HashData(big))}", "2|5|" + Convert.ToHexStringLower(SHA256.HashData(T("small")))],
            await LoadKit.RowsAsync(servers.Target, "SELECT id, LENGTH(v), SHA2(v, 256) FROM ld_big.big ORDER BY id"));
    }

    [Fact]
    public async Task Names_that_need_quoting_load_into_their_routed_tables()
    {
        using var dump = new DumpBuilder("names-src")
            .Schema("ld.names src")
            .Table("ld.names src", "order", "CREATE TABLE `order` (\n  `key` int NOT NULL,\n  `select` varchar(10) DEFAULT NULL,\n  PRIMARY KEY (`key`)\n)",
                ["key", "select"], [[T("1"), T("from")]])
            .Table("ld.names src", "we`ird.t", "CREATE TABLE `we``ird.t` (\n  `a``b` int NOT NULL,\n  `bit col` bit(1) DEFAULT NULL\n)",
                ["a`b", "bit col:" + ColumnEncoding.BitInteger], [[T("7"), T("1")]]);
        var task = LoadKit.Task(servers.Target, "ld_names", dump.SourceId);

        await LoadKit.LoadAsync(task, dump.SourceId, dump.Finish(), _ => "ld_names`x");

        Assert.Equal(["1|from"], await LoadKit.RowsAsync(servers.Target, "SELECT `key`, `select` FROM `ld_names``x`.`order`"));
        Assert.Equal(["7|1"], await LoadKit.RowsAsync(servers.Target, "SELECT `a``b`, `bit col` + 0 FROM `ld_names``x`.`we``ird.t`"));
    }

    [Fact]
    public async Task The_target_schema_takes_the_source_schema_character_set()
    {
        using var dump = new DumpBuilder("cs-src").Schema("ld_cs_src", "latin1", "latin1_german1_ci");
        var task = LoadKit.Task(servers.Target, "ld_cs", dump.SourceId);

        await LoadKit.LoadAsync(task, dump.SourceId, dump.Finish(), _ => "ld_cs");

        Assert.Equal(
            ["latin1|latin1_german1_ci"],
            await LoadKit.RowsAsync(servers.Target,
                "SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = 'ld_cs'"));
        Assert.True(await Sluice.Migration.Load.Loader.IsFinishedAsync(task, dump.SourceId, TestContext.Current.CancellationToken));
    }

    /// <summary>The server's geometry bytes for a point: SRID (little-endian), then WKB (little-endian point).</summary>
    private static byte[] Geometry(uint srid, double x, double y)
    {
        var bytes = new byte[4 + 1 + 4 + 16];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, srid);
        bytes[4] = 1;
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(5), 1);
        BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(9), x);
        BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(17), y);
        return bytes;
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes);
}
