using System.Buffers;
using System.Globalization;
using System.Text;

namespace Sluice.ChangeFeed.Codecs;

/// <summary>
/// A forward-only JSON writer that escapes strings the way TiCDC's JSON writer (easyjson's <c>jwriter</c>) does, so
/// that consumers comparing bytes see what TiCDC sends: <c>"</c>, <c>\</c>, <c>\n</c>, <c>\r</c>, <c>\t</c> as
/// short escapes, other control characters and the HTML characters <c>&lt; &gt; &amp;</c> as <c>\u00xx</c> (lower-case
/// hex), U+2028 and U+2029 escaped, everything else (non-ASCII included) written as UTF-8.
/// </summary>
/// <remarks>
/// https://github.com/mailru/easyjson/blob/master/jwriter/writer.go (String). It writes UTF-8 straight into one
/// growing buffer, and copies runs of characters that need no escape at once: encoding is on every row's path.
/// </remarks>
internal sealed class GoJsonWriter
{
    private const string HexDigits = "0123456789abcdef";

    // What a string cannot hold as is: control characters, the short escapes, the HTML characters, U+2028/9, and
    // surrogates (a pair is copied as is, a lone one becomes \ufffd, so both go the slow way).
    private static readonly SearchValues<char> Special = SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x20).Select(i => (char)i)) + "\"\\<>&\u2028\u2029"
        + string.Concat(Enumerable.Range(0xD800, 0x800).Select(i => (char)i)));

    private byte[] _buffer;
    private int _length;

    // Whether a value has been written in each open object or array (a comma goes before the next).
    private bool[] _hasValue = new bool[8];
    private int _depth;
    private bool _afterName;

    public GoJsonWriter(int capacity = 256) => _buffer = new byte[Math.Max(16, capacity)];

    /// <summary>The UTF-8 of <c>"name":</c>, for names written again and again (<see cref="Name(byte[])"/>).</summary>
    public static byte[] EncodeName(string name) => new GoJsonWriter(name.Length + 8).Name(name).ToUtf8();

    /// <summary>The UTF-8 of a JSON string value, for values written again and again (<see cref="Raw(byte[])"/>).</summary>
    public static byte[] EncodeString(string value) => new GoJsonWriter(value.Length + 8).String(value).ToUtf8();

    public GoJsonWriter StartObject()
    {
        BeforeValue();
        Append((byte)'{');
        Push();
        return this;
    }

    public GoJsonWriter EndObject()
    {
        _depth--;
        Append((byte)'}');
        return this;
    }

    public GoJsonWriter StartArray()
    {
        BeforeValue();
        Append((byte)'[');
        Push();
        return this;
    }

    public GoJsonWriter EndArray()
    {
        _depth--;
        Append((byte)']');
        return this;
    }

    public GoJsonWriter Name(string name)
    {
        BeforeValue();
        AppendString(name);
        Append((byte)':');
        _afterName = true;
        return this;
    }

    /// <summary>A name already encoded by <see cref="EncodeName"/> (quoted, escaped, with its colon).</summary>
    public GoJsonWriter Name(byte[] encodedName)
    {
        BeforeValue();
        Append(encodedName);
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

    public GoJsonWriter Null() => Raw("null"u8);

    public GoJsonWriter Bool(bool value) => Raw(value ? "true"u8 : "false"u8);

    public GoJsonWriter Number(long value)
    {
        BeforeValue();
        Ensure(20);
        value.TryFormat(_buffer.AsSpan(_length), out var written, default, CultureInfo.InvariantCulture);
        _length += written;
        return this;
    }

    public GoJsonWriter Number(ulong value)
    {
        BeforeValue();
        Ensure(20);
        value.TryFormat(_buffer.AsSpan(_length), out var written, default, CultureInfo.InvariantCulture);
        _length += written;
        return this;
    }

    /// <summary>A value already in JSON form (a number's text, <c>null</c>).</summary>
    public GoJsonWriter Raw(string json)
    {
        BeforeValue();
        AppendUtf8(json);
        return this;
    }

    /// <summary>A value already in JSON form, as UTF-8 (a cached object, array or string).</summary>
    public GoJsonWriter Raw(ReadOnlySpan<byte> json)
    {
        BeforeValue();
        Append(json);
        return this;
    }

    /// <inheritdoc cref="Raw(ReadOnlySpan{byte})"/>
    public GoJsonWriter Raw(byte[] json) => Raw(json.AsSpan());

    public byte[] ToUtf8() => _buffer.AsSpan(0, _length).ToArray();

    public override string ToString() => Encoding.UTF8.GetString(_buffer, 0, _length);

    private void Push()
    {
        if (_depth == _hasValue.Length)
            Array.Resize(ref _hasValue, _depth * 2);
        _hasValue[_depth++] = false;
    }

    private void BeforeValue()
    {
        if (_afterName)
        {
            _afterName = false;
            return;
        }

        if (_depth == 0)
            return;
        if (_hasValue[_depth - 1])
            Append((byte)',');
        else
            _hasValue[_depth - 1] = true;
    }

    private void Ensure(int more)
    {
        if (_length + more > _buffer.Length)
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + more));
    }

    private void Append(byte b)
    {
        if (_length == _buffer.Length)
            Ensure(1);
        _buffer[_length++] = b;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    private void AppendUtf8(ReadOnlySpan<char> text)
    {
        Ensure(Encoding.UTF8.GetMaxByteCount(text.Length));
        _length += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_length));
    }

    private void AppendString(string value)
    {
        Append((byte)'"');
        var rest = value.AsSpan();
        while (true)
        {
            var special = rest.IndexOfAny(Special);
            if (special < 0)
            {
                AppendUtf8(rest);
                break;
            }

            AppendUtf8(rest[..special]);
            var c = rest[special];
            var used = 1;
            switch (c)
            {
                case '"':
                    Append("\\\""u8);
                    break;
                case '\\':
                    Append("\\\\"u8);
                    break;
                case '\n':
                    Append("\\n"u8);
                    break;
                case '\r':
                    Append("\\r"u8);
                    break;
                case '\t':
                    Append("\\t"u8);
                    break;
                case < ' ' or '<' or '>' or '&':
                    Append("\\u00"u8);
                    Append((byte)HexDigits[c >> 4]);
                    Append((byte)HexDigits[c & 0xF]);
                    break;
                case '\u2028' or '\u2029':
                    Append("\\u202"u8);
                    Append((byte)HexDigits[c & 0xF]);
                    break;
                default:
                    if (char.IsHighSurrogate(c) && special + 1 < rest.Length && char.IsLowSurrogate(rest[special + 1]))
                    {
                        AppendUtf8(rest.Slice(special, 2));
                        used = 2;
                    }
                    else
                    {
                        // A lone surrogate is not UTF-8; Go writes the replacement character for broken text.
                        Append("\\ufffd"u8);
                    }

                    break;
            }

            rest = rest[(special + used)..];
        }

        Append((byte)'"');
    }
}
