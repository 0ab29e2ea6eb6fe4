namespace Sluice.ChangeFeed.Tests.Codecs.Decoding;

/// <summary>One csv record read back: the meta columns and the column values as text (null for the null string).</summary>
/// <param name="Operation">"I", "U" or "D".</param>
/// <param name="CommitTs">The commit ts column, when include-commit-ts.</param>
/// <param name="IsUpdate">The is-update column, when output-old-value.</param>
public sealed record CsvRecord(string Operation, string Table, string Schema, ulong? CommitTs, bool? IsUpdate, IReadOnlyList<string?> Values);
