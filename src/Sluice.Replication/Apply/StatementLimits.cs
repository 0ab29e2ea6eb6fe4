namespace Sluice.Replication.Apply;

/// <summary>How large one batched statement may grow; a batch that would pass a limit is split.</summary>
/// <remarks>
/// A statement's packet must fit the server's max_allowed_packet
/// (https://dev.mysql.com/doc/refman/8.0/en/server-system-variables.html#sysvar_max_allowed_packet). A single row
/// larger than <see cref="MaxBytes"/> still goes alone: it cannot be split further. The values are written into
/// the statements (<see cref="SqlValueWriter"/>), so <see cref="MaxBytes"/> counts them as sent, and there are no
/// placeholders to count.
/// </remarks>
public sealed record StatementLimits
{
    public const int MaxPlaceholders = 65_535;

    /// <summary>
    /// Most placeholders a statement could take, at most <see cref="MaxPlaceholders"/> (a prepared statement's limit, the
    /// count being 2 bytes in COM_STMT_PREPARE_OK). Still validated, but binds nothing: statements have no placeholders.
    /// </summary>
    public int MaxParameters { get; init; } = MaxPlaceholders;

    /// <summary>Most bytes per statement, e.g. the target's max_allowed_packet less some room.</summary>
    public long MaxBytes { get; init; } = 4L << 20;

    /// <summary>Most rows per statement.</summary>
    public int MaxRows { get; init; } = 1024;

    public static StatementLimits Default { get; } = new();

    /// <summary>Limits for a target whose max_allowed_packet is <paramref name="maxAllowedPacket"/>: a statement of at most
    /// that size less 1 KiB for the packet header and the server's own overhead.</summary>
    public static StatementLimits ForMaxAllowedPacket(long maxAllowedPacket) =>
        new() { MaxBytes = Math.Max(1024, maxAllowedPacket - 1024) };

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxParameters, 1, nameof(MaxParameters));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxParameters, MaxPlaceholders, nameof(MaxParameters));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBytes, 1, nameof(MaxBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRows, 1, nameof(MaxRows));
    }
}
