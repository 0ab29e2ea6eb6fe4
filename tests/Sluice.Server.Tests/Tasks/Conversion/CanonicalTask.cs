using Sluice.Server.Tasks.Contract;

namespace Sluice.Server.Tests.Tasks.Conversion;

/// <summary>
/// A task in a form where two tasks that mean the same compare equal as text: filter templates named by their
/// contents (so generated names do not matter), on_duplicate as the loader applies it, table rules grouped by
/// source in source_conf order, and empty parts left out.
/// </summary>
internal static class CanonicalTask
{
    public static string Of(ApiTask task)
    {
        var templates = task.BinlogFilterRule ?? new Dictionary<string, TaskBinlogFilterRule>();
        string ContentName(string name) => TaskJson.Serialize(new ApiTask { BinlogFilterRule = new Dictionary<string, TaskBinlogFilterRule> { ["t"] = templates[name] } });

        var sources = task.SourceConfig?.SourceConf ?? [];
        var rules = (task.TableMigrateRule ?? [])
            .OrderBy(rule => sources.ToList().FindIndex(source => source.SourceName == rule.Source?.SourceName))
            .Select(rule => rule with { BinlogFilterRule = rule.BinlogFilterRule?.Select(ContentName).ToList() })
            .ToList();
        var full = task.SourceConfig?.FullMigrateConf;
        var onDuplicate = !string.IsNullOrEmpty(full?.OnDuplicateLogical) ? full.OnDuplicateLogical : task.OnDuplicate;
        full = full is null ? null : full with { OnDuplicateLogical = null };
        var security = task.TargetConfig?.Security is { } given && (!given.ToTlsContents().IsEmpty || given.CertAllowedCn is { Count: > 0 })
            ? given with { SslCaContent = Blank(given.SslCaContent), SslCertContent = Blank(given.SslCertContent), SslKeyContent = Blank(given.SslKeyContent) }
            : null;

        return TaskJson.Serialize(task with
        {
            OnDuplicate = onDuplicate == "overwrite" ? "replace" : onDuplicate,
            TargetConfig = task.TargetConfig is null ? null : task.TargetConfig with { Security = security },
            BinlogFilterRule = rules.Any(rule => rule.BinlogFilterRule is not null)
                ? rules.SelectMany(rule => rule.BinlogFilterRule ?? []).Distinct().ToDictionary(name => name, _ => new TaskBinlogFilterRule())
                : null,
            TableMigrateRule = rules,
            StatusList = null,
            SourceConfig = task.SourceConfig is null ? null : task.SourceConfig with
            {
                FullMigrateConf = full == new TaskFullMigrateConf() ? null : full,
            },
        });
    }

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
