namespace Sluice.Server.Tasks.Contract;

/// <summary>Writes certificate contents given through the API to files the engine's connections can read.</summary>
public interface ITlsFileStore
{
    /// <summary>The files holding <paramref name="contents"/>; the same contents give the same files.</summary>
    TlsFiles Save(TlsContents contents);
}
