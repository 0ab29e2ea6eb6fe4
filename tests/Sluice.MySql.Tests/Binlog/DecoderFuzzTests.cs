using System.Buffers.Binary;
using Sluice.MySql.Binlog;
using Sluice.MySql.Binlog.Rows;
using Sluice.MySql.Protocol;
using static Sluice.MySql.Tests.Binlog.EventBytes;

namespace Sluice.MySql.Tests.Binlog;

/// <summary>
/// Mutates every fixture event (bit flips, byte replacements, truncations, length fields, random bytes) with a
/// seeded Random and decodes the result: each must decode or throw <see cref="MySqlDecodingException"/>, nothing else.
/// </summary>
public sealed class DecoderFuzzTests
{
    private const int Iterations = 100_000;
    private const int Seed = 20_251_125;

    // Values that steer length-encoded integers, NULL markers and flags into their edge cases.
    private static readonly byte[] Interesting = [0x00, 0x01, 0x02, 0x7F, 0x80, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE, 0xFF];

    [Fact]
    public async Task Mutated_events_decode_or_throw_decoding_exceptions_only()
    {
        var streams = Corpus();

        // A hang guard, not a timing assertion: the loop takes seconds; minutes means it is stuck.
        var run = Task.Run(() => Fuzz(streams), TestContext.Current.CancellationToken);
        await run.WaitAsync(TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);
    }

    [Fact]
    public void Every_corpus_event_decodes_unmutated()
    {
        foreach (var stream in Corpus())
        {
            var decoder = new BinlogEventDecoder();
            foreach (var bytes in stream)
                decoder.Decode(bytes);
        }
    }

    private static void Fuzz(List<byte[][]> streams)
    {
        var random = new Random(Seed);
        var warm = new Dictionary<(int, bool), BinlogEventDecoder>();
        var decodedCount = 0;
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            // Mutated FORMAT_DESCRIPTIONs and TABLE_MAPs that decode change a warm decoder's state; start over now and then.
            if (iteration % 1000 == 0)
                warm.Clear();

            var streamIndex = random.Next(streams.Count);
            var stream = streams[streamIndex];
            var original = stream[random.Next(stream.Length)];

            // Most iterations skip verification, since a mutation almost always breaks the CRC; of the verified
            // ones, half get a recomputed CRC so that they too reach the body.
            var verify = random.Next(10) < 3;
            var mutated = Mutate(original, random, out var mutation);
            if (random.Next(10) < 8)
                FixEventSize(mutated);
            if (verify && random.Next(2) == 0)
                FixChecksum(mutated);

            BinlogEventDecoder decoder;
            var choice = random.Next(10);
            if (choice < 7)
            {
                if (!warm.TryGetValue((streamIndex, verify), out decoder!))
                {
                    decoder = new BinlogEventDecoder(verify);
                    foreach (var bytes in stream)
                        decoder.Decode(bytes);
                    warm[(streamIndex, verify)] = decoder;
                }
            }
            else if (choice < 9)
            {
                decoder = new BinlogEventDecoder(verify);
                decoder.Decode(stream[0]);
            }
            else
            {
                decoder = new BinlogEventDecoder(verify);
            }

            try
            {
                decoder.Decode(mutated);
                decodedCount++;
            }
            catch (MySqlDecodingException)
            {
            }
            catch (Exception ex)
            {
                Assert.Fail($"iteration {iteration} ({mutation} of a type {original[4]} event, verify={verify}): {ex.GetType().Name}: {ex.Message}\n{Convert.ToHexString(mutated)}\n{ex}");
            }
        }

        // Some mutations must leave decodable events, or the fuzzing only ever exercised the first checks.
        Assert.InRange(decodedCount, Iterations / 50, Iterations);
    }

    private static byte[] Mutate(byte[] original, Random random, out string mutation)
    {
        var bytes = (byte[])original.Clone();
        switch (random.Next(7))
        {
            case 0:
                var flips = 1 + random.Next(4);
                for (var i = 0; i < flips; i++)
                {
                    var at = random.Next(bytes.Length);
                    bytes[at] ^= (byte)(1 << random.Next(8));
                }

                mutation = $"{flips} bit flips";
                return bytes;
            case 1:
                var replacements = 1 + random.Next(3);
                for (var i = 0; i < replacements; i++)
                    bytes[BodyOffset(bytes, random)] = Interesting[random.Next(Interesting.Length)];
                mutation = $"{replacements} byte replacements";
                return bytes;
            case 2:
                var length = random.Next(bytes.Length);
                mutation = $"truncation to {length}";
                return bytes[..length];
            case 3:
                // A 2- or 4-byte little-endian length or count somewhere in the body, set to an edge value.
                var width = random.Next(2) == 0 ? 2 : 4;
                var offset = BodyOffset(bytes, random);
                if (offset + width <= bytes.Length)
                {
                    uint value = random.Next(4) switch
                    {
                        0 => 0,
                        1 => uint.MaxValue,
                        2 => (uint)bytes.Length,
                        _ => (uint)random.Next(1 << 16),
                    };
                    for (var i = 0; i < width; i++)
                        bytes[offset + i] = (byte)(value >> (8 * i));
                }

                mutation = $"{width}-byte length at {offset}";
                return bytes;
            case 4:
                var extra = new byte[1 + random.Next(64)];
                random.NextBytes(extra);
                var insertAt = BodyOffset(bytes, random);
                mutation = $"{extra.Length} random bytes inserted at {insertAt}";
                return [.. bytes[..insertAt], .. extra, .. bytes[insertAt..]];
            case 5:
                var start = BodyOffset(bytes, random);
                var count = Math.Min(bytes.Length - start, 1 + random.Next(32));
                random.NextBytes(bytes.AsSpan(start, count));
                mutation = $"{count} random bytes at {start}";
                return bytes;
            default:
                var body = new byte[random.Next(96)];
                random.NextBytes(body);
                mutation = $"random body of {body.Length} bytes";
                return [.. bytes[..BinlogEventHeader.Size], .. body, 0, 0, 0, 0];
        }
    }

    private static int BodyOffset(byte[] bytes, Random random) =>
        bytes.Length <= BinlogEventHeader.Size ? random.Next(bytes.Length) : BinlogEventHeader.Size + random.Next(bytes.Length - BinlogEventHeader.Size);

    private static void FixEventSize(byte[] bytes)
    {
        if (bytes.Length >= BinlogEventHeader.Size)
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(9), (uint)bytes.Length);
    }

    private static void FixChecksum(byte[] bytes)
    {
        if (bytes.Length >= BinlogEventHeader.Size + 4)
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4), Crc32.Compute(bytes.AsSpan(0, bytes.Length - 4)));
    }

    /// <summary>The fixture files' events, and a MySQL 8 stream built by hand, each starting with its FORMAT_DESCRIPTION.</summary>
    private static List<byte[][]> Corpus()
    {
        var streams = Fixtures.All.Select(f => Fixtures.Events(f).ToArray()).ToList();
        var uuid = Hex("3e11fa4771ca11e19e33c80aa9429562");
        streams.Add(
        [
            MySqlFormatDescription(),
            Build(BinlogEventType.Rotate, Concat(U64(4), Ascii("binlog.000002"))),
            Build(BinlogEventType.PreviousGtids, Concat(U64(1), uuid, U64(2), U64(1), U64(101), U64(200), U64(201))),
            Build(BinlogEventType.Gtid, Concat([1], uuid, U64(23), [2], U64(10), U64(11), Hex("40E20100008080"), Hex("00E20100000000"), [0xFC, 0x10, 0x27], Hex("B4380100"))),
            Build(BinlogEventType.AnonymousGtid, Concat([1], new byte[16], U64(0), [2], U64(3), U64(4))),
            Build(BinlogEventType.Query, Concat(U32(7), U32(0), [2], U16(0), U16(12), Hex("00 00000000 04 2100 2100 0800"), Ascii("db"), [0], Ascii("BEGIN"))),
            Build(BinlogEventType.RowsQuery, Concat([5], Ascii("X=1;Y"))),
            Build(BinlogEventType.TableMap, Concat(
                U64(40)[..6], U16(1), [2], Ascii("db"), [0], [1], Ascii("t"), [0],
                [4], [(byte)ColumnType.Long, (byte)ColumnType.VarChar, (byte)ColumnType.String, (byte)ColumnType.NewDecimal],
                [6], U16(80), [0xF7, 0x01], [0x0A, 0x02], [0x0E],
                [1], [1], [0x80], [2], [3], [0x21, 0x00, 0x08], [4], [8], [1, 0x61, 1, 0x62, 1, 0x63, 1, 0x64],
                [6], [3], [1, 1, 0x78], [9], [2], [0, 0], [12], [1], [0xF0])),
            Build(BinlogEventType.WriteRowsV2, Concat(U64(40)[..6], U16(1), U16(4), Hex("0001"), [4], [0x0F],
                [0x00], U32(7), [2], Ascii("hi"), [1], Hex("800000000A"), [0x0E], U32(8))),
            Build(BinlogEventType.UpdateRowsV2, Concat(U64(40)[..6], U16(1), U16(2), [4], [0x01], [0x02], [0], U32(7), [0], [3], Ascii("new"))),
            Build(BinlogEventType.UserVar, Concat(U32(1), Ascii("v"), [0], [0], U32(45), U32(2), Ascii("hi"), [0])),
            Build(BinlogEventType.HeartbeatV2, Concat([1, 13], Ascii("binlog.000041"), [2, 4, 0xFD, 0x15, 0xCD, 0x5B], [0])),
            Build(BinlogEventType.Heartbeat, Ascii("binlog.000041")),
            Build(BinlogEventType.Xid, U64(9)),
            Build(BinlogEventType.TransactionPayload, Hex("0102030405")),
        ]);
        return streams;
    }
}
