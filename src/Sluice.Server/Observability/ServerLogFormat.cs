namespace Sluice.Server.Observability;

/// <summary>How the server writes its log lines.</summary>
public enum ServerLogFormat
{
    /// <summary>One line per entry: time, level, category and message.</summary>
    Text,

    /// <summary>One JSON object per line, with the message's fields (task, source, error code, …) under "State".</summary>
    Json,
}
