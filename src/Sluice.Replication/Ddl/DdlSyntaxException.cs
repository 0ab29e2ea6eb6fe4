namespace Sluice.Replication.Ddl;

/// <summary>
/// Raised inside the lexer and parser only; <see cref="DdlParser.Parse"/> turns it into an
/// <see cref="DdlKind.Unknown"/> statement carrying the message as its reason.
/// </summary>
internal sealed class DdlSyntaxException(string message) : Exception(message);
