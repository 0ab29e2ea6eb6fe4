namespace Sluice.Migration.Dump;

/// <summary>Where a running dump stands; reported after every chunk and once at the end.</summary>
public sealed record DumpProgress
{
    public required int TotalTables { get; init; }

    public required int FinishedTables { get; init; }

    /// <summary>Rows written so far.</summary>
    public required long Rows { get; init; }

    /// <summary>Bytes of data files written so far.</summary>
    public required long Bytes { get; init; }

    /// <summary>The tables' row estimates (information_schema), the base of <see cref="Percent"/>.</summary>
    public required long EstimatedRows { get; init; }

    /// <summary>0 to 100, by rows against the estimate; 100 only when the dump is finished.</summary>
    public required double Percent { get; init; }

    public required double BytesPerSecond { get; init; }

    public required TimeSpan Elapsed { get; init; }

    /// <summary>Things an operator should know: tables without a usable key, a lock fallback, no binlog position.</summary>
    public required IReadOnlyList<string> Warnings { get; init; }
}
