using System.Text.Json.Nodes;

namespace Sluice.Server.Tests.Fuzz;

/// <summary>
/// Seeded random edits of a valid body: values removed, replaced or added, and the text cut or given stray
/// characters. The same seed gives the same requests, so a failure can be replayed.
/// </summary>
internal sealed class RandomMutator(Random random)
{
    private static readonly Func<JsonNode?>[] s_values =
    [
        () => null,
        () => true,
        () => 0,
        () => -1,
        () => long.MaxValue,
        () => ulong.MaxValue,
        () => 1.5e308,
        () => -0.0,
        () => "",
        () => new JsonArray(),
        () => new JsonObject(),
        () => new JsonArray(1, "a", null),
        () => new JsonObject { ["x"] = new JsonObject { ["y"] = 1 } },
    ];

    private static readonly char[] s_strayCharacters = ['{', '}', '[', ']', '"', ',', ':', '\\', '\0', 'x', '1', '\u00e9', '\u2028'];

    public Random Random { get; } = random;

    public (string Body, string Description) Mutate(JsonNode valid)
    {
        var body = valid.DeepClone();
        var steps = new List<string>();
        var count = Random.Next(1, 4);
        for (var i = 0; i < count; i++)
        {
            var paths = JsonMutations.ValuePaths(body);
            switch (Random.Next(4))
            {
                case 0 when paths.Count > 0:
                    var removed = paths[Random.Next(paths.Count)];
                    body = JsonMutations.Without(body, removed);
                    steps.Add($"removing {string.Join('.', removed)}");
                    break;
                case 1 when paths.Count > 0:
                    var replaced = paths[Random.Next(paths.Count)];
                    body = JsonMutations.With(body, replaced, Value());
                    steps.Add($"replacing {string.Join('.', replaced)}");
                    break;
                case 2:
                    var objects = JsonMutations.ObjectPaths(body);
                    var target = objects[Random.Next(objects.Count)];
                    var name = Random.Next(3) == 0 ? "source_name" : Name();
                    body = JsonMutations.Adding(body, target, name, Value());
                    steps.Add($"adding {name} to {string.Join('.', target)}");
                    break;
                default:
                    if (paths.Count > 0)
                    {
                        var renamed = paths[Random.Next(paths.Count)];
                        body = JsonMutations.With(body, renamed, Name());
                        steps.Add($"a hostile string at {string.Join('.', renamed)}");
                    }

                    break;
            }
        }

        var text = body.ToJsonString();
        switch (Random.Next(6))
        {
            case 0:
                var cut = Random.Next(text.Length);
                text = text[..cut];
                steps.Add($"cutting the text at {cut}");
                break;
            case 1:
                var at = Random.Next(text.Length + 1);
                var stray = s_strayCharacters[Random.Next(s_strayCharacters.Length)];
                text = text.Insert(at, stray.ToString());
                steps.Add($"inserting U+{(int)stray:X4} at {at}");
                break;
            default:
                break;
        }

        return (text, string.Join(", ", steps));
    }

    private JsonNode? Value() => Random.Next(3) == 0 ? JsonValue.Create(Name()) : s_values[Random.Next(s_values.Length)]();

    private string Name() => JsonMutations.HostileNames[Random.Next(JsonMutations.HostileNames.Length)];
}
