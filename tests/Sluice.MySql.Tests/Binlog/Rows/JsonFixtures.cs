using System.Text.Json.Nodes;

namespace Sluice.MySql.Tests.Binlog.Rows;

/// <summary>Random JSON trees for the binary JSON round-trip and fuzz tests.</summary>
internal static class JsonFixtures
{
    private static readonly string[] s_strings = ["", "a", "key", "é", "日本語", "tab\there", "quote\"back\\slash", "\u0001\u001f", "😀", "line\nbreak"];

    public static JsonNode? RandomNode(Random random, int depth)
    {
        var kind = random.Next(depth >= 4 ? 8 : 10);
        switch (kind)
        {
            case 0:
                return null;
            case 1:
                return JsonValue.Create(random.Next(2) == 0);
            case 2:
                return JsonValue.Create(random.Next(short.MinValue, short.MaxValue + 1));
            case 3:
                return JsonValue.Create(random.NextInt64(long.MinValue, long.MaxValue));
            case 4:
                return JsonValue.Create((ulong)random.NextInt64() + (ulong)long.MaxValue);
            case 5:
                return JsonValue.Create(Math.Round((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-20, 20)), random.Next(0, 5)) + 0.25);
            case 6:
                return JsonValue.Create(s_strings[random.Next(s_strings.Length)] + new string('x', random.Next(0, random.Next(2) == 0 ? 3 : 300)));
            case 7:
                return JsonValue.Create(random.Next(int.MinValue, int.MaxValue));
            case 8:
            {
                var array = new JsonArray();
                var count = random.Next(0, 6);
                for (var i = 0; i < count; i++)
                    array.Add(RandomNode(random, depth + 1));
                return array;
            }

            default:
            {
                var obj = new JsonObject();
                var count = random.Next(0, 6);
                for (var i = 0; i < count; i++)
                    obj[$"{s_strings[random.Next(s_strings.Length)]}{i}"] = RandomNode(random, depth + 1);
                return obj;
            }
        }
    }
}
