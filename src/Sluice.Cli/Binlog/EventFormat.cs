namespace Sluice.Cli.Binlog;

/// <summary>How <c>sluice binlog</c> prints events.</summary>
internal enum EventFormat
{
    /// <summary>One JSON object per line.</summary>
    Json,

    /// <summary>mysqlbinlog-like readable lines.</summary>
    Text,

    /// <summary>Decode only, print a summary at the end (for measuring).</summary>
    None,
}
