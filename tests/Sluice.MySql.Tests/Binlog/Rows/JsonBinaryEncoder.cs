using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sluice.MySql.Tests.Binlog.Rows;

/// <summary>
/// Test-only writer of MySQL binary JSON, following json_binary.h the way MySQL's serializer lays a
/// document out (header, then keys, then values; literals and small integers inlined). It is checked
/// against the hand-built fixtures in <see cref="JsonBinaryTests"/> so it can be trusted to build the
/// larger documents that would be tedious to write byte by byte.
/// </summary>
internal static class JsonBinaryEncoder
{
    public static byte[] Encode(JsonNode? node, bool large = false)
    {
        var (type, payload) = EncodeValue(node, large);
        return [type, .. payload];
    }

    private static (byte Type, byte[] Payload) EncodeValue(JsonNode? node, bool large)
    {
        switch (node)
        {
            case null:
                return (0x04, [0x00]);
            case JsonObject obj:
                return (large ? (byte)0x01 : (byte)0x00, Container([.. obj.Select(p => (p.Key, p.Value))], isObject: true, large));
            case JsonArray array:
                return (large ? (byte)0x03 : (byte)0x02, Container([.. array.Select(v => ((string?)null, v))], isObject: false, large));
            case JsonValue value:
                return EncodeScalar(value);
            default:
                throw new ArgumentException($"unsupported node {node.GetType()}", nameof(node));
        }
    }

    private static (byte Type, byte[] Payload) EncodeScalar(JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.True:
                return (0x04, [0x01]);
            case JsonValueKind.False:
                return (0x04, [0x02]);
            case JsonValueKind.Null:
                return (0x04, [0x00]);
            case JsonValueKind.String:
                var utf8 = Encoding.UTF8.GetBytes(value.GetValue<string>());
                return (0x0C, [.. VariableLength(utf8.Length), .. utf8]);
            case JsonValueKind.Number:
                var text = value.ToJsonString();
                if (!text.Contains('.', StringComparison.Ordinal) && !text.Contains('e', StringComparison.OrdinalIgnoreCase))
                {
                    if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
                    {
                        if (integer is >= short.MinValue and <= short.MaxValue)
                            return (0x05, Bytes(2, b => BinaryPrimitives.WriteInt16LittleEndian(b, (short)integer)));
                        if (integer is >= int.MinValue and <= int.MaxValue)
                            return (0x07, Bytes(4, b => BinaryPrimitives.WriteInt32LittleEndian(b, (int)integer)));
                        return (0x09, Bytes(8, b => BinaryPrimitives.WriteInt64LittleEndian(b, integer)));
                    }

                    var unsigned = ulong.Parse(text, CultureInfo.InvariantCulture);
                    return (0x0A, Bytes(8, b => BinaryPrimitives.WriteUInt64LittleEndian(b, unsigned)));
                }

                var real = double.Parse(text, CultureInfo.InvariantCulture);
                return (0x0B, Bytes(8, b => BinaryPrimitives.WriteDoubleLittleEndian(b, real)));
            default:
                throw new ArgumentException($"unsupported value {value}", nameof(value));
        }
    }

    private static byte[] Container(List<(string? Key, JsonNode? Value)> members, bool isObject, bool large)
    {
        var offsetSize = large ? 4 : 2;
        var count = members.Count;
        var headerSize = (2 * offsetSize) + (isObject ? count * (offsetSize + 2) : 0) + (count * (1 + offsetSize));
        var body = new List<byte>();
        var keyEntries = new List<byte>();
        var valueEntries = new List<byte>();

        if (isObject)
        {
            foreach (var (key, _) in members)
            {
                var utf8 = Encoding.UTF8.GetBytes(key!);
                keyEntries.AddRange(Offset(headerSize + body.Count, large));
                keyEntries.AddRange(BitConverter.GetBytes((ushort)utf8.Length));
                body.AddRange(utf8);
            }
        }

        foreach (var (_, value) in members)
        {
            var (type, payload) = EncodeValue(value, large);
            valueEntries.Add(type);
            var inlined = type is 0x04 or 0x05 or 0x06 || (large && type is 0x07 or 0x08);
            if (inlined)
            {
                var field = new byte[offsetSize];
                payload.CopyTo(field, 0);
                valueEntries.AddRange(field);
            }
            else
            {
                valueEntries.AddRange(Offset(headerSize + body.Count, large));
                body.AddRange(payload);
            }
        }

        var size = headerSize + body.Count;
        return [.. Offset(count, large), .. Offset(size, large), .. keyEntries, .. valueEntries, .. body];
    }

    public static byte[] VariableLength(int length)
    {
        var bytes = new List<byte>();
        var value = (uint)length;
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value != 0 ? (byte)(b | 0x80) : b);
        }
        while (value != 0);
        return [.. bytes];
    }

    private static byte[] Offset(int value, bool large) =>
        large ? BitConverter.GetBytes((uint)value) : BitConverter.GetBytes(checked((ushort)value));

    private static byte[] Bytes(int length, Action<Span<byte>> write)
    {
        var bytes = new byte[length];
        write(bytes);
        return bytes;
    }
}
