namespace Sluice.MySql.Binlog.Decoding;

/// <summary>Builds the <see cref="MySqlDecodingException"/>s of the binlog decoder, so every message names the event.</summary>
internal static class DecodingErrors
{
    /// <summary>"WriteRowsV1 (type 23)", or "type 200" for a code the enum does not name.</summary>
    public static string Describe(BinlogEventType type) =>
        Enum.IsDefined(type) ? $"{type} (type {(byte)type})" : $"type {(byte)type}";

    /// <summary>The message of <paramref name="exception"/> without the "(at offset N)" suffix its constructor added.</summary>
    public static string BareMessage(MySqlDecodingException exception)
    {
        var suffix = $" (at offset {exception.Offset})";
        var message = exception.Message;
        return message.EndsWith(suffix, StringComparison.Ordinal) ? message[..^suffix.Length] : message;
    }

    /// <summary>Re-throws a failure from a reader over a slice (a TLV field, decompressed data) with the slice's place in the event.</summary>
    public static MySqlDecodingException Rebase(MySqlDecodingException exception, int baseOffset, string context) =>
        new($"{context}: {BareMessage(exception)} (at offset {exception.Offset} of it)", baseOffset + exception.Offset, exception);

    /// <summary>Wraps an exception that is not ours (zlib, a value reader) thrown while reading at <paramref name="offset"/>.</summary>
    public static MySqlDecodingException Foreign(Exception exception, int offset, string context) =>
        new($"{context}: {exception.GetType().Name}: {exception.Message}", offset, exception);

    /// <summary>True for exceptions that say the process is in trouble rather than the bytes are bad.</summary>
    public static bool IsFatal(Exception exception) =>
        exception is OutOfMemoryException or InsufficientExecutionStackException or ThreadAbortException;
}
