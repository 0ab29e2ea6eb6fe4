using Sluice.Replication.Filtering;

namespace Sluice.Replication.Ddl;

/// <summary>
/// A table name found in a statement, with the span of source text it covers (both parts and the dot) and the
/// executable comment it sits in (0 for none).
/// </summary>
internal readonly record struct NameRef(TableName Name, int Start, int End, int Comment);
