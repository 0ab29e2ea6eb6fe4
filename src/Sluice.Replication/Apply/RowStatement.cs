using MySqlConnector;

namespace Sluice.Replication.Apply;

/// <summary>One parameterised statement that applies some rows of one table.</summary>
public sealed class RowStatement
{
    private readonly object[] _values;

    internal RowStatement(string commandText, object[] values, int rowCount, long estimatedBytes)
    {
        CommandText = commandText;
        _values = values;
        RowCount = rowCount;
        EstimatedBytes = estimatedBytes;
    }

    /// <summary>The SQL with positional <c>?</c> placeholders.</summary>
    public string CommandText { get; }

    /// <summary>The placeholders' values, in order (<see cref="DBNull.Value"/> for NULL).</summary>
    public IReadOnlyList<object> Values => _values;

    /// <summary>How many row changes the statement applies.</summary>
    public int RowCount { get; }

    /// <summary>An upper bound of the statement's size on the wire once the parameters are put in.</summary>
    public long EstimatedBytes { get; }

    /// <summary>A command for this statement; may be called again (each command gets its own parameters).</summary>
    public MySqlCommand CreateCommand(MySqlConnection connection, MySqlTransaction? transaction = null)
    {
        var command = new MySqlCommand(CommandText, connection, transaction);
        foreach (var value in _values)
            command.Parameters.Add(new MySqlParameter { Value = value });
        return command;
    }

    /// <summary>The same statement as one command of a <see cref="MySqlBatch"/>.</summary>
    public MySqlBatchCommand CreateBatchCommand()
    {
        var command = new MySqlBatchCommand(CommandText);
        foreach (var value in _values)
            command.Parameters.Add(new MySqlParameter { Value = value });
        return command;
    }

    public override string ToString() => CommandText;
}
