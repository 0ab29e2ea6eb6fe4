using Sluice.Replication.Ddl;

namespace Sluice.ChangeFeed.Model;

/// <summary>One DDL statement committed on the source, with the structure it leaves the table in.</summary>
public sealed class DdlEvent
{
    public required Tso CommitTs { get; init; }

    public Tso StartTs { get; init; }

    /// <summary>The schema the statement acts on (for CREATE/DROP DATABASE, the database itself).</summary>
    public required string Schema { get; init; }

    /// <summary>The table the statement acts on (the new name for a rename); null for database statements.</summary>
    public string? Table { get; init; }

    /// <summary>The statement as the source logged it (one statement; multi-table RENAME and DROP come split).</summary>
    public required string Query { get; init; }

    public required DdlKind Kind { get; init; }

    /// <summary>The table's structure after the statement; null when it drops the table, or for database statements.</summary>
    public ChangeTable? TableAfter { get; init; }

    /// <summary>The table's structure before the statement; null when it creates the table, or when unknown.</summary>
    public ChangeTable? TableBefore { get; init; }

    /// <summary>For RENAME TABLE: the old schema and table.</summary>
    public (string Schema, string Table)? PreviousName { get; init; }

    /// <summary>TiDB's action type number for this statement (model.ActionType), as open-protocol and simple write it.</summary>
    public DdlActionType ActionType { get; init; }
}

/// <summary>TiDB's <c>model.ActionType</c> numbers of the DDL kinds a MySQL source produces.</summary>
/// <remarks>https://github.com/pingcap/tidb/blob/master/pkg/meta/model/job.go</remarks>
public enum DdlActionType
{
    None = 0,
    CreateSchema = 1,
    DropSchema = 2,
    CreateTable = 3,
    DropTable = 4,
    AddColumn = 5,
    DropColumn = 6,
    AddIndex = 7,
    DropIndex = 8,
    AddForeignKey = 9,
    DropForeignKey = 10,
    TruncateTable = 11,
    ModifyColumn = 12,
    RebaseAutoId = 13,
    RenameTable = 14,
    SetDefaultValue = 15,
    ShardRowId = 16,
    ModifyTableComment = 17,
    RenameIndex = 18,
    AddTablePartition = 19,
    DropTablePartition = 20,
    CreateView = 21,
    ModifyTableCharsetAndCollate = 22,
    TruncateTablePartition = 23,
    DropView = 24,
    RecoverTable = 25,
    ModifySchemaCharsetAndCollate = 26,
    AddPrimaryKey = 32,
    DropPrimaryKey = 33,
}
