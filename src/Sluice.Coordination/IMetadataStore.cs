namespace Sluice.Coordination;

/// <summary>
/// Where the server keeps what users registered: sources, tasks, templates, changefeeds. Documents are opaque JSON
/// kept by kind and name, with a version that grows on every write, so that a caller can refuse to overwrite a
/// change it has not seen. The embedded store is SQLite (<see cref="SqliteMetadataStore"/>); a cluster keeps the same
/// documents in etcd.
/// </summary>
public interface IMetadataStore
{
    /// <summary>The document, or null when none is stored under that kind and name.</summary>
    Task<StoredDocument?> GetAsync(string kind, string name, CancellationToken cancellationToken);

    /// <summary>Every document of a kind, by name.</summary>
    Task<IReadOnlyList<StoredDocument>> ListAsync(string kind, CancellationToken cancellationToken);

    /// <summary>Stores a new document; null when one of that kind and name exists already.</summary>
    Task<StoredDocument?> CreateAsync(string kind, string name, string document, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces a document; null when there is none, or when <paramref name="expectedVersion"/> is given and the
    /// stored version differs (someone else wrote it since).
    /// </summary>
    Task<StoredDocument?> UpdateAsync(string kind, string name, string document, long? expectedVersion, CancellationToken cancellationToken);

    /// <summary>Removes a document; false when there was none.</summary>
    Task<bool> DeleteAsync(string kind, string name, CancellationToken cancellationToken);
}

/// <summary>A stored document: <see cref="Version"/> starts at 1 and grows by one on every update.</summary>
public sealed record StoredDocument(string Kind, string Name, string Document, long Version, DateTimeOffset UpdatedAt);
