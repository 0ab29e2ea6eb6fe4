using MySqlConnector;

namespace Sluice.Replication.Apply;

/// <summary>One statement that applies some rows of one table, its values written in (<see cref="SqlValueWriter"/>).</summary>
public sealed class RowStatement
{
    internal RowStatement(string commandText, int rowCount, long bytes)
    {
        CommandText = commandText;
        RowCount = rowCount;
        Bytes = bytes;
    }

    /// <summary>The SQL, with no placeholders: it runs on a <see cref="WriterSession"/> connection as it is.</summary>
    public string CommandText { get; }

    /// <summary>How many row changes the statement applies.</summary>
    public int RowCount { get; }

    /// <summary>The statement's size on the wire: the UTF-8 bytes of <see cref="CommandText"/>.</summary>
    public long Bytes { get; }

    /// <summary>A command for this statement, without parameters; may be called again.</summary>
    public MySqlCommand CreateCommand(MySqlConnection connection, MySqlTransaction? transaction = null) =>
        new(CommandText, connection, transaction);

    /// <summary>
    /// The same statement as one command of a <see cref="MySqlBatch"/>. MySqlConnector still scans the text of a
    /// command without parameters for placeholders (and finds none outside the quoted values), but creates no
    /// parameter objects and infers no types.
    /// </summary>
    public MySqlBatchCommand CreateBatchCommand() => new(CommandText);

    public override string ToString() => CommandText;
}
