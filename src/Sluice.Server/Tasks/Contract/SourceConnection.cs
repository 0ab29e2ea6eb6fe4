namespace Sluice.Server.Tasks.Contract;

/// <summary>
/// How to reach a registered source, as the server holds it once the stored password is unsealed. Only ever kept in
/// memory for building a task; never serialized.
/// </summary>
/// <param name="Password">In clear.</param>
/// <param name="Tls">Certificate contents from the source's security; null for none.</param>
public sealed record SourceConnection(string Host, int Port, string User, string Password, TlsContents? Tls = null)
{
    /// <summary>Keeps the password out of logs and exception messages that print the record.</summary>
    public override string ToString() => $"{User}@{Host}:{Port}";
}

/// <summary>PEM contents of a CA, a client certificate and its key; null where not given.</summary>
public sealed record TlsContents(string? Ca, string? Cert, string? Key)
{
    public bool IsEmpty => Ca is null && Cert is null && Key is null;

    /// <summary>Keeps the private key out of logs.</summary>
    public override string ToString() => $"TlsContents {{ Ca = {Ca is not null}, Cert = {Cert is not null}, Key = {Key is not null} }}";
}

/// <summary>Files holding <see cref="TlsContents"/>, which is how the engine's connections take certificates.</summary>
public sealed record TlsFiles(string? Ca, string? Cert, string? Key);
