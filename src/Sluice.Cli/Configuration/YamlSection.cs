using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sluice.Cli.Configuration;

/// <summary>
/// One YAML mapping of a DM configuration file, read key by key. Every getter remembers the key it was asked for, so
/// that <see cref="Finish"/> can refuse any other key the way DM's strict decoding (yaml.v2 <c>UnmarshalStrict</c>)
/// does, and every bad value is reported with the key's path and line.
/// </summary>
/// <remarks>
/// Values follow yaml.v2 as DM uses it: an empty value, <c>~</c> or <c>null</c> is the same as leaving the key out;
/// any scalar can be read as a string (<c>password: 123456</c>); booleans are YAML 1.1's true/false/yes/no/on/off.
/// </remarks>
internal sealed class YamlSection
{
    private const string MergeKey = "<<";

    private readonly Dictionary<string, Entry> _entries;
    private readonly HashSet<string> _asked = new(StringComparer.Ordinal);
    private readonly int _line;

    private YamlSection(YamlMappingNode node, string path, string? origin, int line)
    {
        Path = path;
        Origin = origin;
        _line = line;
        _entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        YamlNode? merge = null;
        foreach (var (keyNode, value) in node.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key } scalarKey)
            {
                throw new TaskConfigException(origin, path, LineOf(keyNode), "a key must be a plain name, not a list or a mapping");
            }

            if (key == MergeKey && scalarKey.Style is ScalarStyle.Plain or ScalarStyle.Any)
            {
                merge = value;
                continue;
            }

            // YamlDotNet refuses repeated keys itself (even "a" next to a); this keeps a change there from surfacing as an ArgumentException.
            if (!_entries.TryAdd(key, new Entry(value, LineOf(keyNode))))
            {
                throw new TaskConfigException(origin, Join(path, key), LineOf(keyNode), $"the key appears twice (first on line {_entries[key].Line})");
            }
        }

        if (merge is not null)
        {
            Merge(merge);
        }
    }

    /// <summary>Path of this mapping from the document root (<c>mysql-instances[0]</c>); empty for the root.</summary>
    public string Path { get; }

    /// <summary>The file name used in messages, if the caller gave one.</summary>
    public string? Origin { get; }

    /// <summary>Parses one YAML document whose root is a mapping.</summary>
    public static YamlSection LoadDocument(string yaml, string? origin)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new TaskConfigException(origin, string.Empty, (int)ex.Start.Line, $"not valid YAML: {PlainMessage(ex)}", ex);
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet's scanner fails this way on some malformed input, such as a flow list left open.
            throw new TaskConfigException(origin, string.Empty, 0, "not valid YAML: the parser could not read it (is a [ or { left open?)", ex);
        }

        if (stream.Documents.Count == 0)
        {
            throw new TaskConfigException(origin, string.Empty, 0, "the file is empty");
        }

        if (stream.Documents.Count > 1)
        {
            throw new TaskConfigException(origin, string.Empty, LineOf(stream.Documents[1].RootNode), "the file holds more than one YAML document; give one per file");
        }

        var root = stream.Documents[0].RootNode;
        if (IsNull(root))
        {
            throw new TaskConfigException(origin, string.Empty, 0, "the file is empty");
        }

        return root is YamlMappingNode mapping
            ? new YamlSection(mapping, string.Empty, origin, LineOf(root))
            : throw new TaskConfigException(origin, string.Empty, LineOf(root), $"expected a mapping of keys at the top, found {Describe(root)}");
    }

    public string PathOf(string key) => Join(Path, key);

    /// <summary>An error about <paramref name="key"/> of this mapping, placed at the key's line.</summary>
    public TaskConfigException Error(string key, string problem) =>
        new(Origin, PathOf(key), _entries.TryGetValue(key, out var entry) ? entry.Line : _line, problem);

    /// <summary>An error about the item at <paramref name="index"/> of the list under <paramref name="key"/>.</summary>
    public TaskConfigException Error(string key, int index, string problem) =>
        new(Origin, $"{PathOf(key)}[{index}]", _entries.TryGetValue(key, out var entry) ? ItemLine(entry.Value, index, entry.Line) : _line, problem);

    /// <summary>An error about this mapping as a whole.</summary>
    public TaskConfigException Error(string problem) => new(Origin, Path, _line, problem);

    /// <summary>Whether the key is given with a non-null value.</summary>
    public bool Has(string key) => Find(key) is not null;

    public string? String(string key) => Find(key) is { } node ? Scalar(key, node) : null;

    public long? Long(string key)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error(key, $"expected a whole number, found '{text}'");
    }

    public int? Int(string key)
    {
        var value = Long(key);
        return value is null or (>= int.MinValue and <= int.MaxValue)
            ? (int?)value
            : throw Error(key, $"{value} is too large");
    }

    public bool? Bool(string key)
    {
        var text = String(key);
        return text?.ToUpperInvariant() switch
        {
            null => null,
            "TRUE" or "YES" or "Y" or "ON" => true,
            "FALSE" or "NO" or "N" or "OFF" => false,
            _ => throw Error(key, $"expected true or false, found '{text}'"),
        };
    }

    /// <summary>A list of plain values (<c>[a, b]</c> or one <c>- a</c> per line); null when the key is absent.</summary>
    public IReadOnlyList<string>? StringList(string key)
    {
        if (Find(key) is not { } node)
        {
            return null;
        }

        if (node is not YamlSequenceNode sequence)
        {
            throw Error(key, $"expected a list, found {Describe(node)}");
        }

        var items = new List<string>(sequence.Children.Count);
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var item = sequence.Children[i];
            items.Add(item is YamlScalarNode { Value: { } value } && !IsNull(item)
                ? value
                : throw new TaskConfigException(Origin, $"{PathOf(key)}[{i}]", LineOf(item), $"expected a plain value, found {Describe(item)}"));
        }

        return items;
    }

    /// <summary>A nested mapping; null when the key is absent.</summary>
    public YamlSection? Section(string key) => Find(key) is { } node ? AsSection(node, PathOf(key), _entries[key].Line) : null;

    /// <summary>A list of mappings (<c>mysql-instances</c>, <c>do-tables</c>); null when the key is absent.</summary>
    public IReadOnlyList<YamlSection>? SectionList(string key)
    {
        if (Find(key) is not { } node)
        {
            return null;
        }

        if (node is not YamlSequenceNode sequence)
        {
            throw Error(key, $"expected a list, found {Describe(node)}");
        }

        var sections = new List<YamlSection>(sequence.Children.Count);
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            sections.Add(AsSection(sequence.Children[i], $"{PathOf(key)}[{i}]", LineOf(sequence.Children[i])));
        }

        return sections;
    }

    /// <summary>
    /// A mapping of rule names to rule bodies (<c>routes</c>, <c>mydumpers</c>, ...), in file order. A name with no body
    /// (<c>global:</c>) reads as an empty rule, as in DM.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, YamlSection>>? NamedSections(string key)
    {
        var outer = Section(key);
        if (outer is null)
        {
            return null;
        }

        var named = new List<KeyValuePair<string, YamlSection>>(outer._entries.Count);
        foreach (var (name, entry) in outer._entries)
        {
            outer._asked.Add(name);
            named.Add(new(name, AsSection(entry.Value, outer.PathOf(name), entry.Line)));
        }

        return named;
    }

    /// <summary>
    /// Refuses any key that was neither read nor listed in <paramref name="notActedOn"/> (DM keys Sluice accepts
    /// without acting on them yet), suggesting the closest known key for a likely typo.
    /// </summary>
    public void Finish(IReadOnlySet<string>? notActedOn = null)
    {
        foreach (var key in _entries.Keys)
        {
            if (_asked.Contains(key) || notActedOn?.Contains(key) == true)
            {
                continue;
            }

            var known = notActedOn is null ? _asked : _asked.Concat(notActedOn);
            var suggestion = KeySuggestion.Closest(key, known);
            var where = Path.Length == 0 ? "at the top level" : $"in {Path}";
            throw Error(key, suggestion is null
                ? $"unknown key '{key}' {where}"
                : $"unknown key '{key}' {where}; did you mean '{suggestion}'?");
        }
    }

    // YAML merge keys (<<: *anchor, or a list of anchors) as yaml.v2 reads them: the mapping's own keys win, then
    // the merged mappings in the order listed. https://yaml.org/type/merge.html
    private void Merge(YamlNode merge)
    {
        IEnumerable<YamlNode> sources = merge is YamlSequenceNode list ? list.Children : [merge];
        foreach (var source in sources)
        {
            if (source is not YamlMappingNode mapping)
            {
                throw new TaskConfigException(Origin, PathOf(MergeKey), LineOf(source), $"a merge key takes a mapping or a list of mappings, found {Describe(source)}");
            }

            foreach (var (key, entry) in new YamlSection(mapping, Path, Origin, LineOf(mapping))._entries)
            {
                _entries.TryAdd(key, entry);
            }
        }
    }

    private YamlNode? Find(string key)
    {
        _asked.Add(key);
        return _entries.TryGetValue(key, out var entry) && !IsNull(entry.Value) ? entry.Value : null;
    }

    private string Scalar(string key, YamlNode node) =>
        node is YamlScalarNode { Value: { } value } ? value : throw Error(key, $"expected a single value, found {Describe(node)}");

    private YamlSection AsSection(YamlNode node, string path, int line) => node switch
    {
        YamlMappingNode mapping => new YamlSection(mapping, path, Origin, LineOf(node) is > 0 and var own ? own : line),
        _ when IsNull(node) => new YamlSection(new YamlMappingNode(), path, Origin, line),
        _ => throw new TaskConfigException(Origin, path, LineOf(node), $"expected a mapping of keys, found {Describe(node)}"),
    };

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode scalar when IsNull(scalar) => "nothing",
        YamlScalarNode scalar => $"'{scalar.Value}'",
        _ => "an alias",
    };

    private static int LineOf(YamlNode node) => (int)node.Start.Line;

    private static int ItemLine(YamlNode list, int index, int fallback) =>
        list is YamlSequenceNode sequence && index < sequence.Children.Count ? LineOf(sequence.Children[index]) : fallback;

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    // YamlException's message starts with "(Line: l, Col: c, Idx: i) - (Line: ...): "; the line is reported separately.
    private static string PlainMessage(YamlException ex)
    {
        var message = ex.Message;
        var cut = message.StartsWith('(') ? message.IndexOf("): ", StringComparison.Ordinal) : -1;
        return cut >= 0 ? message[(cut + 3)..] : message;
    }

    private readonly record struct Entry(YamlNode Value, int Line);
}
