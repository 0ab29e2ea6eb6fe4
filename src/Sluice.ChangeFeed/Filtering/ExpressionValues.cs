using Sluice.MySql.Binlog.Rows;

namespace Sluice.ChangeFeed.Filtering;

/// <summary>
/// Brings a row's values, typed as the binlog decoder gives them, to the types the expression evaluator compares
/// as MySQL does: DECIMAL as <see cref="decimal"/> (its text when it does not fit exactly, which then compares as a
/// number), DATE as <see cref="DateOnly"/>, DATETIME as <see cref="DateTime"/>, TIMESTAMP as its UTC
/// <see cref="DateTime"/>, TIME as <see cref="TimeSpan"/>; zero dates keep their text ("0000-00-00"). Everything else
/// (integers, YEAR, floats, strings, ENUM and SET names, bytes, NULL) the evaluator takes as it is.
/// </summary>
internal static class ExpressionValues
{
    public static object?[] From(IReadOnlyList<object?> image)
    {
        var values = new object?[image.Count];
        for (var i = 0; i < values.Length; i++)
            values[i] = Convert(image[i]);
        return values;
    }

    public static object? Convert(object? value) => value switch
    {
        MySqlDecimal d => d.TryToDecimal(out var exact) ? exact : d.ToString(),
        MySqlDate d => d.TryToDateOnly(out var date) ? date : d.ToString(),
        MySqlDateTime dt => dt.TryToDateTime(out var dateTime) ? dateTime : dt.ToString(),
        MySqlTimestamp ts => ts.TryToDateTimeOffset(out var instant) ? instant.UtcDateTime : ts.ToString(),
        MySqlTime t => t.ToTimeSpan(),
        _ => value,
    };
}
