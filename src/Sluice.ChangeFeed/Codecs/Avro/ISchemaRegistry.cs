namespace Sluice.ChangeFeed.Codecs.Avro;

/// <summary>A Confluent-compatible schema registry, as far as the avro protocol needs one: registering schemas under subjects.</summary>
/// <remarks>https://docs.confluent.io/platform/current/schema-registry/develop/api.html</remarks>
public interface ISchemaRegistry
{
    /// <summary>Registers <paramref name="schema"/> (Avro schema JSON) under <paramref name="subject"/> and returns its global id
    /// (the id it already has when the registry knows it).</summary>
    ValueTask<int> RegisterAsync(string subject, string schema, CancellationToken cancellationToken);
}
