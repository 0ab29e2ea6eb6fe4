using System.Globalization;
using System.Text;

namespace Sluice.ChangeFeed.Codecs;

/// <summary>
/// A forward-only JSON writer that escapes strings the way TiCDC's JSON writer (easyjson's <c>jwriter</c>) does, so
/// that consumers comparing bytes see what TiCDC sends: <c>"</c>, <c>\</c>, <c>\n</c>, <c>\r</c>, <c>\t</c> as
/// short escapes, other control characters and the HTML characters <c>&lt; &gt; &amp;</c> as <c>\u00xx</c> (lower-case
/// hex), U+2028 and U+2029 escaped, everything else (non-ASCII included) written as UTF-8.
/// </summary>
/// <remarks>https://github.com/mailru/easyjson/blob/master/jwriter/writer.go (String)</remarks>
internal sealed class GoJsonWriter
{
    private const string HexDigits = "0123456789abcdef";

    private readonly StringBuilder _text = new(256);

    // One entry per open object or array: whether a value has been written in it (a comma goes before the next).
    private readonly Stack<bool> _hasValue = new();
    private bool _afterName;

    public GoJsonWriter StartObject()
    {
        BeforeValue();
        _text.Append('{');
        _hasValue.Push(false);
        return this;
    }

    public GoJsonWriter EndObject()
    {
        _hasValue.Pop();
        _text.Append('}');
        return this;
    }

    public GoJsonWriter StartArray()
    {
        BeforeValue();
        _text.Append('[');
        _hasValue.Push(false);
        return this;
    }

    public GoJsonWriter EndArray()
    {
        _hasValue.Pop();
        _text.Append(']');
        return this;
    }

    public GoJsonWriter Name(string name)
    {
        BeforeValue();
        AppendString(name);
        _text.Append(':');
        _afterName = true;
        return this;
    }

    public GoJsonWriter String(string? value)
    {
        if (value is null)
            return Null();
        BeforeValue();
        AppendString(value);
        return this;
    }

    public GoJsonWriter Null() => Raw("null");

    public GoJsonWriter Bool(bool value) => Raw(value ? "true" : "false");

    public GoJsonWriter Number(long value) => Raw(value.ToString(CultureInfo.InvariantCulture));

    public GoJsonWriter Number(ulong value) => Raw(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>A value already in JSON form (a number's text, <c>null</c>).</summary>
    public GoJsonWriter Raw(string json)
    {
        BeforeValue();
        _text.Append(json);
        return this;
    }

    public byte[] ToUtf8() => Encoding.UTF8.GetBytes(_text.ToString());

    public override string ToString() => _text.ToString();

    private void BeforeValue()
    {
        if (_afterName)
        {
            _afterName = false;
            return;
        }

        if (_hasValue.Count == 0)
            return;
        if (_hasValue.Peek())
            _text.Append(',');
        else
        {
            _hasValue.Pop();
            _hasValue.Push(true);
        }
    }

    private void AppendString(string value)
    {
        _text.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"':
                    _text.Append("\\\"");
                    break;
                case '\\':
                    _text.Append("\\\\");
                    break;
                case '\n':
                    _text.Append("\\n");
                    break;
                case '\r':
                    _text.Append("\\r");
                    break;
                case '\t':
                    _text.Append("\\t");
                    break;
                case < ' ' or '<' or '>' or '&':
                    _text.Append("\\u00").Append(HexDigits[c >> 4]).Append(HexDigits[c & 0xF]);
                    break;
                case '\u2028' or '\u2029':
                    _text.Append("\\u202").Append(HexDigits[c & 0xF]);
                    break;
                default:
                    if (char.IsSurrogate(c))
                    {
                        if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                        {
                            _text.Append(c).Append(value[i + 1]);
                            i++;
                        }
                        else
                        {
                            // A lone surrogate is not UTF-8; Go writes the replacement character for broken text.
                            _text.Append("\\ufffd");
                        }
                    }
                    else
                    {
                        _text.Append(c);
                    }

                    break;
            }
        }

        _text.Append('"');
    }
}
