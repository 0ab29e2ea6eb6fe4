using Sluice.MySql.Protocol;

namespace Sluice.MySql.Binlog.Rows.Readers;

/// <summary>
/// ENUM: the 1-based member index in 1 or 2 bytes little-endian (0 is the empty "error" value) → the member
/// name, or the index (int) when the names are not known.
/// </summary>
internal sealed class EnumColumnReader(int packLength, string[]? names) : ColumnReader
{
    public override object Read(ref ByteReader reader)
    {
        var offset = reader.Offset;
        var index = (int)reader.ReadFixedLengthUInt(packLength);
        if (names is null)
            return index;
        if (index == 0)
            return string.Empty;
        if (index > names.Length)
            throw new MySqlDecodingException($"expected an ENUM index of 0..{names.Length}, found {index}", offset);
        return names[index - 1];
    }
}

/// <summary>
/// SET: a little-endian bitmask of 1, 2, 3, 4 or 8 bytes, bit i for member i → the member names joined
/// by ',' in declaration order (as SELECT prints them), or the bitmask (ulong) when the names are not known.
/// </summary>
internal sealed class SetColumnReader(int packLength, string[]? names) : ColumnReader
{
    public override object Read(ref ByteReader reader)
    {
        var offset = reader.Offset;
        var mask = reader.ReadFixedLengthUInt(packLength);
        if (names is null)
            return mask;
        if (names.Length < 64 && mask >> names.Length != 0)
            throw new MySqlDecodingException($"expected a SET bitmask of {names.Length} members, found 0x{mask:X}", offset);
        if (mask == 0)
            return string.Empty;

        var members = Math.Min(names.Length, 64);
        var length = -1;
        for (var i = 0; i < members; i++)
        {
            if ((mask & (1UL << i)) != 0)
                length += names[i].Length + 1;
        }

        return string.Create(length, (mask, names), static (span, state) =>
        {
            var position = 0;
            for (var i = 0; i < state.names.Length && i < 64; i++)
            {
                if ((state.mask & (1UL << i)) == 0)
                    continue;
                if (position > 0)
                    span[position++] = ',';
                state.names[i].CopyTo(span[position..]);
                position += state.names[i].Length;
            }
        });
    }
}
