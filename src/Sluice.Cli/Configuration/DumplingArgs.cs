using System.Globalization;
using Sluice.Migration;

namespace Sluice.Cli.Configuration;

/// <summary>
/// What Sluice takes from a mydumpers entry's <c>extra-args</c>: DM passes that string to dumpling as command-line
/// options, and DM users set the dump's consistency there (<c>--consistency none</c>). Options override the entry's
/// own keys, as in DM.
/// </summary>
/// <remarks>
/// Split like DM does (on white space, one pair of surrounding quotes trimmed from each word; dm/pkg/dumpling
/// ParseExtraArgs). Options that choose tables or rows (-B, -T, -f, --where, --snapshot) are refused: ignoring them
/// would migrate other data than the user asked for.
/// </remarks>
internal sealed record DumplingArgs
{
    public Consistency? Consistency { get; init; }

    public int? Threads { get; init; }

    public long? Rows { get; init; }

    public long? FileSize { get; init; }

    public static DumplingArgs Parse(string extraArgs, Func<string, Exception> error)
    {
        var words = extraArgs.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(TrimQuotes).ToList();
        Consistency? consistency = null;
        int? threads = null;
        long? rows = null;
        long? fileSize = null;
        var noLocks = false;

        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            var (name, attached) = Split(word);
            if (name is null)
            {
                throw error($"'{word}' is not an option; extra-args holds dumpling options such as --consistency none");
            }

            string Value()
            {
                if (attached is not null)
                {
                    return attached;
                }

                if (i + 1 < words.Count)
                {
                    return words[++i];
                }

                throw error($"{name} needs a value");
            }

            switch (name)
            {
                case "--consistency":
                    var level = Value();
                    consistency = ParseConsistency(level) ?? throw error($"--consistency '{level}' is not one of auto, flush, snapshot, lock, none");
                    break;
                case "--no-locks":
                    noLocks = attached is null || (bool.TryParse(attached, out var flag) ? flag : throw error($"--no-locks={attached} is not true or false"));
                    break;
                case "-t" or "--threads":
                    var t = Value();
                    threads = int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw error($"{name} '{t}' is not a thread count of at least 1");
                    break;
                case "-r" or "--rows":
                    var r = Value();
                    rows = long.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : throw error($"{name} '{r}' is not a row count");
                    break;
                case "-F" or "--filesize":
                    var f = Value();
                    fileSize = ByteSize.TryParse(f, out var size) ? size : throw error($"{name} '{f}' is not a size such as 64MiB");
                    break;
                case "-B" or "--database" or "-T" or "--tables-list" or "-f" or "--filter":
                    throw error($"{name} is not supported yet; choose schemas and tables with block-allow-list");
                case "--where" or "--snapshot":
                    throw error($"{name} is not supported yet: Sluice dumps every row of the chosen tables at one consistent point");
                default:
                    if (!DmKeysNotActedOn.ExtraArgs.TryGetValue(name, out var takesValue))
                    {
                        throw error($"unknown dumpling option '{name}'");
                    }

                    if (takesValue)
                    {
                        _ = Value();
                    }

                    break;
            }
        }

        // dumpling's old --no-locks means --consistency none, and cannot be combined with a locking level.
        if (noLocks)
        {
            if (consistency is null or Migration.Consistency.Auto)
            {
                consistency = Migration.Consistency.None;
            }
            else if (consistency != Migration.Consistency.None)
            {
                throw error("--no-locks cannot be combined with a --consistency other than none");
            }
        }

        return new DumplingArgs { Consistency = consistency, Threads = threads, Rows = rows, FileSize = fileSize };
    }

    public static Consistency? ParseConsistency(string text) => text.ToLowerInvariant() switch
    {
        "auto" => Migration.Consistency.Auto,
        "flush" => Migration.Consistency.Flush,
        "snapshot" => Migration.Consistency.Snapshot,
        "lock" => Migration.Consistency.Lock,
        "none" => Migration.Consistency.None,
        _ => null,
    };

    // "--name=value", "--name", "-x", "-xVALUE" or "-x=VALUE" (pflag's forms); null name for a word that is no option.
    private static (string? Name, string? Attached) Split(string word)
    {
        if (word.StartsWith("--", StringComparison.Ordinal) && word.Length > 2)
        {
            var equals = word.IndexOf('=', StringComparison.Ordinal);
            return equals < 0 ? (word, null) : (word[..equals], word[(equals + 1)..]);
        }

        if (word.Length >= 2 && word[0] == '-' && word[1] != '-')
        {
            return word.Length == 2 ? (word, null) : (word[..2], word[2] == '=' ? word[3..] : word[2..]);
        }

        return (null, null);
    }

    private static string TrimQuotes(string word) =>
        word.Length >= 2 && (word[0], word[^1]) is ('"', '"') or ('\'', '\'') ? word[1..^1] : word;
}
