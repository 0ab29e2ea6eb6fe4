using System.Globalization;
using System.Security.Cryptography;
using Sluice.Coordination;

namespace Sluice.Server.Cluster;

/// <summary>
/// The cluster_id: a random 64-bit number chosen on first start and kept in the metadata store, so that it stays
/// the same across restarts (DM derives it once when its etcd cluster is created).
/// </summary>
internal sealed class ClusterIdentity(IMetadataStore store)
{
    private const string Kind = "cluster";
    private const string Name = "cluster_id";

    public async Task<ulong> GetOrCreateAsync(CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(Kind, Name, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            var fresh = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(sizeof(ulong))) >> 1; // stays a positive JSON integer for any client
            stored = await store.CreateAsync(Kind, Name, fresh.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false)
                ?? await store.GetAsync(Kind, Name, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("the cluster id could be neither stored nor read");
        }

        return ulong.Parse(stored.Document, CultureInfo.InvariantCulture);
    }
}
