using System.Text;
using System.Text.Json;

namespace Sluice.Server.Tests.Observability;

/// <summary>A <see cref="TextWriter"/> a server logs to, read back as whole lines while the server goes on writing.</summary>
internal sealed class LogCapture : TextWriter
{
    private readonly Lock _gate = new();
    private readonly StringBuilder _text = new();

    public override Encoding Encoding => Encoding.UTF8;

    public string Text
    {
        get
        {
            lock (_gate)
                return _text.ToString();
        }
    }

    /// <summary>Complete lines written so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            var text = Text;
            var end = text.LastIndexOf('\n');
            return end < 0 ? [] : text[..end].Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        }
    }

    /// <summary>Every line parsed as one JSON object; a line that is not fails the test.</summary>
    public IReadOnlyList<JsonElement> JsonLines => [.. Lines.Select(line =>
    {
        try
        {
            var element = JsonDocument.Parse(line).RootElement;
            Assert.Equal(JsonValueKind.Object, element.ValueKind);
            return element;
        }
        catch (JsonException e)
        {
            Assert.Fail($"log line is not JSON ({e.Message}): {line}");
            throw;
        }
    })];

    public override void Write(char value)
    {
        lock (_gate)
            _text.Append(value);
    }

    public override void Write(string? value)
    {
        lock (_gate)
            _text.Append(value);
    }
}
