using System.Text.RegularExpressions;
using Sluice.ChangeFeed.Model;
using Sluice.Replication.Ddl;

namespace Sluice.ChangeFeed.Processing;

/// <summary>TiDB's action type of a DDL statement, as protocols that carry it (open-protocol, simple) write it.</summary>
internal static partial class DdlActions
{
    public static DdlActionType Of(DdlStatement statement) => statement.Kind switch
    {
        DdlKind.CreateDatabase => DdlActionType.CreateSchema,
        DdlKind.DropDatabase => DdlActionType.DropSchema,
        DdlKind.AlterDatabase => DdlActionType.ModifySchemaCharsetAndCollate,
        DdlKind.CreateTable => DdlActionType.CreateTable,
        DdlKind.DropTable => DdlActionType.DropTable,
        DdlKind.TruncateTable => DdlActionType.TruncateTable,
        DdlKind.RenameTable => DdlActionType.RenameTable,
        DdlKind.CreateIndex => DdlActionType.AddIndex,
        DdlKind.DropIndex => DdlActionType.DropIndex,
        DdlKind.CreateView => DdlActionType.CreateView,
        DdlKind.DropView => DdlActionType.DropView,
        DdlKind.AlterTable => OfAlter(statement.Sql),
        _ => DdlActionType.None,
    };

    /// <summary>The first change of an ALTER TABLE decides its action type, as TiDB splits multi-change ALTERs.</summary>
    private static DdlActionType OfAlter(string sql)
    {
        var match = FirstSpec().Match(sql);
        if (!match.Success)
            return DdlActionType.ModifyColumn;
        var spec = match.Groups["spec"].Value.ToUpperInvariant();
        spec = Whitespace().Replace(spec, " ");
        return spec switch
        {
            _ when spec.StartsWith("ADD PRIMARY", StringComparison.Ordinal) || spec.StartsWith("ADD CONSTRAINT", StringComparison.Ordinal) && spec.Contains("PRIMARY", StringComparison.Ordinal) => DdlActionType.AddPrimaryKey,
            _ when spec.StartsWith("ADD FOREIGN", StringComparison.Ordinal) => DdlActionType.AddForeignKey,
            _ when spec.StartsWith("ADD INDEX", StringComparison.Ordinal) || spec.StartsWith("ADD KEY", StringComparison.Ordinal)
                || spec.StartsWith("ADD UNIQUE", StringComparison.Ordinal) || spec.StartsWith("ADD FULLTEXT", StringComparison.Ordinal)
                || spec.StartsWith("ADD SPATIAL", StringComparison.Ordinal) || spec.StartsWith("ADD CONSTRAINT", StringComparison.Ordinal) => DdlActionType.AddIndex,
            _ when spec.StartsWith("ADD PARTITION", StringComparison.Ordinal) => DdlActionType.AddTablePartition,
            _ when spec.StartsWith("ADD", StringComparison.Ordinal) => DdlActionType.AddColumn,
            _ when spec.StartsWith("DROP PRIMARY", StringComparison.Ordinal) => DdlActionType.DropPrimaryKey,
            _ when spec.StartsWith("DROP FOREIGN", StringComparison.Ordinal) => DdlActionType.DropForeignKey,
            _ when spec.StartsWith("DROP INDEX", StringComparison.Ordinal) || spec.StartsWith("DROP KEY", StringComparison.Ordinal) => DdlActionType.DropIndex,
            _ when spec.StartsWith("DROP PARTITION", StringComparison.Ordinal) => DdlActionType.DropTablePartition,
            _ when spec.StartsWith("TRUNCATE PARTITION", StringComparison.Ordinal) => DdlActionType.TruncateTablePartition,
            _ when spec.StartsWith("DROP", StringComparison.Ordinal) => DdlActionType.DropColumn,
            _ when spec.StartsWith("RENAME INDEX", StringComparison.Ordinal) || spec.StartsWith("RENAME KEY", StringComparison.Ordinal) => DdlActionType.RenameIndex,
            _ when spec.StartsWith("ALTER", StringComparison.Ordinal) && spec.Contains("DEFAULT", StringComparison.Ordinal) => DdlActionType.SetDefaultValue,
            _ when spec.StartsWith("COMMENT", StringComparison.Ordinal) => DdlActionType.ModifyTableComment,
            _ when spec.StartsWith("AUTO_INCREMENT", StringComparison.Ordinal) => DdlActionType.RebaseAutoId,
            _ when spec.StartsWith("CONVERT TO", StringComparison.Ordinal) || spec.StartsWith("CHARACTER SET", StringComparison.Ordinal)
                || spec.StartsWith("DEFAULT CHARACTER", StringComparison.Ordinal) || spec.StartsWith("CHARSET", StringComparison.Ordinal) => DdlActionType.ModifyTableCharsetAndCollate,
            _ => DdlActionType.ModifyColumn,
        };
    }

    // ALTER [ONLINE] [IGNORE] TABLE [IF EXISTS] name spec…: the name may be quoted and qualified.
    [GeneratedRegex(@"^\s*ALTER\s+(?:ONLINE\s+)?(?:IGNORE\s+)?TABLE\s+(?:IF\s+EXISTS\s+)?(?:`(?:[^`]|``)*`|[^\s.`]+)(?:\s*\.\s*(?:`(?:[^`]|``)*`|[^\s.`]+))?\s+(?<spec>[A-Za-z_]+(?:\s+[A-Za-z_]+){0,2})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FirstSpec();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
