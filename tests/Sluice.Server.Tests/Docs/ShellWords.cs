using System.Text;

namespace Sluice.Server.Tests.Docs;

/// <summary>
/// Splits a shell snippet into commands and words as bash would for the README's curl commands: backslash-newline
/// continues a line, single quotes are literal, double quotes expand <c>$NAME</c> and <c>${NAME}</c> and honour
/// <c>\" \\ \$</c>, adjacent quoted parts join into one word, and an unquoted newline ends a command. A variable
/// that is not given fails, so a README naming one the demo does not print fails its test.
/// </summary>
internal static class ShellWords
{
    public static IReadOnlyList<IReadOnlyList<string>> Split(string text, IReadOnlyDictionary<string, string> variables)
    {
        var commands = new List<IReadOnlyList<string>>();
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        var i = 0;

        void EndWord()
        {
            if (inWord)
                words.Add(word.ToString());
            word.Clear();
            inWord = false;
        }

        void EndCommand()
        {
            EndWord();
            if (words.Count > 0)
                commands.Add(words.ToArray());
            words.Clear();
        }

        while (i < text.Length)
        {
            var c = text[i];
            switch (c)
            {
                case '\\' when i + 1 < text.Length && text[i + 1] == '\n':
                    i += 2;
                    break;
                case '\\' when i + 1 < text.Length:
                    word.Append(text[i + 1]);
                    inWord = true;
                    i += 2;
                    break;
                case '\n':
                    EndCommand();
                    i++;
                    break;
                case ' ' or '\t' or '\r':
                    EndWord();
                    i++;
                    break;
                case '\'':
                    var close = text.IndexOf('\'', i + 1);
                    if (close < 0)
                        throw new FormatException($"unterminated single quote at offset {i}");
                    word.Append(text, i + 1, close - i - 1);
                    inWord = true;
                    i = close + 1;
                    break;
                case '"':
                    i = DoubleQuoted(text, i + 1, word, variables);
                    inWord = true;
                    break;
                case '$':
                    i = Variable(text, i + 1, word, variables);
                    inWord = true;
                    break;
                case '#' when !inWord:
                    var end = text.IndexOf('\n', i);
                    i = end < 0 ? text.Length : end;
                    break;
                case ';' or '|' or '&' or '<' or '>' or '`' or '(' or ')':
                    throw new FormatException($"'{c}' at offset {i}: only simple commands are understood");
                default:
                    word.Append(c);
                    inWord = true;
                    i++;
                    break;
            }
        }

        EndCommand();
        return commands;
    }

    /// <summary>Reads up to the closing double quote; returns the offset after it.</summary>
    private static int DoubleQuoted(string text, int i, StringBuilder word, IReadOnlyDictionary<string, string> variables)
    {
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"')
                return i + 1;
            if (c == '\\' && i + 1 < text.Length && text[i + 1] is '"' or '\\' or '$' or '`')
            {
                word.Append(text[i + 1]);
                i += 2;
            }
            else if (c == '\\' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i += 2;
            }
            else if (c == '$')
            {
                i = Variable(text, i + 1, word, variables);
            }
            else if (c == '`')
            {
                throw new FormatException($"command substitution at offset {i} is not understood");
            }
            else
            {
                word.Append(c);
                i++;
            }
        }

        throw new FormatException("unterminated double quote");
    }

    /// <summary>Expands <c>NAME</c> or <c>{NAME}</c> after a <c>$</c>; returns the offset after it.</summary>
    private static int Variable(string text, int i, StringBuilder word, IReadOnlyDictionary<string, string> variables)
    {
        var braced = i < text.Length && text[i] == '{';
        var start = braced ? i + 1 : i;
        var end = start;
        while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_'))
            end++;
        if (end == start || (braced && (end >= text.Length || text[end] != '}')))
            throw new FormatException($"'$' at offset {i - 1} is not a plain variable");
        var name = text[start..end];
        if (!variables.TryGetValue(name, out var value))
            throw new FormatException($"${name} is not one of the variables given ({string.Join(", ", variables.Keys)})");
        word.Append(value);
        return braced ? end + 1 : end;
    }
}
