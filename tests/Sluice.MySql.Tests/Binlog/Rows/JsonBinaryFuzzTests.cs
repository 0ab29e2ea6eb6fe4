using System.Text.Json;
using System.Text.Json.Nodes;
using Sluice.MySql.Binlog.Rows;
using Xunit;

namespace Sluice.MySql.Tests.Binlog.Rows;

/// <summary>
/// Mutates and truncates valid documents many times (seeded, so a failure reproduces) and checks that
/// bad bytes only ever surface as <see cref="MySqlDecodingException"/>, and that whatever does decode is
/// valid JSON text.
/// </summary>
public sealed class JsonBinaryFuzzTests
{
    private static readonly JsonDocumentOptions s_deepJson = new() { MaxDepth = 256 };

    [Fact]
    public void Mutated_documents_throw_only_decoding_exceptions()
    {
        var corpus = Corpus();
        var random = new Random(20240611);
        var decoded = 0;
        var rejected = 0;
        for (var i = 0; i < 60_000; i++)
        {
            var document = Mutate(corpus[random.Next(corpus.Count)], random);
            string text;
            try
            {
                text = JsonBinary.ToJsonText(document);
            }
            catch (MySqlDecodingException)
            {
                rejected++;
                continue;
            }

            decoded++;
            using var _ = JsonDocument.Parse(text, s_deepJson);
        }

        // Both outcomes must occur, or the mutations are not exercising the decoder.
        Assert.True(decoded > 1_000, $"only {decoded} mutated documents decoded");
        Assert.True(rejected > 1_000, $"only {rejected} mutated documents were rejected");
    }

    [Fact]
    public void Every_truncation_of_every_fixture_throws_a_decoding_exception_or_decodes()
    {
        foreach (var document in Corpus())
        {
            for (var length = 0; length < document.Length; length++)
            {
                try
                {
                    JsonBinary.ToJsonText(document.AsSpan(0, length));
                }
                catch (MySqlDecodingException)
                {
                }
            }
        }
    }

    private static List<byte[]> Corpus()
    {
        var corpus = new List<byte[]>();
        foreach (var data in new[] { JsonBinaryTests.Scalars, JsonBinaryTests.Containers, JsonBinaryTests.Opaques })
        {
            foreach (var row in data)
                corpus.Add(JsonBinaryTests.Hex(row.Data.Item1));
        }

        var random = new Random(99);
        for (var i = 0; i < 40; i++)
        {
            var node = new JsonArray(JsonFixtures.RandomNode(random, 0), JsonFixtures.RandomNode(random, 0));
            corpus.Add(JsonBinaryEncoder.Encode(node, large: i % 2 == 0));
        }

        corpus.Add(JsonBinaryTests.NestedArrays(100));
        corpus.Add(JsonBinaryTests.NestedArrays(30, large: true));
        return corpus;
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = new List<byte>(original);
        var mutations = random.Next(1, 4);
        for (var m = 0; m < mutations && bytes.Count > 0; m++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(7))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 2:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 3:
                    bytes.Insert(at, (byte)random.Next(256));
                    break;
                case 4:
                    bytes.RemoveAt(at);
                    break;
                case 5:
                    // Offsets and sizes are where the interesting bounds live: push one to an extreme.
                    bytes[at] = random.Next(2) == 0 ? (byte)0xFF : (byte)0x00;
                    if (at + 1 < bytes.Count)
                        bytes[at + 1] = bytes[at];
                    break;
                default:
                    bytes[at] = (byte)random.Next(0x00, 0x10);
                    break;
            }
        }

        return [.. bytes];
    }
}
