using MySqlConnector;

namespace Sluice.Replication.Apply;

/// <summary>One parameterised statement that applies some rows of one table.</summary>
public sealed class RowStatement
{
    private readonly MySqlParameter[] _parameters;

    internal RowStatement(string commandText, MySqlParameter[] parameters, int rowCount, long estimatedBytes)
    {
        CommandText = commandText;
        _parameters = parameters;
        RowCount = rowCount;
        EstimatedBytes = estimatedBytes;
    }

    /// <summary>The SQL with @p0, @p1, … placeholders.</summary>
    public string CommandText { get; }

    public IReadOnlyList<MySqlParameter> Parameters => _parameters;

    /// <summary>How many row changes the statement applies.</summary>
    public int RowCount { get; }

    /// <summary>An upper bound of the statement's size on the wire once the parameters are put in.</summary>
    public long EstimatedBytes { get; }

    /// <summary>A command for this statement; may be called again (each command gets its own parameter copies).</summary>
    public MySqlCommand CreateCommand(MySqlConnection connection, MySqlTransaction? transaction = null)
    {
        var command = new MySqlCommand(CommandText, connection, transaction);
        foreach (var parameter in _parameters)
            command.Parameters.Add(parameter.Clone());
        return command;
    }

    /// <summary>The same statement as one command of a <see cref="MySqlBatch"/>.</summary>
    public MySqlBatchCommand CreateBatchCommand()
    {
        var command = new MySqlBatchCommand(CommandText);
        foreach (var parameter in _parameters)
            command.Parameters.Add(parameter.Clone());
        return command;
    }

    public override string ToString() => CommandText;
}
