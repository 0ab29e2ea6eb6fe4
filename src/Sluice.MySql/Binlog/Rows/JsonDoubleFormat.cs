using System.Globalization;

namespace Sluice.MySql.Binlog.Rows;

/// <summary>
/// Prints a JSON double the way MySQL does, with the shortest digits that read back to the same double.
/// </summary>
/// <remarks>
/// MySQL prints JSON doubles with my_gcvt(value, MY_GCVT_ARG_DOUBLE, MY_GCVT_MAX_FIELD_WIDTH), which asks dtoa
/// for the shortest round-trip digits and, for a field that wide, lays them out in plain notation when the
/// decimal exponent (decpt, with value = 0.d1d2... x 10^decpt) is between -14 and 15, or when there are
/// more digits than decpt; otherwise as d.ddde[-]x. It then appends ".0" when the text has neither '.' nor
/// 'e', so a double stays distinguishable from an integer (json_dom.cc, wrapper_to_string). .NET's "R"
/// format gives the same shortest digits, which are laid out here by those rules:
/// 0.1 → 0.1, 2 → 2.0, 1e15 → 1e15, 1e-15 → 0.000000000000001, 1e-16 → 1e-16, -1.5e300 → -1.5e300.
/// </remarks>
internal static class JsonDoubleFormat
{
    private const int MaxDecptForPlainNotation = 15;   // DBL_DIG, MySQL's MAX_DECPT_FOR_F_FORMAT
    private const int MinDecptForPlainNotation = -14;  // 1 - MAX_DECPT_FOR_F_FORMAT

    public static void Write(ref JsonTextBuffer text, double value, int offset)
    {
        // MySQL refuses to store NaN or infinity in JSON, so one here means corrupt bytes.
        if (!double.IsFinite(value))
            throw new MySqlDecodingException($"expected a finite JSON double, found {value.ToString(CultureInfo.InvariantCulture)}", offset);

        Span<char> shortest = stackalloc char[32];
        value.TryFormat(shortest, out var written, "R", CultureInfo.InvariantCulture);
        shortest = shortest[..written];

        var negative = shortest[0] == '-' || double.IsNegative(value);
        Span<byte> digits = stackalloc byte[24];
        var digitCount = 0;
        var pointAt = -1;
        var exponent = 0;
        var i = shortest[0] == '-' ? 1 : 0;
        for (; i < shortest.Length; i++)
        {
            var c = shortest[i];
            if (c == '.')
            {
                pointAt = digitCount;
            }
            else if (c is 'E' or 'e')
            {
                exponent = int.Parse(shortest[(i + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                break;
            }
            else
            {
                digits[digitCount++] = (byte)c;
            }
        }

        var decpt = (pointAt < 0 ? digitCount : pointAt) + exponent;
        var lead = 0;
        while (lead < digitCount - 1 && digits[lead] == '0')
        {
            lead++;
            decpt--;
        }

        var significant = digits[lead..digitCount];
        var trail = significant.Length;
        while (trail > 1 && significant[trail - 1] == '0')
            trail--;
        significant = significant[..trail];
        if (significant is [(byte)'0'])
            decpt = 1;

        var output = text.GetSpan(40);
        var at = 0;
        if (negative)
            output[at++] = (byte)'-';

        var length = significant.Length;
        var plain = decpt >= MinDecptForPlainNotation && (decpt <= MaxDecptForPlainNotation || length > decpt);
        if (plain && decpt <= 0)
        {
            output[at++] = (byte)'0';
            output[at++] = (byte)'.';
            for (var z = decpt; z < 0; z++)
                output[at++] = (byte)'0';
            significant.CopyTo(output[at..]);
            at += length;
        }
        else if (plain && decpt < length)
        {
            significant[..decpt].CopyTo(output[at..]);
            at += decpt;
            output[at++] = (byte)'.';
            significant[decpt..].CopyTo(output[at..]);
            at += length - decpt;
        }
        else if (plain)
        {
            significant.CopyTo(output[at..]);
            at += length;
            for (var z = length; z < decpt; z++)
                output[at++] = (byte)'0';
            output[at++] = (byte)'.';
            output[at++] = (byte)'0';
        }
        else
        {
            output[at++] = significant[0];
            if (length > 1)
            {
                output[at++] = (byte)'.';
                significant[1..].CopyTo(output[at..]);
                at += length - 1;
            }

            output[at++] = (byte)'e';
            var power = decpt - 1;
            if (power < 0)
            {
                output[at++] = (byte)'-';
                power = -power;
            }

            power.TryFormat(output[at..], out var powerLength, default, CultureInfo.InvariantCulture);
            at += powerLength;
        }

        text.Advance(at);
    }
}
