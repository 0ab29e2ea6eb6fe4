namespace Sluice.Server.Errors;

/// <summary>The spec's ErrorWithMessage: the body of every failed call.</summary>
public sealed record ErrorWithMessage(string ErrorMsg, int ErrorCode);
