namespace Sluice.Cli;

/// <summary>Something the user gave the command (a file, a value) that it cannot use; the message says what and where.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
